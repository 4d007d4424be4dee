// The store packages: manifests per browser with the smallest permissions, and Firefox's own linter.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';

const manifest = (dir: string) => JSON.parse(readFileSync(`.output/${dir}/manifest.json`, 'utf8'));

beforeAll(() => {
  execFileSync('npx', ['wxt', 'build', '-b', 'firefox'], { stdio: 'ignore' });
});

describe('the built extension', () => {
  it('asks Chrome only for the platforms, Amazon S3 and what saving needs; anything else is optional', () => {
    const chrome = manifest('chrome-mv3');
    expect(chrome.manifest_version).toBe(3);
    expect(chrome.host_permissions).toEqual([
      'https://*.zoom.us/*',
      'https://*.bbcollab.com/*',
      'https://*.amazonaws.com/*',
    ]);
    expect(chrome.permissions.sort()).toEqual([
      'alarms',
      'contextMenus',
      'declarativeNetRequestWithHostAccess',
      'downloads',
      'offscreen',
      'storage',
    ]);
    // Other S3-compatible endpoints when saved; plain http only to this machine.
    expect(chrome.optional_host_permissions).toEqual(['https://*/*', 'http://127.0.0.1/*', 'http://localhost/*']);
    // Notifications when the user asks for them (the options' box or the offer of a long export).
    expect(chrome.optional_permissions).toEqual(['notifications']);
    expect(chrome.default_locale).toBe('en');
    // The exports' history is a page of its own: it must never take the place of the browser's own history page
    // (WXT makes an entrypoint named "history" a chrome_url_overrides page).
    expect(chrome.chrome_url_overrides).toBeUndefined();
    expect(existsSync('.output/chrome-mv3/exports.html')).toBe(true);
    expect(chrome.minimum_chrome_version).toBe('116');
    // The page-world bearer watcher runs on Collaborate's scheduler only, never on live sessions.
    const pageWorld = chrome.content_scripts.filter((script: { world?: string }) => script.world === 'MAIN');
    expect(pageWorld.map((script: { matches: string[] }) => script.matches)).toEqual([
      ['https://*.bbcollab.com/collab/ui/scheduler/*'],
    ]);
  });

  it('builds Firefox its own manifest: gecko id, data collection, no offscreen', () => {
    const firefox = manifest('firefox-mv2');
    expect(firefox.browser_specific_settings.gecko.id).toBe('reclaim@reclaim.invalid');
    expect(firefox.browser_specific_settings.gecko.data_collection_permissions).toEqual({ required: ['none'] });
    expect(firefox.permissions).not.toContain('offscreen');
    // The context menu, under each browser's own name for it.
    expect(firefox.permissions).toContain('menus');
    expect(firefox.permissions).not.toContain('contextMenus');
    expect(firefox.optional_permissions).toEqual([
      'notifications',
      'https://*/*',
      'http://127.0.0.1/*',
      'http://localhost/*',
    ]);
    expect(firefox.permissions).toEqual(expect.arrayContaining(['downloads', 'https://*.zoom.us/*']));
  });

  it('gives both browsers the icon at 16, 32, 48 and 128 pixels, the toolbar button too', () => {
    for (const dir of ['chrome-mv3', 'firefox-mv2']) {
      const built = manifest(dir);
      const sizes = { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 128: 'icon/128.png' };
      expect(built.icons, dir).toEqual(sizes);
      const button = built.action ?? built.browser_action;
      expect(button.default_icon, dir).toEqual({ 16: '/icon/16.png', 32: '/icon/32.png' });
      for (const [size, path] of Object.entries(sizes)) {
        const png = readFileSync(`.output/${dir}/${path}`);
        expect(png.readUInt32BE(16), `${dir} ${path}`).toBe(Number(size));
      }
    }
  });

  it('passes web-ext lint with no errors and no warnings', () => {
    let output = '';
    try {
      output = execFileSync('npx', ['web-ext', 'lint', '-s', '.output/firefox-mv2', '-o', 'json'], {
        encoding: 'utf8',
      });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout);
    }
    const report = JSON.parse(output.slice(output.indexOf('{')));
    expect(report.errors).toEqual([]);
    expect(report.summary.errors).toBe(0);
    // Preact's one innerHTML path is taken out at build time (wxt.config.ts noHtmlFromStrings).
    expect(report.warnings).toEqual([]);
  });

  it('packs store packages for both browsers and the sources zip Firefox asks for', () => {
    execFileSync('npm', ['run', 'zip'], { stdio: 'ignore' });
    const version = JSON.parse(readFileSync('package.json', 'utf8')).version;
    for (const kind of ['chrome', 'firefox', 'sources']) {
      expect(existsSync(`.output/reclaim-${version}-${kind}.zip`), kind).toBe(true);
    }
    const listing = execFileSync('unzip', ['-l', `.output/reclaim-${version}-sources.zip`], { encoding: 'utf8' });
    expect(listing).toContain('package.json');
    expect(listing).toContain('utils/export/zip-stream.ts');
    const chrome = execFileSync('unzip', ['-l', `.output/reclaim-${version}-chrome.zip`], { encoding: 'utf8' });
    expect(chrome).toContain('manifest.json');
  });
});
