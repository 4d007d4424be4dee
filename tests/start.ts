// `npm start`: the whole extension on a desktop, without an account anywhere. Builds the extension, starts the
// demo portal (Zoom and Collaborate on their real host names) and a local S3 server, opens Chromium on the demo
// Zoom recordings page. `--check` opens it, waits for Reclaim's bar to appear, and exits (used by the tests).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, makeProfile, signInToZoom } from './e2e/harness.ts';
import { startLocalS3 } from './e2e/s3-server.ts';
import { patience } from './patience.ts';
import { startPortal } from './portal/server.ts';

const S3_PORT = 4568;
const S3_BUCKET = 'reclaim-demo';
const check = process.argv.includes('--check');

if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  // A newcomer's server or container: the same demo on a virtual display, said plainly, instead of a refusal.
  console.log(`This machine has no display (DISPLAY is not set): the demo runs on a virtual display (Xvfb), where
no window can be seen. To watch it, run npm start on a desktop machine or over ssh -X; npm test runs every check
headless.`);
  const run = spawnSync('xvfb-run', ['-a', 'tsx', ...process.argv.slice(1)], { stdio: 'inherit' });
  process.exit(run.status ?? 1);
}

console.log('Building the extension…');
execFileSync('npx', ['wxt', 'build'], { stdio: 'inherit' });

const portal = await startPortal();
const root = mkdtempSync(join(tmpdir(), 'reclaim-start-'));
const s3 = await startLocalS3(S3_BUCKET, S3_PORT);

const { profile, downloads } = makeProfile(root);
const context = await launchBrowser({ portalPort: portal.port, profile, downloads, headless: false });
await signInToZoom(context, portal);
const page = context.pages()[0] ?? (await context.newPage());
await page.goto('https://us06web.zoom.us/recording');

console.log(`
Reclaim is running in Chromium on the demo portal (nothing here talks to the real Zoom or Collaborate).
  Zoom recordings:     https://us06web.zoom.us/recording   (you are signed in)
  Downloads go to:     ${downloads}
  Local S3 (s3rver):   http://127.0.0.1:${S3_PORT}  bucket "${S3_BUCKET}", keys S3RVER / S3RVER
Try this: tick two recordings, press "Download ZIP", then open the Reclaim popup from the toolbar.
Close the browser or press Ctrl+C to stop.`);

async function stop(): Promise<void> {
  await context.close().catch(() => undefined);
  await portal.close();
  await s3.close();
  process.exit(0);
}

if (check) {
  await page.getByTestId('reclaim-bar').waitFor({ timeout: patience(30_000) });
  console.log('check: the Reclaim bar is on the demo Zoom page');
  await stop();
}
context.on('close', () => void stop());
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
