// What may be deleted from Collaborate, decided just before on a fake IndexedDB: only recordings every file of
// which is archived in the destination (and, for S3, still in the bucket at its size and CRC-32); deleting only as
// many as the user confirmed, stopping at the first refusal, each deletion written into the exports that archived it.
import 'fake-indexeddb/auto';
import { NotFound } from '@aws-sdk/client-s3';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DELETED_COLUMN, type DeletionDeps, deleteVerifiedRecordings } from '@/utils/archive/delete-verified';
import type { ArchiveEntry } from '@/utils/archive/ledger';
import { headCheck, verifyArchived } from '@/utils/archive/verified';
import { db } from '@/utils/db';
import { ExportError } from '@/utils/errors';
import { DEFAULT_SETTINGS, saveSettings } from '@/utils/settings';
import { jobRow } from './rows';

const LTI = 'https://eu-lti.bbcollab.com';
const [A, B, C, D] = ['a', 'b', 'c', 'd'].map((x) => x.repeat(32)) as [string, string, string, string];
const DEST = 's3:dest-1';
let jobId: number;

function entry(recordingId: string, fileId: string, fields: Partial<ArchiveEntry> = {}): ArchiveEntry {
  return {
    key: `${DEST}|collaborate|${recordingId}|${fileId}`,
    destination: DEST,
    site: 'collaborate',
    recordingId,
    fileId,
    kind: 'video',
    sizeBytes: 1000,
    crc32: '0a0b0c0d',
    place: `copy/${recordingId}/${fileId}.mp4`,
    bucket: 'lectures',
    destinationName: 'Archive',
    recordingFileIds: [`${recordingId}/recording`, `${recordingId}/chat`],
    archivedAt: 5,
    verifiedAt: 5,
    jobId,
    ...fields,
  };
}

beforeEach(async () => {
  fakeBrowser.reset();
  await db.delete();
  await db.open();
  jobId = await db.jobs.add(jobRow({ destination: 's3', site: 'collaborate', origin: LTI }));
  const recording = (id: string) => ({
    site: 'collaborate' as const,
    id,
    title: id,
    startedAt: '',
    status: 'ready' as const,
    columns: { RecordingName: id },
  });
  await db.recordings.bulkAdd([A, B, C, D].map((id) => ({ jobId, recording: recording(id) })));
  // A, B and D are archived whole; C only its video (its chat failed).
  await db.archive.bulkPut([
    entry(A, `${A}/recording`),
    entry(A, `${A}/chat`, { kind: 'chat', sizeBytes: 10 }),
    entry(B, `${B}/recording`),
    entry(B, `${B}/chat`, { kind: 'chat', sizeBytes: 10 }),
    entry(C, `${C}/recording`),
    entry(D, `${D}/recording`, { recordingFileIds: [`${D}/recording`] }),
  ]);
});

describe('verified recordings', () => {
  it('are those whose every chosen file is archived and whose objects are there at their size and CRC', async () => {
    const check = async (archived: ArchiveEntry) => (archived.recordingId === D ? 'missing' : 'same');
    const { verified, notVerified } = await verifyArchived(DEST, 'collaborate', [A, B, C, D, 'e'.repeat(32)], check);
    expect(verified).toEqual([
      { id: A, bytes: 1010, archivedAt: 5, destinationName: 'Archive' },
      { id: B, bytes: 1010, archivedAt: 5, destinationName: 'Archive' },
    ]);
    expect(notVerified).toEqual([
      { id: C, reason: 'not-archived' },
      { id: D, reason: 'missing' },
      { id: 'e'.repeat(32), reason: 'not-archived' },
    ]);
  });

  it('asks S3 with HeadObject: same size and x-amz-meta-crc32, else differs; 404 is missing', async () => {
    const archived = entry(A, `${A}/recording`);
    const answering = (answer: unknown) => ({ send: vi.fn(async (_command: { input: unknown }) => answer) });
    const same = answering({ ContentLength: 1000, Metadata: { crc32: '0a0b0c0d' } });
    expect(await headCheck(same, 'lectures', archived)).toBe('same');
    expect(same.send.mock.calls[0]?.[0].input).toEqual({ Bucket: 'lectures', Key: `copy/${A}/${A}/recording.mp4` });
    expect(await headCheck(answering({ ContentLength: 999, Metadata: { crc32: '0a0b0c0d' } }), 'x', archived)).toBe(
      'differs',
    );
    expect(await headCheck(answering({ ContentLength: 1000, Metadata: {} }), 'x', archived)).toBe('differs');
    const gone = new NotFound({ message: 'Not Found', $metadata: { httpStatusCode: 404 } });
    expect(await headCheck({ send: async () => Promise.reject(gone) }, 'x', archived)).toBe('missing');
    const busy = Object.assign(new Error('busy'), { $metadata: { httpStatusCode: 503 } });
    expect(await headCheck({ send: async () => Promise.reject(busy) }, 'x', archived)).toBe('unchecked');
  });
});

describe('deleting verified recordings', () => {
  const request = { site: 'collaborate' as const, origin: LTI, destination: DEST, recordingIds: [A, B, C] };
  const deps = (remove: DeletionDeps['remove']): DeletionDeps & { rewriteLogs: ReturnType<typeof vi.fn> } => ({
    verify: (asked) => verifyArchived(asked.destination, asked.site, asked.recordingIds, async () => 'same'),
    remove,
    rewriteLogs: vi.fn(async () => undefined),
    now: () => Date.UTC(2026, 11, 6, 15, 40, 12),
  });
  const deletedColumn = async (id: string) =>
    (await db.recordings.where('jobId').equals(jobId).toArray()).find((row) => row.recording.id === id)?.recording
      .columns[DELETED_COLUMN];

  it('is off by default: nothing is asked of the platform', async () => {
    const remove = vi.fn(async () => undefined);
    await expect(deleteVerifiedRecordings({ ...request, confirmedCount: 2 }, deps(remove))).rejects.toThrow(
      ExportError,
    );
    expect(remove).not.toHaveBeenCalled();
  });

  it('deletes exactly the verified ones, writes the time into their rows and rewrites the log', async () => {
    await saveSettings({ ...DEFAULT_SETTINGS, deleteVerifiedCollaborate: true });
    const remove = vi.fn(async () => undefined);
    const used = deps(remove);
    const outcome = await deleteVerifiedRecordings({ ...request, confirmedCount: 2 }, used);
    expect(outcome).toEqual({ deleted: [A, B], failed: undefined, notVerified: 1 });
    expect(remove.mock.calls).toEqual([
      [LTI, A],
      [LTI, B],
    ]);
    expect(await deletedColumn(A)).toBe('2026-12-06 15:40:12');
    expect(await deletedColumn(C)).toBeUndefined();
    expect(used.rewriteLogs).toHaveBeenCalledWith([jobId]);
  });

  it('refuses when the verified count is not the confirmed one', async () => {
    await saveSettings({ ...DEFAULT_SETTINGS, deleteVerifiedCollaborate: true });
    const remove = vi.fn(async () => undefined);
    await expect(deleteVerifiedRecordings({ ...request, confirmedCount: 3 }, deps(remove))).rejects.toMatchObject({
      info: { code: 'bad-request', detail: 'changed since confirmed' },
    });
    expect(remove).not.toHaveBeenCalled();
  });

  it('stops at the first refusal and says which and why', async () => {
    await saveSettings({ ...DEFAULT_SETTINGS, deleteVerifiedCollaborate: true });
    const remove = vi.fn(async (_origin: string, id: string) => {
      if (id === A) throw new ExportError({ code: 'http', site: 'collaborate', detail: '403' });
    });
    const outcome = await deleteVerifiedRecordings({ ...request, confirmedCount: 2 }, deps(remove));
    expect(outcome).toEqual({
      deleted: [],
      failed: { id: A, error: { code: 'http', site: 'collaborate', detail: '403' } },
      notVerified: 1,
    });
    expect(remove).toHaveBeenCalledTimes(1);
    expect(await deletedColumn(A)).toBeUndefined();
  });
});
