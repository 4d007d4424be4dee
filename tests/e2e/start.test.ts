// `npm start` as a newcomer meets it (the README's very command): on a desktop it opens the demo, without a
// display it says what to do.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('npm start', () => {
  it('explains what to do on a machine without a display', () => {
    const env = { ...process.env };
    delete env.DISPLAY;
    delete env.WAYLAND_DISPLAY;
    const run = spawnSync('npm', ['start', '--silent'], { env, encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('this machine has no display');
    expect(run.stderr).toContain('npm test');
    expect(run.stderr).toContain('xvfb-run -a npm start');
  });

  it('opens the demo Zoom page with Reclaim on a (virtual) display', () => {
    const run = spawnSync('xvfb-run', ['-a', 'npm', 'start', '--silent', '--', '--check'], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(run.stdout).toContain('https://us06web.zoom.us/recording');
    expect(run.stdout).toContain('check: the Reclaim bar is on the demo Zoom page');
    expect(run.status).toBe(0);
  });
});
