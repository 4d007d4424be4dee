// Opt-in (SCALE_PROFILE=1): where the worker's time goes while it plans and, later, while it saves files; the
// top functions by self time of a V8 CPU profile (tests/bench/profile.ts) for each phase. Costs some speed:
// the run's figures are only meaningful without it.
import type { Page } from 'playwright-core';
import { profileWorker, type WorkerProfiler } from '../bench/profile.ts';
import { log } from '../bench/util.ts';
import type { Harness } from '../e2e/harness.ts';

const EXPORT_PHASE_MS = 60_000;

export class PhaseProfiles {
  private current: WorkerProfiler | undefined;
  private phase: 'planning' | 'export' | 'done' = 'planning';
  private exportStarted = 0;

  constructor(
    private readonly harness: Harness,
    private readonly page: Page,
    private readonly enabled = process.env.SCALE_PROFILE === '1',
  ) {}

  async start(): Promise<void> {
    if (this.enabled) this.current = await profileWorker(this.harness, this.page);
  }

  /** Called at every look at the export: ends the planning profile once planned, the export's a minute later. */
  async update(planned: boolean): Promise<void> {
    if (!this.enabled || this.phase === 'done') return;
    if (this.phase === 'planning' && planned) {
      await this.print('planning');
      this.phase = 'export';
      this.exportStarted = Date.now();
      this.current = await profileWorker(this.harness, this.page);
    } else if (this.phase === 'export' && Date.now() - this.exportStarted > EXPORT_PHASE_MS) {
      await this.print('saving files (first minute)');
      this.phase = 'done';
    }
  }

  async stop(): Promise<void> {
    if (this.enabled && this.phase !== 'done') await this.print(this.phase);
    this.phase = 'done';
  }

  private async print(what: string): Promise<void> {
    const lines = (await this.current?.stop().catch((error: unknown) => [`profile lost: ${String(error)}`])) ?? [];
    this.current = undefined;
    log(`worker CPU profile, ${what}:\n${lines.join('\n')}`);
  }
}
