import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

// The platforms' own hosts are the only ones we ask for up front; S3 endpoints are asked for when saved.
const PLATFORM_HOSTS = ['https://*.zoom.us/*', 'https://*.bbcollab.com/*'];

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ browser }) => ({
    name: '__MSG_extensionName__',
    description: '__MSG_extensionDescription__',
    default_locale: 'en',
    // Firefox has no offscreen documents: its background page saves ZIPs itself (ARCHITECTURE.md).
    permissions: ['downloads', 'storage', 'alarms', ...(browser === 'firefox' ? [] : ['offscreen'])],
    host_permissions: PLATFORM_HOSTS,
    // Custom S3 endpoints are asked for one by one when the user saves them.
    ...(browser === 'firefox'
      ? { optional_permissions: ['https://*/*'] }
      : { optional_host_permissions: ['https://*/*'] }),
    action: { default_title: '__MSG_extensionName__' },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'reclaim@reclaim.invalid',
              strict_min_version: '142.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
