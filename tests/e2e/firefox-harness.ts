// A real Firefox (Debian's firefox-esr, the ESR institutions deploy) with the built add-on, on the demo portal.
// Firefox cannot map host names to a port as Chromium's --host-resolver-rules does, so it is pointed at a small
// proxy that tunnels every https connection to the portal. The add-on is installed as a temporary add-on
// through Marionette (marionette.ts), which needs neither signing nor a packed .xpi.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { DatasetOptions } from '../portal/dataset.ts';
import { type Portal, startPortal } from '../portal/server.ts';
import { connectMarionette, type Marionette } from './marionette.ts';

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const ADDON_DIR = resolve('.output/firefox-mv2');
const ADDON_ID = 'reclaim@reclaim.invalid';
/** Fixed instead of random, so the test can open the popup at a known moz-extension:// address. */
const ADDON_UUID = '5eed0000-0000-4000-8000-00000000f1f0';

export interface FirefoxHarness {
  portal: Portal;
  /** Firefox's main process (its content and extension processes are its children). */
  pid: number;
  downloads: string;
  /** moz-extension://<uuid> of the installed add-on. */
  extensionOrigin: string;
  goto(url: string): Promise<void>;
  /** Runs `body` (a function body; `return` gives the value) in the current page. */
  run<T>(body: string, ...args: unknown[]): Promise<T>;
  /** The element with this data-testid, looked for in the page and in open shadow roots (the bulk bar's). */
  text(testId: string): Promise<string | null>;
  click(testId: string): Promise<void>;
  /** Signs in to the demo Zoom as the user would have: its session cookie on .zoom.us (httpOnly, as Zoom's). */
  signInToZoom(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Every CONNECT becomes a tunnel to the portal's port, or for Amazon S3's host names (`<bucket>.s3.<region>.
 * amazonaws.com`) to `amazonPort`, as Chromium's host-resolver rules do in harness.ts.
 */
async function tunnelTo(portalPort: number, amazonPort?: number): Promise<Server> {
  const proxy = createServer((_req, res) => res.writeHead(405).end());
  proxy.on('connect', (req, client, head) => {
    const host = (req.url ?? '').replace(/:\d+$/, '');
    const port = amazonPort && host.endsWith('.amazonaws.com') ? amazonPort : portalPort;
    const upstream = connect(port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((done) => proxy.listen(0, '127.0.0.1', () => done()));
  return proxy;
}

function writePrefs(profile: string, prefs: Record<string, string | number | boolean>): void {
  const lines = Object.entries(prefs).map(
    ([name, value]) => `user_pref(${JSON.stringify(name)}, ${JSON.stringify(value)});`,
  );
  writeFileSync(join(profile, 'user.js'), `${lines.join('\n')}\n`);
}

async function waitForFile(path: string, timeoutMs: number, firefox: ChildProcess): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (existsSync(path)) {
      const text = readFileSync(path, 'utf8').trim();
      if (text) return text;
    }
    if (firefox.exitCode !== null) throw new Error(`${FIREFOX} exited ${firefox.exitCode} while starting`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${FIREFOX} did not open Marionette within ${timeoutMs} ms`);
}

// Finds by data-testid through open shadow roots; sent along with the scripts that need it.
const FIND = `const find = (root, id) => {
  const hit = root.querySelector('[data-testid="' + id + '"]');
  if (hit) return hit;
  for (const element of root.querySelectorAll('*')) {
    const inner = element.shadowRoot && find(element.shadowRoot, id);
    if (inner) return inner;
  }
  return null;
};`;

export async function startFirefox(
  options: { dataset?: DatasetOptions; requireZoomReferer?: boolean; amazonPort?: number } = {},
): Promise<FirefoxHarness> {
  if (!existsSync(FIREFOX)) throw new Error(`${FIREFOX} is missing: apt-get install firefox-esr (.ci/run does)`);
  const portal = await startPortal({ dataset: options.dataset, requireZoomReferer: options.requireZoomReferer });
  const proxy = await tunnelTo(portal.port, options.amazonPort);
  const proxyPort = (proxy.address() as { port: number }).port;
  const root = mkdtempSync(join(tmpdir(), 'reclaim-firefox-'));
  const profile = join(root, 'profile');
  const downloads = join(root, 'downloads');
  mkdirSync(profile);
  mkdirSync(downloads);
  writePrefs(profile, {
    'marionette.port': 0, // any free port, written to MarionetteActivePort
    'network.proxy.type': 1,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': proxyPort,
    'network.proxy.no_proxies_on': '',
    'network.proxy.allow_hijacking_localhost': true,
    'browser.download.dir': downloads,
    'browser.download.folderList': 2,
    'browser.download.useDownloadDir': true,
    'browser.download.always_ask_before_handling_new_types': false,
    'browser.safebrowsing.downloads.enabled': false,
    'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: ADDON_UUID }),
    // A quiet test browser: no first-run pages, updates, telemetry or connectivity checks.
    'browser.shell.checkDefaultBrowser': false,
    'browser.startup.homepage_override.mstone': 'ignore',
    'app.update.disabledForTesting': true,
    'datareporting.policy.dataSubmissionEnabled': false,
    'toolkit.telemetry.reportingpolicy.firstRun': false,
    'network.captive-portal-service.enabled': false,
  });
  const firefox = spawn(FIREFOX, ['--marionette', '--headless', '--no-remote', '--profile', profile], {
    stdio: 'ignore',
  });
  const stop = async () => {
    if (firefox.exitCode === null) {
      const exited = new Promise((done) => firefox.once('exit', done));
      firefox.kill();
      await Promise.race([exited, new Promise((done) => setTimeout(done, 5_000))]);
    }
    proxy.close();
    await portal.close();
    rmSync(root, { recursive: true, force: true });
  };
  let driver: Marionette;
  try {
    const port = Number(await waitForFile(join(profile, 'MarionetteActivePort'), 60_000, firefox));
    driver = await connectMarionette(port);
    await driver.send('WebDriver:NewSession', { acceptInsecureCerts: true });
    await driver.send('Addon:Install', { path: ADDON_DIR, temporary: true });
  } catch (error) {
    await stop();
    throw error;
  }
  const run = async <T>(body: string, ...args: unknown[]) =>
    (await driver.send<{ value: T }>('WebDriver:ExecuteScript', { script: body, args })).value;
  const harness: FirefoxHarness = {
    portal,
    pid: firefox.pid as number,
    downloads,
    extensionOrigin: `moz-extension://${ADDON_UUID}`,
    goto: async (url) => void (await driver.send('WebDriver:Navigate', { url })),
    run,
    text: (testId) => run<string | null>(`${FIND} return find(document, arguments[0])?.textContent ?? null;`, testId),
    async click(testId) {
      const found = await run<boolean>(
        `${FIND} const element = find(document, arguments[0]); element?.click(); return !!element;`,
        testId,
      );
      if (!found) throw new Error(`nothing with data-testid ${testId} to click`);
    },
    async signInToZoom() {
      // A cookie can only be set from a page of its site.
      await harness.goto('https://us06web.zoom.us/signin');
      const cookie = { name: '_zm_ssid', value: portal.zoomSession(), domain: '.zoom.us', path: '/' };
      await driver.send('WebDriver:AddCookie', { cookie: { ...cookie, secure: true, httpOnly: true } });
    },
    async close() {
      await driver.send('Marionette:Quit', {}).catch(() => undefined);
      driver.close();
      await stop();
    },
  };
  return harness;
}

/**
 * Waits for a saved file whose name matches: Firefox writes `<name>.part` beside it until the download is over.
 * Names in `except` (saved before) do not count. Returns its path.
 */
export async function waitForSaved(
  dir: string,
  pattern: RegExp,
  options: { timeoutMs?: number; except?: string[] } = {},
): Promise<string> {
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  while (Date.now() < deadline) {
    const names = readdirSync(dir);
    const saved = names.find((name) => pattern.test(name) && !options.except?.includes(name));
    if (saved && !names.some((name) => name.endsWith('.part'))) return join(dir, saved);
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`nothing matching ${pattern} saved in ${dir}: ${readdirSync(dir).join(', ')}`);
}
