// The one Chromium of a soak run: the built extension on a profile of its own, stopped and started again on that
// same profile (a browser restart: the extension carries on from its IndexedDB), its worker stopped as the
// browser does when idle, and an extension page to read the history from without waking the worker.
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser, makeProfile } from '../e2e/harness.ts';
import type { Portal } from '../portal/server.ts';

export interface SoakBrowser {
  readonly context: BrowserContext;
  readonly extensionId: string;
  readonly profile: string;
  /** Where the browser saves downloads: ZIP volumes, and folder exports under `Reclaim/`. */
  readonly downloads: string;
  /**
   * An extension page that only reads: the extension's manifest, shown as text in the extension's own origin,
   * so the history's database is at hand while nothing in the page talks to the worker (the popup would).
   */
  historyPage(): Promise<Page>;
  /** Stops the extension's service worker, as the browser does when it is idle (TOOLCHAIN.md). */
  stopWorker(): Promise<void>;
  /** Quits the browser the way a user does and starts it again on the same profile. */
  restart(): Promise<void>;
  /** Signs in to the demo Zoom: a new session, kept across a browser restart as Zoom's own cookie is. */
  signIn(): Promise<void>;
  close(): Promise<void>;
}

export async function startSoakBrowser(opts: {
  portal: Portal;
  root: string;
  headless: boolean;
  amazonPort?: number;
}): Promise<SoakBrowser> {
  const { profile, downloads } = makeProfile(opts.root);
  const launch = () =>
    launchBrowser({
      portalPort: opts.portal.port,
      profile,
      downloads,
      headless: opts.headless,
      amazonPort: opts.amazonPort,
      profileDownloads: true,
    });
  let context = await launch();
  const extensionId = await extensionIdOf(context);
  let page: Page | undefined;

  const browser: SoakBrowser = {
    get context() {
      return context;
    },
    extensionId,
    profile,
    downloads,
    async historyPage() {
      if (page && !page.isClosed()) return page;
      page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/manifest.json`);
      return page;
    },
    async stopWorker() {
      const cdp = await context.newCDPSession(await browser.historyPage());
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await cdp.detach();
    },
    async restart() {
      page = undefined;
      await context.close();
      context = await launch();
      await extensionIdOf(context);
    },
    async signIn() {
      await context.addCookies([
        {
          name: '_zm_ssid',
          value: opts.portal.zoomSession(),
          domain: '.zoom.us',
          path: '/',
          secure: true,
          httpOnly: true,
          sameSite: 'Lax',
          expires: Math.floor(Date.now() / 1000) + 24 * 3600,
        },
      ]);
    },
    async close() {
      await context.close().catch(() => undefined);
    },
  };
  return browser;
}

/** The extension's id, from its service worker's address once the browser has started it. */
async function extensionIdOf(context: BrowserContext): Promise<string> {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return new URL(worker.url()).host;
}
