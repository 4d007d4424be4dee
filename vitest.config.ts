import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import { patience } from './tests/patience.ts';

export default defineConfig({
  test: {
    projects: [
      {
        plugins: [WxtVitest()],
        test: {
          name: 'unit',
          environment: 'happy-dom',
          include: ['tests/unit/**/*.test.{ts,tsx}'],
          setupFiles: ['tests/unit/setup.ts'],
          testTimeout: patience(20_000),
        },
      },
      {
        test: {
          name: 'portal',
          environment: 'node',
          include: ['tests/portal/**/*.test.ts'],
          testTimeout: patience(30_000),
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          // One browser at a time: these machines have two cores (two at a time made slow exports and worker
          // restarts miss their moments: s3-copy and progress-badge failed).
          fileParallelism: false,
          isolate: false,
          // A file over 4 GiB takes two minutes alone: `npm run test:slow` runs it, so `npm test` stays under 20.
          exclude: process.env.RECLAIM_SLOW ? [] : ['tests/e2e/zip64.test.ts'],
          testTimeout: patience(300_000),
          hookTimeout: patience(180_000),
          // The browser does real work (SPA address polling, downloads): give every poll room.
          expect: { poll: { timeout: patience(20_000), interval: 100 } },
          globalSetup: ['tests/e2e/global-setup.ts'],
        },
      },
    ],
  },
});
