import { browser } from 'wxt/browser';
import { handleCommand, isForBackground } from '@/utils/commands';
import { watchDownloads } from '@/utils/export/downloads';
import { onJobChange } from '@/utils/export/jobs';
import { releaseFinishedJobs, zipResponse } from '@/utils/export/runner';
import { jobIdOfZipUrl } from '@/utils/export/save-zip-chrome';
import { PROGRESS_PORT, type ProgressMessage } from '@/utils/protocol';

interface FetchEvent extends Event {
  request: Request;
  respondWith(response: Promise<Response>): void;
}

export default defineBackground(() => {
  watchDownloads();
  releaseFinishedJobs();

  browser.runtime.onMessage.addListener((message, sender) =>
    isForBackground(message) ? handleCommand(message, sender) : undefined,
  );

  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== PROGRESS_PORT) return;
    const stop = onJobChange((job) => port.postMessage({ type: 'job', job } satisfies ProgressMessage));
    port.onDisconnect.addListener(stop);
  });

  if (!import.meta.env.FIREFOX) {
    self.addEventListener('fetch', (event) => {
      const fetchEvent = event as FetchEvent;
      const jobId = jobIdOfZipUrl(fetchEvent.request.url);
      if (jobId !== null) fetchEvent.respondWith(zipResponse(jobId));
    });
  }
});
