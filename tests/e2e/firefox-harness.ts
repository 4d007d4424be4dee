// A real Firefox (Debian's firefox-esr, the ESR institutions deploy) with the built add-on, on the demo portal.
// Firefox cannot map host names to a port as Chromium's --host-resolver-rules does, so it is pointed at a small
// proxy that tunnels every https connection to the portal. The add-on is installed through Marionette
// (marionette.ts), unsigned, which the ESR allows.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { patience } from '../patience.ts';
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
  readonly pid: number;
  downloads: string;
  /** moz-extension://<uuid> of the installed add-on. */
  extensionOrigin: string;
  goto(url: string): Promise<void>;
  /** Runs `body` (a function body; `return` gives the value) in the current page. */
  run<T>(body: string, ...args: unknown[]): Promise<T>;
  /** The element with this data-testid, looked for in the page and in open shadow roots (the bulk bar's). */
  text(testId: string): Promise<string | null>;
  click(testId: string): Promise<void>;
  /**
   * Clicks, as the user does (WebDriver's element click: a trusted event), each element `body` returns (one, or an
   * array). Reclaim ignores a script's clicks (components/by-user.ts), so tests never click from a script.
   */
  clickEach(body: string, ...args: unknown[]): Promise<number>;
  /** A Marionette command as it is (the browser's own chrome, actions, contexts). */
  send<T>(command: string, params?: Record<string, unknown>): Promise<T>;
  /** Signs in to the demo Zoom as the user would have: its session cookie on .zoom.us (httpOnly, as Zoom's). */
  signInToZoom(): Promise<void>;
  /** Quits Firefox as a user does, and starts it again on the same profile (the add-on stays installed). */
  restart(): Promise<void>;
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

/** The built add-on as an .xpi (a ZIP with the manifest at its root), written by Python's zipfile. */
function packAddon(dir: string, xpi: string): void {
  const script = [
    'import os, sys, zipfile',
    'src, out = sys.argv[1], sys.argv[2]',
    "with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:",
    '    for folder, _, names in os.walk(src):',
    '        for name in names:',
    '            path = os.path.join(folder, name)',
    '            z.write(path, os.path.relpath(path, src))',
  ].join('\n');
  execFileSync('python3', ['-c', script, dir, xpi]);
}

function writePrefs(profile: string, prefs: Record<string, string | number | boolean>): void {
  const lines = Object.entries(prefs).map(
    ([name, value]) => `user_pref(${JSON.stringify(name)}, ${JSON.stringify(value)});`,
  );
  writeFileSync(join(profile, 'user.js'), `${lines.join('\n')}\n`);
}

async function waitForFile(path: string, timeoutMs: number, firefox: ChildProcess): Promise<string> {
  const deadline = Date.now() + patience(timeoutMs);
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
/** A WebDriver element reference, as a script returns an element. */
type WebElement = Record<string, string>;

export const FIND = `const find = (root, id) => {
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
    'xpinstall.signatures.required': false,
    // Optional permissions (notifications) granted without a prompt: a headless browser shows none to answer.
    'extensions.webextOptionalPermissionPrompts': false,
    // A quiet test browser: no first-run pages, updates, telemetry or connectivity checks.
    'browser.shell.checkDefaultBrowser': false,
    'browser.startup.homepage_override.mstone': 'ignore',
    'app.update.disabledForTesting': true,
    'datareporting.policy.dataSubmissionEnabled': false,
    'toolkit.telemetry.reportingpolicy.firstRun': false,
    'network.captive-portal-service.enabled': false,
  });
  const xpi = join(root, 'reclaim.xpi');
  packAddon(ADDON_DIR, xpi);
  let firefox: ChildProcess | undefined;
  let driver: Marionette | undefined;
  const quit = async () => {
    const running = firefox;
    const alive = running && running.exitCode === null && running.signalCode === null;
    const exited = alive ? new Promise((done) => running.once('exit', done)) : Promise.resolve();
    // Forced: with downloads under way Firefox would first ask whether to cancel them (a user says yes). Firefox
    // may exit before it answers, so wait for the exit, not the answer.
    void driver?.send('Marionette:Quit', { flags: ['eForceQuit'] }).catch(() => undefined);
    await Promise.race([exited, new Promise((done) => setTimeout(done, patience(15_000)))]);
    driver?.close();
    if (alive && running.exitCode === null && running.signalCode === null) running.kill('SIGKILL');
  };
  const stop = async () => {
    await quit();
    proxy.close();
    await portal.close();
    rmSync(root, { recursive: true, force: true });
  };
  const launch = async () => {
    rmSync(join(profile, 'MarionetteActivePort'), { force: true });
    // -remote-allow-system-access: from Firefox 153 on, WebDriver navigates only to http(s), file and blob
    // addresses unless the browser was started with it, and the tests open the add-on's moz-extension:// pages.
    // ESR 140 takes the flag too (it came in 138).
    const args = ['--marionette', '-remote-allow-system-access', '--headless', '--no-remote', '--profile', profile];
    const started = spawn(FIREFOX, args, { stdio: 'ignore' });
    firefox = started;
    const port = Number(await waitForFile(join(profile, 'MarionetteActivePort'), 60_000, started));
    driver = await connectMarionette(port);
    await driver.send('WebDriver:NewSession', { acceptInsecureCerts: true });
  };
  try {
    await launch();
    // Installed for good (not as a temporary add-on), so that it is still there after a restart; ESR honours
    // xpinstall.signatures.required = false.
    await (driver as Marionette).send('Addon:Install', { path: xpi, temporary: false });
  } catch (error) {
    await stop();
    throw error;
  }
  const send = <T>(command: string, params?: Record<string, unknown>) =>
    (driver as Marionette).send<T>(command, params);
  const run = async <T>(body: string, ...args: unknown[]) =>
    (await send<{ value: T }>('WebDriver:ExecuteScript', { script: body, args })).value;
  const harness: FirefoxHarness = {
    portal,
    get pid() {
      return firefox?.pid as number;
    },
    downloads,
    extensionOrigin: `moz-extension://${ADDON_UUID}`,
    send,
    goto: async (url) => void (await send('WebDriver:Navigate', { url })),
    run,
    text: (testId) => run<string | null>(`${FIND} return find(document, arguments[0])?.textContent ?? null;`, testId),
    async click(testId) {
      const found = await harness.clickEach(`${FIND} return find(document, arguments[0]);`, testId);
      if (!found) throw new Error(`nothing with data-testid ${testId} to click`);
    },
    async clickEach(body, ...args) {
      const found = await run<WebElement | WebElement[] | null>(body, ...args);
      const elements = (Array.isArray(found) ? found : [found]).filter((element) => element !== null);
      for (const element of elements) {
        // In the middle of the window first: WebDriver scrolls an element only to its edge, where a sticky bar
        // (the options page's Save row) may cover it.
        await run('arguments[0].scrollIntoView({ block: "center" });', element);
        await send('WebDriver:ElementClick', { id: Object.values(element)[0] });
      }
      return elements.length;
    },
    async signInToZoom() {
      // A cookie can only be set from a page of its site.
      await harness.goto('https://us06web.zoom.us/signin');
      const cookie = { name: '_zm_ssid', value: portal.zoomSession(), domain: '.zoom.us', path: '/' };
      // Kept for a day, as "stay signed in" does: a cookie without an expiry would be gone after a restart.
      const expiry = Math.floor(Date.now() / 1000) + 86_400;
      await send('WebDriver:AddCookie', { cookie: { ...cookie, secure: true, httpOnly: true, expiry } });
    },
    async restart() {
      await quit();
      await launch();
    },
    close: stop,
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
  const deadline = Date.now() + (options.timeoutMs ?? patience(60_000));
  while (Date.now() < deadline) {
    const names = readdirSync(dir);
    const saved = names.find((name) => pattern.test(name) && !options.except?.includes(name));
    if (saved && !names.some((name) => name.endsWith('.part'))) return join(dir, saved);
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`nothing matching ${pattern} saved in ${dir}: ${readdirSync(dir).join(', ')}`);
}
