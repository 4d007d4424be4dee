import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import { patience } from './tests/patience.ts';

export default defineConfig({
  test: {
    // Two test files at a time, one per core (Vitest's default would be one here): much of a browser test is
    // waiting (slow bodies, retries, a worker starting again), and every test waits for states, not for times, so
    // a loaded machine only makes it slower. Each browser file has its own browser, portal, ports and downloads.
    maxWorkers: 2,
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
