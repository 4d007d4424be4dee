// What an S3 copy keeps besides the objects: each file's unfinished multipart upload and its acknowledged parts
// (so a stopped worker's copy goes on from the first missing part), and the records written into the copy folder
// last (the metadata log and the manifest).
import type { S3Client } from '@aws-sdk/client-s3';
import { db, type ExportFile, type ExportJob, type S3Copy } from '../db';
import { abandonUpload } from '../s3/abandon';
import { type UploadLedger, uploadObject } from '../s3/multipart';
import { adapterFor } from '../sites/registry';
import { jobRecordings, updateFile } from './jobs';
import { MANIFEST_NAME, manifestCsv } from './manifest';
import { logRows, metadataLogCsv, metadataLogName } from './metadata-log';
import { objectKey } from './s3-layout';

const CONTENT_TYPES: Record<string, string> = {
  mp4: 'video/mp4',
  m4a: 'audio/mp4',
  vtt: 'text/vtt',
  txt: 'text/plain; charset=utf-8',
  json: 'application/json',
  csv: 'text/csv; charset=utf-8',
};

export function contentTypeOf(path: string): string | undefined {
  return CONTENT_TYPES[path.split('.').pop()?.toLowerCase() ?? ''];
}

/**
 * The database as the upload's ledger: parts are written before they count as sent. Once the copy is stopped
 * nothing more is written, so a cancel that gives the upload up leaves no part behind it.
 */
export function ledgerFor(file: ExportFile, signal: AbortSignal): UploadLedger {
  return {
    async load() {
      const upload = await db.uploads.get(file.id);
      const parts = await db.parts.where('fileId').equals(file.id).toArray();
      return {
        uploadId: upload?.uploadId,
        partSize: upload?.partSize,
        checksums: upload?.checksums,
        parts: parts.map(({ partNumber, size, etag, crc32 }) => ({ partNumber, size, etag, crc32 })),
      };
    },
    async begin(uploadId, partSize, checksums) {
      await db.transaction('rw', db.uploads, db.parts, async () => {
        await db.parts.where('fileId').equals(file.id).delete();
        await db.uploads.put({ fileId: file.id, jobId: file.jobId, uploadId, partSize, checksums });
      });
    },
    async addPart(part) {
      if (signal.aborted) return;
      await db.parts.put({ key: `${file.id}/${part.partNumber}`, fileId: file.id, ...part });
    },
  };
}

export function forgetUpload(fileId: number): Promise<void> {
  return db.transaction('rw', db.uploads, db.parts, async () => {
    await db.uploads.delete(fileId);
    await db.parts.where('fileId').equals(fileId).delete();
  });
}

/**
 * Gives up a file's unfinished upload. A server that refuses (or cannot) abort it is written into the file's
 * history, so the user knows parts may be left in the bucket.
 */
export async function abandon(client: S3Client, copy: S3Copy, fileId: number): Promise<void> {
  const upload = await db.uploads.get(fileId);
  const file = await db.files.get(fileId);
  if (upload && file) {
    const result = await abandonUpload(
      { client, bucket: copy.bucket, key: objectKey(copy, file.path) },
      upload.uploadId,
    );
    if (!result.aborted) {
      const error = file.error ?? { code: 'cancelled' as const };
      await updateFile(fileId, { error: { ...error, detail: `${result.note} (upload ${upload.uploadId})` } });
      // Kept in the ledger so it can still be aborted, unless this server can never abort it.
      if (result.worthKeeping) return;
    }
  }
  await forgetUpload(fileId);
}

/** Every unfinished upload of the copy is given up: a copy that ends early never leaves one behind. */
export async function abandonAll(jobId: number, client: S3Client, copy: S3Copy): Promise<void> {
  const uploads = await db.uploads.where('jobId').equals(jobId).toArray();
  for (const upload of uploads) await abandon(client, copy, upload.fileId);
}

export interface RecordsTarget {
  job: ExportJob;
  copy: S3Copy;
  client: S3Client;
  checksums: boolean;
  signal: AbortSignal;
}

/** The metadata log and the manifest, into the copy folder: written once every file has ended. */
export async function writeCopyRecords(context: RecordsTarget): Promise<void> {
  const { job, copy, client } = context;
  const adapter = adapterFor(job.site);
  const files = await db.files.where('jobId').equals(job.id).sortBy('id');
  const rows = logRows(await jobRecordings(job.id), files, (recording) =>
    adapter ? adapter.reportColumns(recording) : recording.columns,
  );
  const log = metadataLogCsv(rows, (file) => objectKey(copy, file.path));
  const records: [string, string][] = [
    [metadataLogName(copy.startedAt, copy.copyId, adapter?.logName ?? job.site), log],
    [MANIFEST_NAME, manifestCsv(files)],
  ];
  for (const [name, text] of records) {
    const body = new TextEncoder().encode(text);
    const ledger: UploadLedger = {
      load: async () => ({ parts: [] }),
      begin: async () => undefined,
      addPart: async () => undefined,
    };
    await uploadObject(
      {
        client,
        bucket: copy.bucket,
        key: objectKey(copy, name),
        contentType: contentTypeOf(name),
        checksums: context.checksums,
      },
      {
        size: body.byteLength,
        ledger,
        partsInFlight: 1,
        signal: context.signal,
        open: async () => new Blob([body]).stream(),
      },
    );
  }
}
