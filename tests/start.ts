// `npm start`: the whole extension on a desktop, without an account anywhere. Builds the extension, starts the
// demo portal (Zoom and Collaborate on their real host names) and a local S3 server, opens Chromium on the demo
// Zoom recordings page. `--check` opens it, waits for Reclaim's bar to appear, and exits (used by the tests).
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, makeProfile, signInToZoom } from './e2e/harness.ts';
import { startLocalS3 } from './e2e/s3-server.ts';
import { startPortal } from './portal/server.ts';

const S3_PORT = 4568;
const S3_BUCKET = 'reclaim-demo';
const check = process.argv.includes('--check');

if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.error(`npm start opens a browser window, and this machine has no display (DISPLAY is not set).
What you can do instead:
  - run every test headless:        npm test
  - start it on a virtual display:  xvfb-run -a npm start      (Debian: apt-get install xvfb)
  - or run npm start on a desktop machine, or over ssh -X.`);
  process.exit(2);
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
  await page.getByTestId('reclaim-bar').waitFor({ timeout: 30_000 });
  console.log('check: the Reclaim bar is on the demo Zoom page');
  await stop();
}
context.on('close', () => void stop());
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
