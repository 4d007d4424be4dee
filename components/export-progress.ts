// The progress of the export a page started, over the background's port; opened again if the background was
// restarted. The bar shows where it stands, a paused export's reason, and offers Resume.
import { browser } from 'wxt/browser';
import { type Command, type JobSnapshot, PROGRESS_PORT, type ProgressMessage } from '@/utils/protocol';

export interface ExportProgress {
  /** The export this page follows from now on. */
  follow(jobId: number): void;
  resume(): void;
  /** Pause, Resume or Cancel the export this page follows (the bar's buttons beside its progress). */
  send(command: 'pause' | 'resume' | 'cancel'): void;
  stop(): void;
}

export function followExport(onJob: (job: JobSnapshot) => void): ExportProgress {
  let jobId: number | undefined;
  let port: ReturnType<typeof browser.runtime.connect> | undefined;
  let open = true;
  function listen(): void {
    port = browser.runtime.connect({ name: PROGRESS_PORT });
    port.onMessage.addListener((message) => {
      const job = (message as ProgressMessage).job as JobSnapshot | undefined;
      if (job && job.id === jobId) onJob(job);
    });
    port.onDisconnect.addListener(() => {
      if (open) setTimeout(listen, 1_000);
    });
  }
  listen();
  return {
    follow(id) {
      jobId = id;
    },
    resume() {
      this.send('resume');
    },
    send(command) {
      if (jobId !== undefined) void browser.runtime.sendMessage({ type: command, jobId } satisfies Command);
    },
    stop() {
      open = false;
      port?.disconnect();
    },
  };
}
