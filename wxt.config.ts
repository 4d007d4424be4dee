import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'wxt';

// Asked for up front: the platforms' own hosts, and Amazon S3, where our users' copies go. Other S3-compatible
// endpoints are asked for one by one when the user saves them.
const REQUIRED_HOSTS = ['https://*.zoom.us/*', 'https://*.bbcollab.com/*', 'https://*.amazonaws.com/*'];
// A local S3-compatible server (MinIO, s3rver) may speak plain http: only on this very machine.
const OPTIONAL_HOSTS = ['https://*/*', 'http://127.0.0.1/*', 'http://localhost/*'];
const OPTIONAL_PERMISSIONS = ['notifications'];

// The AWS SDK's browser build parses S3's XML answers with DOMParser, which a service worker lacks. Its own
// parser without DOMParser (the Node build's) works anywhere: serve that one (TOOLCHAIN.md, "AWS SDK and S3").
function s3XmlWithoutDomParser(): Plugin {
  const browserParser = /@aws-sdk[\\/]xml-builder[\\/]dist-es[\\/]xml-parser\.browser\.js$/;
  return {
    name: 'reclaim-s3-xml-without-domparser',
    enforce: 'pre',
    load(id) {
      const [file = ''] = id.split('?');
      return browserParser.test(file) ? readFileSync(file.replace(/\.browser\.js$/, '.js'), 'utf8') : null;
    },
  };
}

// client-zip computes CRC-32 one byte at a time; ours (utils/export/crc32.ts) gives the same numbers three times
// faster, and not at all for bytes the export already counted (crc32Once). Its function is swapped at build time;
// a client-zip whose code no longer matches stops the build rather than quietly keeping the slow one.
const CLIENT_ZIP = /[\\/]node_modules[\\/]client-zip[\\/]index\.js$/;
const BYTEWISE_CRC =
  /function (\w+)\((\w+),(\w+)=0\)\{\3=~\3;for\(var (\w+)=0,(\w+)=\2\.length;\4<\5;\4\+\+\)\3=\3>>>8\^\w+\[255&\3\^\2\[\4\]\];return~\3>>>0\}/;
const FAST_CRC = join(dirname(fileURLToPath(import.meta.url)), 'utils', 'export', 'crc32.ts');

export function clientZipFastCrc(): Plugin {
  return {
    name: 'reclaim-client-zip-fast-crc',
    enforce: 'pre',
    transform(code, id) {
      const [file = ''] = id.split('?');
      if (!CLIENT_ZIP.test(file)) return null;
      const found = BYTEWISE_CRC.exec(code);
      if (!found) this.error('client-zip changed: its CRC-32 function was not found; update clientZipFastCrc');
      return code.replace(BYTEWISE_CRC, `import{crc32Once as $1}from${JSON.stringify(FAST_CRC)};`);
    },
  };
}

// Reclaim never builds HTML from strings: every page, bar and row is made of elements. Preact still carries one
// path that does (`dangerouslySetInnerHTML`); the build turns it into an error, so no future line can use it, and
// Firefox's linter (web-ext lint) finds no assignment of a variable to innerHTML in what we ship.
const PREACT = /[\\/]node_modules[\\/]preact[\\/]dist[\\/]preact\.(?:module\.js|mjs)$/;
const HTML_FROM_STRING = /\((\w+)\.innerHTML=(\w+)\.__html\)/;

export function noHtmlFromStrings(): Plugin {
  return {
    name: 'reclaim-no-html-from-strings',
    enforce: 'pre',
    transform(code, id) {
      const [file = ''] = id.split('?');
      if (!PREACT.test(file)) return null;
      if (!HTML_FROM_STRING.test(code))
        this.error('preact changed: its innerHTML path was not found; update noHtmlFromStrings');
      return code.replace(HTML_FROM_STRING, '(()=>{throw new Error("Reclaim sets no HTML from strings")})()');
    },
  };
}

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact(), s3XmlWithoutDomParser(), clientZipFastCrc(), noHtmlFromStrings()] }),
  manifest: ({ browser }) => ({
    name: '__MSG_extensionName__',
    description: '__MSG_extensionDescription__',
    default_locale: 'en',
    // Firefox has no offscreen documents: its background page saves ZIPs itself (ARCHITECTURE.md).
    // declarativeNetRequestWithHostAccess: the Referer Zoom's media host wants, on our own requests to it only
    // (utils/sites/zoom-referer.ts); it acts only where the host permissions below reach, and asks nothing more.
    permissions: [
      'downloads',
      'storage',
      'alarms',
      'declarativeNetRequestWithHostAccess',
      // The context menu: Firefox's own name for it is `menus`.
      browser === 'firefox' ? 'menus' : 'contextMenus',
      ...(browser === 'firefox' ? [] : ['offscreen']),
    ],
    host_permissions: REQUIRED_HOSTS,
    // Notifications only when the user asks for them (the options, or the offer when a long export starts).
    ...(browser === 'firefox'
      ? { optional_permissions: [...OPTIONAL_PERMISSIONS, ...OPTIONAL_HOSTS] }
      : { optional_permissions: OPTIONAL_PERMISSIONS, optional_host_permissions: OPTIONAL_HOSTS }),
    // The icon (tests/icons/draw-icons.ts): WXT lists public/icon/ as the manifest's icons, and the popup's page
    // names the toolbar button's own sizes (manifest.default_icon), which WXT writes for both browsers.
    action: { default_title: '__MSG_extensionName__' },
    // 116: AbortSignal.any (every request's idle timeout) and runtime.getContexts (the offscreen document).
    ...(browser === 'firefox' ? {} : { minimum_chrome_version: '116' }),
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'reclaim@reclaim.invalid',
              // 140: the ESR that institutions deploy, and the first desktop Firefox that reads
              // data_collection_permissions (Firefox for Android reads it from 142 on).
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
