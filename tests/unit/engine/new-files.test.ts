// New files in archived recordings, counted before an export (archive/new-files.ts) on a fake IndexedDB ledger
// with a scripted platform listing; and what the bar says of them (new-files-check.ts, archive-marks.ts).
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { archiveSummary } from '@/components/archive-marks';
import { barReducer, initialBarState } from '@/components/bar-state';
import { newFilesKey, newFilesNote } from '@/components/new-files-check';
import type { ArchiveEntry } from '@/utils/archive/ledger';
import { countNewFiles, type ListFiles } from '@/utils/archive/new-files';
import { db } from '@/utils/db';
import { ExportError } from '@/utils/errors';
import type { Recording, RecordingFile } from '@/utils/model';
import { MAX_RECORDINGS_CHECKED } from '@/utils/protocol';
import { ZOOM_ORIGIN } from './rows';

beforeEach(async () => {
  await db.delete();
  await db.open();
});

const recording = (id: string): Recording => ({
  site: 'zoom',
  id,
  title: `Lecture ${id}`,
  startedAt: '2026-11-02T09:00:00Z',
  status: 'ready',
  columns: {},
  sizeBytes: 1_000,
});

const file = (id: string, fields: Partial<RecordingFile> = {}): RecordingFile => ({
  id,
  kind: 'video',
  viewChoice: 'speaker',
  ext: 'mp4',
  sizeBytes: 100,
  url: `${ZOOM_ORIGIN}/rec/download/${id}`,
  ...fields,
});

/** Ledger entries of a recording's files, every one of its chosen files archived there. */
async function archive(destination: string, recordingId: string, files: RecordingFile[]): Promise<void> {
  await db.archive.bulkPut(
    files.map(
      (one): ArchiveEntry => ({
        key: `${destination}|zoom|${recordingId}|${one.id}`,
        destination,
        site: 'zoom',
        recordingId,
        fileId: one.id,
        kind: one.kind,
        sizeBytes: one.sizeBytes ?? 0,
        announcedBytes: one.sizeBytes,
        place: `${recordingId}/${one.id}.${one.ext}`,
        recordingFileIds: files.map((f) => f.id),
        archivedAt: 1,
        verifiedAt: 1,
        jobId: 1,
      }),
    ),
  );
}

/** The platform as it lists files now, and which recordings it was asked about. */
function platform(listing: Record<string, RecordingFile[] | 'fails'>) {
  const asked: string[] = [];
  const list: ListFiles = async (origin, { id }) => {
    expect(origin).toBe(ZOOM_ORIGIN);
    asked.push(id);
    const files = listing[id];
    if (files === 'fails' || files === undefined) throw new ExportError({ code: 'http', site: 'zoom', detail: '500' });
    return files;
  };
  return { asked, list };
}

const ask = (recordings: Recording[], skippedFiles: string[] = [], destination = 'zip') => ({
  site: 'zoom' as const,
  origin: ZOOM_ORIGIN,
  destination,
  recordings,
  skippedFiles: skippedFiles as never[],
});

describe('new files of archived recordings', () => {
  it('counts a transcript added since and a file announced at another size; lists only the recordings archived there', async () => {
    const video = file('v1');
    const transcript = file('t1', { kind: 'transcript', ext: 'vtt', viewChoice: undefined, sizeBytes: 3 });
    await archive('zip', 'm1', [video]);
    await archive('zip', 'm2', [file('v2')]);
    await archive('folder', 'm3', [file('v3')]);
    const { asked, list } = platform({
      m1: [video, transcript],
      m2: [file('v2', { sizeBytes: 250 })],
      m3: [file('v3'), file('t3', { kind: 'transcript' })],
      m4: [file('v4')],
    });
    const counted = await countNewFiles(ask(['m1', 'm2', 'm3', 'm4'].map(recording)), list);
    expect(counted).toEqual({ byRecording: { m1: 1, m2: 1 }, unlisted: [] });
    // Not archived in the ZIP (m3 is in the folder, m4 nowhere): exported whole anyway, never listed here.
    expect(asked.sort()).toEqual(['m1', 'm2']);
  });

  it('leaves out new files of kinds the export skips, and nothing new counts none', async () => {
    const video = file('v1');
    await archive('s3:dest-1', 'm1', [video]);
    const { list } = platform({ m1: [video, file('t1', { kind: 'transcript', viewChoice: undefined })] });
    expect(await countNewFiles(ask([recording('m1')], ['transcript'], 's3:dest-1'), list)).toEqual({
      byRecording: { m1: 0 },
      unlisted: [],
    });
    expect(await countNewFiles(ask([recording('m1')], [], 's3:dest-1'), list)).toEqual({
      byRecording: { m1: 1 },
      unlisted: [],
    });
  });

  it('says which recordings could not be listed, counting the others', async () => {
    await archive('zip', 'm1', [file('v1')]);
    await archive('zip', 'm2', [file('v2')]);
    const { list } = platform({ m1: 'fails', m2: [file('v2'), file('a2', { kind: 'audio', ext: 'm4a' })] });
    expect(await countNewFiles(ask([recording('m1'), recording('m2')]), list)).toEqual({
      byRecording: { m2: 1 },
      unlisted: ['m1'],
    });
  });

  it('a recording archived only in part is not listed: its files are all exported', async () => {
    await db.archive.put({
      key: 'zip|zoom|m1|v1',
      destination: 'zip',
      site: 'zoom',
      recordingId: 'm1',
      fileId: 'v1',
      kind: 'video',
      sizeBytes: 100,
      place: 'm1/v1.mp4',
      recordingFileIds: ['v1', 't1'],
      archivedAt: 1,
      verifiedAt: 1,
      jobId: 1,
    });
    const { asked, list } = platform({ m1: [file('v1')] });
    expect(await countNewFiles(ask([recording('m1')]), list)).toEqual({ byRecording: {}, unlisted: [] });
    expect(asked).toEqual([]);
  });
});

describe('what the bar says of new files', () => {
  const zip = { destination: 'zip', at: 1, files: 1, complete: true };
  /** A bar with these ticked, the ledger having answered: `archived` of them are archived in a ZIP. */
  function bar(count: number, archived: number) {
    const recordings = Array.from({ length: count }, (_, index) => recording(`m${index}`));
    let state = barReducer(initialBarState, { type: 'tick', recordings, chosen: true });
    state = barReducer(state, {
      type: 'archived',
      ids: recordings.map((one) => one.id),
      recordings: recordings.slice(0, archived).map((one) => ({ id: one.id, places: [zip] })),
    });
    return { state, recordings };
  }

  it('looks, then counts; another choice of files looks again; the summary names the count between archived and to go', () => {
    const { state, recordings } = bar(8, 6);
    expect(newFilesNote(state)).toEqual({ state: 'checking' });
    expect(archiveSummary(recordings, state.archived, newFilesNote(state))).toBe(
      '8 recordings · 6 already archived to a ZIP · looking for new files… · 2 to go · 2.0 KB',
    );
    const key = newFilesKey('zip', []);
    let next = barReducer(state, { type: 'newFiles', key, counts: { m0: 1, m1: 0, m2: 0 }, unlisted: [] });
    // Half an answer: still looking, never a number too small.
    expect(newFilesNote(next)).toEqual({ state: 'checking' });
    next = barReducer(next, { type: 'newFiles', key, counts: { m3: 0, m4: 0, m5: 0 }, unlisted: [] });
    expect(newFilesNote(next)).toEqual({ state: 'counted', count: 1 });
    expect(archiveSummary(recordings, next.archived, newFilesNote(next))).toBe(
      '8 recordings · 6 already archived to a ZIP · 1 new file in them · 2 to go · 2.0 KB',
    );
    next = barReducer(next, { type: 'newFiles', key, counts: { m1: 2 }, unlisted: [] });
    expect(archiveSummary(recordings, next.archived, newFilesNote(next))).toContain('· 3 new files in them ·');
    // Nothing new: the sentence as it was.
    const none = barReducer(state, {
      type: 'newFiles',
      key,
      counts: Object.fromEntries(recordings.map((one) => [one.id, 0])),
      unlisted: [],
    });
    expect(archiveSummary(recordings, none.archived, newFilesNote(none))).toBe(
      '8 recordings · 6 already archived to a ZIP · 2 to go · 2.0 KB',
    );
    // Transcripts left out now: counted for that choice again; an export that ended: counted again.
    expect(newFilesNote(barReducer(next, { type: 'skippedFiles', skipped: ['transcript'] }))).toEqual({
      state: 'checking',
    });
    expect(newFilesNote(barReducer(next, { type: 'newFilesStale' }))).toEqual({ state: 'checking' });
  });

  it('a recording that could not be listed, or too many archived: new files are found when the export starts', () => {
    const { state, recordings } = bar(2, 2);
    const unlisted = barReducer(state, {
      type: 'newFiles',
      key: newFilesKey('zip', []),
      counts: { m0: 4 },
      unlisted: ['m1'],
    });
    expect(archiveSummary(recordings, unlisted.archived, newFilesNote(unlisted))).toBe(
      '2 recordings · 2 already archived to a ZIP · new files in them are found when the export starts · 0 to go · 0 B',
    );
    expect(newFilesNote(bar(MAX_RECORDINGS_CHECKED + 1, MAX_RECORDINGS_CHECKED + 1).state)).toEqual({
      state: 'later',
    });
    expect(newFilesNote(bar(MAX_RECORDINGS_CHECKED, MAX_RECORDINGS_CHECKED).state)).toEqual({ state: 'checking' });
    // Nothing archived: nothing to say; the ledger not answered yet: nothing yet.
    expect(newFilesNote(bar(3, 0).state)).toBeUndefined();
    const unasked = barReducer(initialBarState, { type: 'tick', recordings: [recording('x')], chosen: true });
    expect(newFilesNote(unasked)).toBeUndefined();
  });
});
