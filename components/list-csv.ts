// "Export list as CSV" from the bar: the recordings (the platform's own columns) or their files (with the names
// they get in an export), saved by the browser from the page like any download the user starts.

import { inBatches, numberedPaths, RECORDINGS_AT_ONCE } from '@/utils/export/listing';
import { exportPath } from '@/utils/export/name-template';
import { exportName } from '@/utils/export/naming';
import { type FileRow, fileListCsv, recordingListCsv } from '@/utils/export/recording-csv';
import { isWanted } from '@/utils/file-choices';
import type { Recording } from '@/utils/model';
import type { Settings } from '@/utils/settings';
import { adapterFor } from '@/utils/sites/registry';
import type { RecordingPageSource } from '@/utils/sites/site';

/** The files as the export would list and name them (plan.ts does the same, through listing.ts). */
async function fileRows(
  source: RecordingPageSource,
  pageUrl: string,
  recordings: Recording[],
  settings: Settings,
): Promise<FileRow[]> {
  const listed = await inBatches(recordings, RECORDINGS_AT_ONCE, async (recording) => ({
    recording,
    files: (await source.listFiles?.(pageUrl, recording)) ?? [],
  }));
  const rows = listed.flatMap(({ recording, files }) =>
    files
      .filter((file) => isWanted(file, settings.skippedFiles))
      .map((file) => ({ recording, file, path: exportPath(settings.nameTemplate, recording, file) })),
  );
  const paths = numberedPaths(
    rows.map(({ recording, file, path }) => ({ path, recordingId: recording.id, url: file.url })),
  );
  return rows.map((row, index) => ({ ...row, path: paths[index] ?? row.path }));
}

/** Builds the CSV and saves it through the browser; returns its file name. */
export async function saveListCsv(options: {
  source: RecordingPageSource;
  pageUrl: string;
  recordings: Recording[];
  what: 'recordings' | 'files';
  settings: Settings;
  siteName: string;
  /** Where the link that starts the download is put for a moment (the bar's shadow root). */
  place: ParentNode & Node;
}): Promise<string> {
  const { source, recordings, what } = options;
  const text =
    what === 'recordings'
      ? recordingListCsv(recordings, adapterFor(source.site)?.reportColumns ?? ((recording) => recording.columns))
      : fileListCsv(await fileRows(source, options.pageUrl, recordings, options.settings));
  const name = `${exportName(options.siteName, new Date())}${what === 'files' ? ' files' : ''}.csv`;
  saveCsvFile(text, name, options.place);
  return name;
}

/** Saves a CSV made in the page through the browser, like any download the user starts from a link. */
export function saveCsvFile(text: string, name: string, place: ParentNode & Node): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  place.appendChild(link);
  link.click();
  link.remove();
  // The download has its bytes by then; the URL is only a handle to them.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
