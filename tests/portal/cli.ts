// Starts the demo portal by hand: npx tsx tests/portal/cli.ts [--port N] [--media-bytes N] [--huge-file-bytes N]
// Prints what a person (or a script) needs to point a browser at it, then runs until Ctrl-C / SIGTERM.
import { parseArgs } from 'node:util';
import { datasetSummary } from './dataset.ts';
import { startPortal } from './server.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    'media-bytes': { type: 'string' },
    'huge-file-bytes': { type: 'string' },
    seed: { type: 'string' },
  },
});

function numberOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isSafeInteger(number) || number < 0) throw new Error(`--${name} wants a whole number, not "${value}"`);
  return number;
}

const mediaBytes = numberOption('media-bytes', values['media-bytes']);
const hugeFileBytes = numberOption('huge-file-bytes', values['huge-file-bytes']);
const seed = numberOption('seed', values.seed);
const port = numberOption('port', values.port);

const portal = await startPortal({
  ...(port !== undefined ? { port } : {}),
  dataset: {
    ...(mediaBytes !== undefined ? { mediaBytes } : {}),
    ...(hugeFileBytes !== undefined ? { hugeFileBytes } : {}),
    ...(seed !== undefined ? { seed } : {}),
  },
});

const summary = datasetSummary(portal.dataset);
console.log(`Reclaim demo portal on https://127.0.0.1:${portal.port}`);
console.log(
  `  Chromium flags: --host-resolver-rules="MAP *.zoom.us 127.0.0.1:${portal.port},MAP *.bbcollab.com 127.0.0.1:${portal.port}" --ignore-certificate-errors`,
);
console.log(`  Zoom:          https://us06web.zoom.us/recording  (or sign in at https://us06web.zoom.us/signin)`);
console.log(`  Zoom cookie:   _zm_ssid=${portal.zoomSession()}`);
console.log(`  Collaborate:   ${portal.schedulerUrl()}`);
console.log(
  `  Dataset:       ${summary.zoomMeetings} Zoom meetings (${summary.zoomProcessing} processing, ${summary.zoomFiles} files, ${summary.zoomBytes} bytes), ${summary.collabRecordings} Collaborate recordings (${summary.collabBytes} bytes)`,
);
console.log(`port=${portal.port}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void portal.close().then(() => process.exit(0));
  });
}
