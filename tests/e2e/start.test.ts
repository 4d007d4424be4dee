// `npm start` as a newcomer meets it (the README's very command): on a machine without a display it runs the demo on
// a virtual display by itself and says so; on a (virtual) display it opens the demo Zoom page with Reclaim's bar.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { patience } from '../patience.ts';

describe('npm start', () => {
  it('runs on a virtual display by itself on a machine without one, and says so', () => {
    const env = { ...process.env };
    delete env.DISPLAY;
    delete env.WAYLAND_DISPLAY;
    const run = spawnSync('npm', ['start', '--silent', '--', '--check'], {
      env,
      encoding: 'utf8',
      timeout: patience(170_000),
    });
    expect(run.stdout).toContain('This machine has no display');
    expect(run.stdout).toContain('virtual display (Xvfb)');
    expect(run.stdout).toContain('check: the Reclaim bar is on the demo Zoom page');
    expect(run.status).toBe(0);
  });

  it('opens the demo Zoom page with Reclaim on a (virtual) display', () => {
    const run = spawnSync('xvfb-run', ['-a', 'npm', 'start', '--silent', '--', '--check'], {
      encoding: 'utf8',
      timeout: patience(170_000),
    });
    expect(run.stdout).not.toContain('This machine has no display');
    expect(run.stdout).toContain('https://us06web.zoom.us/recording');
    expect(run.stdout).toContain('check: the Reclaim bar is on the demo Zoom page');
    expect(run.status).toBe(0);
  });
});
