// A real Chromium with the built extension, talking to the demo portal under the platforms' real host names.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, type CDPSession, chromium, type Page, type Worker } from 'playwright-core';
import { patience } from '../patience.ts';
import type { DatasetOptions } from '../portal/dataset.ts';
import { type Portal, startPortal } from '../portal/server.ts';

// RECLAIM_EXTENSION_DIR: a build made elsewhere (the scale run builds a snapshot of the tree in a folder of its
// own, so that a build that fails half-way never empties the .output other runs are using).
export const EXTENSION_DIR = resolve(process.env.RECLAIM_EXTENSION_DIR ?? '.output/chrome-mv3');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface Harness {
  portal: Portal;
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  /** Where the browser saves downloads. */
  downloads: string;
  /**
   * Points the browser's downloads at a new empty folder (so each test sees only its own files); returns it.
   * Chrome then names files itself, from the server or Content-Disposition: right for ZIPs, not for folder mode.
   */
  freshDownloads(): Promise<string>;
  /** Back to the profile's own download folder, where the extension's chosen paths are kept (folder mode). */
  profileDownloads(): Promise<string>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  dataset?: DatasetOptions;
  /** Sign in to the demo Zoom before the test starts (default true). */
  signedIn?: boolean;
  /** Amazon S3's host names go to this loopback port (an https S3 proxy, s3-proxy.ts). */
  amazonPort?: number;
  /** Zoom's media host refuses requests without a zoom.us page as Referer. */
  requireZoomReferer?: boolean;
  /** How Zoom's download answers an ended session: its sign-in page with status 200 (default) or a redirect. */
  zoomExpiredDownload?: 'page' | 'redirect';
  /** Benchmarks only: `gc()` in the extension's worker, to tell garbage not yet collected from memory kept. */
  exposeGc?: boolean;
  /** The browser's UI language (what `chrome.i18n` picks the extension's strings by), e.g. `nl`; default en-US. */
  lang?: string;
}

/** A profile whose downloads land in `downloads` under the names the extension chose (TOOLCHAIN.md). */
export function makeProfile(root: string): { profile: string; downloads: string } {
  const profile = join(root, 'profile');
  const downloads = join(root, 'downloads');
  mkdirSync(join(profile, 'Default'), { recursive: true });
  mkdirSync(downloads, { recursive: true });
  writeFileSync(
    join(profile, 'Default', 'Preferences'),
    JSON.stringify({ download: { default_directory: downloads, prompt_for_download: false } }),
  );
  return { profile, downloads };
}

/** Chromium with the built extension, the platforms' host names mapped to the portal on loopback. */
export async function launchBrowser(opts: {
  portalPort: number;
  profile: string;
  downloads: string;
  headless: boolean;
  amazonPort?: number;
  exposeGc?: boolean;
  lang?: string;
  /**
   * Save downloads as the profile says, under the names the extension chose (folder mode needs this), from the
   * start: a browser launched again on the same profile must keep the same folder (the soak's restart).
   */
  profileDownloads?: boolean;
}): Promise<BrowserContext> {
  const port = opts.portalPort;
  let hosts = `MAP *.zoom.us 127.0.0.1:${port},MAP zoom.us 127.0.0.1:${port},MAP *.bbcollab.com 127.0.0.1:${port}`;
  // One Amazon-looking host that resolves nowhere: an S3 endpoint that cannot be reached.
  if (opts.amazonPort)
    hosts += `,MAP s3.nowhere.amazonaws.com ~NOTFOUND,MAP *.amazonaws.com 127.0.0.1:${opts.amazonPort}`;
  const context = await chromium.launchPersistentContext(opts.profile, {
    executablePath: CHROMIUM,
    headless: opts.headless,
    acceptDownloads: true,
    ignoreHTTPSErrors: true,
    viewport: null,
    // On Linux Chromium takes its UI language from LANGUAGE; --lang alone is not enough.
    env: { ...process.env, LANGUAGE: opts.lang ?? 'en_US' },
    args: [
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      `--host-resolver-rules=${hosts}`,
      '--ignore-certificate-errors',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      `--lang=${opts.lang ?? 'en-US'}`,
      ...(opts.exposeGc ? ['--js-flags=--expose-gc'] : []),
    ],
  });
  // Clicks and page loads wait as long as the machine's load asks (Playwright's own default is a fixed 30 s).
  context.setDefaultTimeout(patience(30_000));
  await saveDownloadsIn(context, opts.profileDownloads ? 'profile' : opts.downloads);
  return context;
}

// The session that set the download folder stays open: the browser forgets the setting when it closes.
const downloadSessions = new WeakMap<BrowserContext, CDPSession>();

/** Playwright renames and deletes the downloads it handles itself; let the browser save them as a user's would. */
async function saveDownloadsIn(context: BrowserContext, dir: string | 'profile'): Promise<void> {
  let session = downloadSessions.get(context);
  if (!session) {
    const page = context.pages()[0] ?? (await context.newPage());
    session = await context.newCDPSession(page);
    downloadSessions.set(context, session);
  }
  if (dir === 'profile') await session.send('Browser.setDownloadBehavior', { behavior: 'default' });
  else await session.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: dir, eventsEnabled: true });
}

export async function signInToZoom(context: BrowserContext, portal: Portal): Promise<void> {
  await context.addCookies([
    {
      name: '_zm_ssid',
      value: portal.zoomSession(),
      domain: '.zoom.us',
      path: '/',
      secure: true,
      httpOnly: true,
      sameSite: 'Lax',
    },
  ]);
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const { dataset, requireZoomReferer, zoomExpiredDownload } = options;
  const portal = await startPortal({ dataset, requireZoomReferer, zoomExpiredDownload });
  const root = mkdtempSync(join(tmpdir(), 'reclaim-e2e-'));
  const { profile, downloads } = makeProfile(root);
  const context = await launchBrowser({
    portalPort: portal.port,
    profile,
    downloads,
    headless: true,
    amazonPort: options.amazonPort,
    exposeGc: options.exposeGc,
    lang: options.lang,
  }).catch(async (error) => {
    // A browser that does not start must not leave the portal listening or its folder behind.
    await portal.close();
    rmSync(root, { recursive: true, force: true });
    throw error;
  });
  if (options.signedIn !== false) await signInToZoom(context, portal);
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  let folders = 0;
  const harness: Harness = {
    portal,
    context,
    worker,
    extensionId,
    downloads,
    async freshDownloads() {
      folders += 1;
      harness.downloads = join(root, `downloads-${folders}`);
      mkdirSync(harness.downloads);
      await saveDownloadsIn(context, harness.downloads);
      return harness.downloads;
    },
    async profileDownloads() {
      harness.downloads = downloads;
      await saveDownloadsIn(context, 'profile');
      return downloads;
    },
    async close() {
      await context.close().catch(() => undefined);
      await portal.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
  return harness;
}

export async function openPopup(harness: Harness): Promise<Page> {
  // In a window of its own, as a user sees the popup over the page: in a tab it would hide the platform's page, and
  // a hidden page gets about one animation frame a second, which every click on it waits for (two each).
  const url = `chrome-extension://${harness.extensionId}/popup.html`;
  const worker = harness.context
    .serviceWorkers()
    .find((w) => w.url().startsWith(`chrome-extension://${harness.extensionId}/`));
  if (worker) {
    const opened = harness.context.waitForEvent('page', {
      predicate: (page) => page.url().startsWith(url) || page.url() === 'about:blank',
    });
    await worker.evaluate(
      `chrome.windows.create({ url: ${JSON.stringify(url)}, width: 520, height: 760 }).then(() => true)`,
    );
    const page = await opened;
    await page.waitForURL(url);
    await page.waitForLoadState();
    return page;
  }
  const page = await harness.context.newPage();
  await page.goto(url);
  return page;
}

/** Waits for a finished download (no `.crdownload` part file left) whose name matches. */
/** Waits for a finished download matching `pattern`; names in `except` (there before) do not count. */
export async function waitForDownload(
  dir: string,
  pattern: RegExp,
  timeoutMs = 120_000,
  except: string[] = [],
): Promise<string> {
  const deadline = Date.now() + patience(timeoutMs);
  while (Date.now() < deadline) {
    const names = readdirSync(dir);
    const done = names.find((name) => pattern.test(name) && !except.includes(name));
    if (done && !names.some((name) => name.endsWith('.crdownload'))) return join(dir, done);
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no download matching ${pattern} in ${dir}: ${readdirSync(dir).join(', ')}`);
}
