// `npm run bench:three`: every benchmark of issue 18 three times, in turns (zip, zip on a link, s3, s3 on a link;
// then again), so that a noisy minute of the machine falls on one run of each rather than on all three of one.
// Prints each goal's three figures and their median, which is what the README and the closing notes report.
// Each run's whole output is kept in .tmp/bench/<bench>-<round>.log. BENCH_ROUNDS=n for another count; `--only
// zip,s3-link` for some of them. A run that fails is reported and the others go on.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { median } from './util.ts';

const LINK = ['--', '--link', 'per-connection=20MB/s'];
const BENCHES: Record<string, { script: string; args: string[]; env?: Record<string, string> }> = {
  zip: { script: 'bench:zip', args: [] },
  'zip-link': { script: 'bench:zip', args: LINK },
  // One pair per run: three runs give the three figures, each with its own 8 GB copy.
  s3: { script: 'bench:s3', args: [], env: { BENCH_PAIRS: '1' } },
  's3-link': { script: 'bench:s3', args: LINK, env: { BENCH_PAIRS: '1' } },
};

const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const onlyAt = process.argv.indexOf('--only');
const chosen = onlyAt >= 0 ? (process.argv[onlyAt + 1] ?? '').split(',') : Object.keys(BENCHES);
const logs = join('.tmp', 'bench');
mkdirSync(logs, { recursive: true });

/** `RESULT <goal> <number> [unit] (goal <target>)` lines, as every benchmark ends. */
const RESULT = /^RESULT (\S+) ([\d.]+)( MB)? \(goal ([^)]+)\)$/;
const figures = new Map<string, { unit: string; target: string; values: number[] }>();
const failed: string[] = [];

for (let round = 1; round <= rounds; round++) {
  for (const name of chosen) {
    const bench = BENCHES[name];
    if (!bench) throw new Error(`no benchmark called ${name}: ${Object.keys(BENCHES).join(', ')}`);
    const load = loadavg()[0]?.toFixed(1);
    const started = Date.now();
    const run = spawnSync('npm', ['run', bench.script, ...bench.args], {
      env: { ...process.env, ...bench.env },
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    const output = `${run.stdout}\n${run.stderr}`;
    writeFileSync(join(logs, `${name}-${round}.log`), output);
    const minutes = ((Date.now() - started) / 60_000).toFixed(1);
    const lines = output.split('\n').filter((line) => RESULT.test(line.trim()));
    console.log(`${name}, round ${round}: ${minutes} min, load ${load} at the start, exit ${run.status}`);
    for (const line of lines) {
      console.log(`  ${line.trim()}`);
      const [, goal = '', value = '', unit = '', target = ''] = RESULT.exec(line.trim()) ?? [];
      const entry = figures.get(goal) ?? { unit, target, values: [] };
      entry.values.push(Number(value));
      figures.set(goal, entry);
    }
    if (run.status !== 0) failed.push(`${name} round ${round}`);
  }
}

console.log('\nMedians (every run of a goal, then the median):');
for (const [goal, { unit, target, values }] of figures) {
  console.log(`RESULT ${goal} ${Number(median(values).toFixed(2))}${unit} (goal ${target}) runs: ${values.join(', ')}`);
}
if (failed.length > 0) {
  console.log(`failed: ${failed.join('; ')} (see ${logs})`);
  process.exitCode = 1;
}
