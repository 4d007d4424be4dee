import { browser } from 'wxt/browser';
import { followBadge } from '@/utils/badge';
import { handleCommand, isForBackground } from '@/utils/commands';
import { watchMenu } from '@/utils/context-menu';
import { watchDownloads } from '@/utils/export/downloads';
import { relayResponse } from '@/utils/export/folder-relay';
import { onJobChange } from '@/utils/export/jobs';
import { relayOfUrl } from '@/utils/export/relay-address';
import { followJobs, recover } from '@/utils/export/runner';
import { volumeOfUrl } from '@/utils/export/save-zip-chrome';
import { volumeResponse } from '@/utils/export/zip-export';
import { followEnds } from '@/utils/notifications';
import { PROGRESS_PORT, type ProgressMessage } from '@/utils/protocol';
import { senderOf } from '@/utils/senders';

interface FetchEvent extends Event {
  request: Request;
  respondWith(response: Promise<Response>): void;
}

// Once a minute the worker wakes (if it was stopped) and carries on whatever the database says is unfinished.
const CHECK_ALARM = 'reclaim-check-exports';

export default defineBackground(() => {
  watchDownloads();
  followJobs();
  watchMenu();
  followBadge();
  followEnds();

  browser.runtime.onMessage.addListener((message, sender) =>
    isForBackground(message) ? handleCommand(message, sender) : undefined,
  );

  browser.runtime.onConnect.addListener((port) => {
    const from = port.sender && senderOf(port.sender);
    if (port.name !== PROGRESS_PORT || !from) return;
    // A platform page hears only of the exports of its own address (senders.ts); the extension's pages of all.
    const stop = onJobChange((job) => {
      if (from.kind === 'extension-page') port.postMessage({ type: 'job', job } satisfies ProgressMessage);
      // A page is never told where an S3 copy writes (bucket and prefix).
      else if (job.origin === from.origin) {
        port.postMessage({ type: 'job', job: { ...job, copyPlace: undefined } } satisfies ProgressMessage);
      }
    });
    port.onDisconnect.addListener(stop);
  });

  browser.alarms.create(CHECK_ALARM, { periodInMinutes: 1 });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === CHECK_ALARM) void recover();
  });
  void recover();

  if (!import.meta.env.FIREFOX) {
    self.addEventListener('fetch', (event) => {
      const fetchEvent = event as FetchEvent;
      const volume = volumeOfUrl(fetchEvent.request.url);
      if (volume) fetchEvent.respondWith(volumeResponse(volume));
      const relayed = relayOfUrl(fetchEvent.request.url);
      if (relayed) fetchEvent.respondWith(Promise.resolve(relayResponse(relayed, fetchEvent.request.url)));
    });
  }
});
