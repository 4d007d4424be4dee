// What S3's answers mean for a copy: which refusals are final, which pause the copy for the user, and an upload S3
// forgot (a bucket lifecycle rule during a long pause) started again instead of failing the file.
import { crc32 as zlibCrc32 } from 'node:zlib';
import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  HeadObjectCommand,
  type S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { type ExportError, isRetryable, pausesExport, stopsExport } from '@/utils/errors';
import { MIN_PART_SIZE, type UploadedPart, type UploadLedger, uploadObject } from '@/utils/s3/multipart';
import { s3ErrorInfo } from '@/utils/s3/s3-error';

const sdkError = (name: string, status: number) =>
  Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });

describe('S3 refusals', () => {
  it('pauses the copy when temporary keys expired, saying to update the destination', () => {
    const info = s3ErrorInfo(sdkError('ExpiredToken', 400), 'UploadPart');
    expect(info.code).toBe('s3-keys-expired');
    expect(pausesExport(info)).toBe(true);
    expect(stopsExport(info)).toBe(true);
  });

  it('takes any other 4xx as final with what S3 said, never retried as a server error', () => {
    const info = s3ErrorInfo(sdkError('InvalidArgument', 400), 'UploadPart');
    expect(info).toEqual({ code: 's3-refused', detail: 'UploadPart: InvalidArgument' });
    expect(isRetryable(info)).toBe(false);
    expect(isRetryable(s3ErrorInfo(sdkError('EntityTooLarge', 400), 'PutObject'))).toBe(false);
  });

  it('retries a 4xx S3 gave no name for (a HEAD answer has no body to name it)', () => {
    const unnamed = Object.assign(new Error(''), { name: '', $metadata: { httpStatusCode: 400 } });
    expect(isRetryable(s3ErrorInfo(unnamed, 'HeadObject'))).toBe(true);
  });

  it('still retries a busy or failing server', () => {
    expect(isRetryable(s3ErrorInfo(sdkError('SlowDown', 503), 'UploadPart'))).toBe(true);
    expect(isRetryable(s3ErrorInfo(sdkError('InternalError', 500), 'UploadPart'))).toBe(true);
  });

  it('knows an upload S3 no longer has', () => {
    expect(s3ErrorInfo(sdkError('NoSuchUpload', 404), 'UploadPart').code).toBe('s3-upload-gone');
  });
});

describe('a multipart upload S3 forgot during a long pause', () => {
  const size = MIN_PART_SIZE * 2 + 5;
  const bytes = new Uint8Array(size).map((_, i) => i % 253);

  function memoryLedger(start: { uploadId?: string; partSize?: number; parts: UploadedPart[] }): UploadLedger & {
    state: typeof start;
  } {
    const ledger = {
      state: start,
      load: async () => ledger.state,
      begin: async (uploadId: string, partSize: number) => {
        ledger.state = { uploadId, partSize, parts: [] };
      },
      addPart: async (part: UploadedPart) => {
        ledger.state.parts.push(part);
      },
    };
    return ledger;
  }

  it('starts that file again from its first byte under a new upload, and completes it', async () => {
    const calls: string[] = [];
    const opened: number[] = [];
    let stored = 0;
    const client = {
      async send(command: unknown) {
        if (command instanceof CreateMultipartUploadCommand) {
          calls.push('create');
          return { UploadId: 'fresh' };
        }
        if (command instanceof UploadPartCommand) {
          const { UploadId, PartNumber, Body } = command.input;
          calls.push(`part ${PartNumber} of ${UploadId}`);
          if (UploadId === 'old') throw sdkError('NoSuchUpload', 404);
          stored += (Body as Blob).size;
          return { ETag: `"${PartNumber}"` };
        }
        if (command instanceof CompleteMultipartUploadCommand) {
          calls.push(`complete ${command.input.UploadId} with ${command.input.MultipartUpload?.Parts?.length} parts`);
          return {};
        }
        if (command instanceof HeadObjectCommand) return { ContentLength: stored };
        if (command instanceof CopyObjectCommand) {
          // The object copied onto itself with its CRC-32, known only once every part was sent.
          calls.push(`copy ${command.input.CopySource} crc ${command.input.Metadata?.crc32}`);
          return {};
        }
        throw new Error('unexpected command');
      },
    } as unknown as S3Client;
    // Part 1 was acknowledged before the pause; S3 has since dropped the whole upload.
    const ledger = memoryLedger({
      uploadId: 'old',
      partSize: MIN_PART_SIZE,
      parts: [{ partNumber: 1, size: MIN_PART_SIZE, etag: '"1"' }],
    });
    const crc = await uploadObject(
      { client, bucket: 'b', key: 'k' },
      {
        size,
        open: async (start) => {
          opened.push(start);
          return new Blob([bytes.subarray(start)]).stream();
        },
        ledger,
        partsInFlight: 2,
        signal: new AbortController().signal,
        policy: { attempts: 3, baseMs: 1, maxMs: 1 },
      },
    );
    expect(opened).toEqual([MIN_PART_SIZE, 0]);
    expect(calls.filter((call) => call.includes('fresh') || call === 'create')).toEqual([
      'create',
      'part 1 of fresh',
      'part 2 of fresh',
      'part 3 of fresh',
      'complete fresh with 3 parts',
    ]);
    const whole = zlibCrc32(bytes);
    expect(crc).toBe(whole);
    expect(calls.at(-1)).toBe(`copy b/k crc ${whole.toString(16).padStart(8, '0')}`);
    expect(ledger.state.uploadId).toBe('fresh');
    expect(stored).toBe(size);
  });

  it('fails with a final error when S3 keeps refusing the fresh upload too', async () => {
    const client = {
      async send(command: unknown) {
        if (command instanceof CreateMultipartUploadCommand) return { UploadId: 'again' };
        if (command instanceof UploadPartCommand) throw sdkError('NoSuchUpload', 404);
        throw new Error('unexpected command');
      },
    } as unknown as S3Client;
    const ledger = memoryLedger({ uploadId: 'old', partSize: MIN_PART_SIZE, parts: [] });
    const error = (await uploadObject(
      { client, bucket: 'b', key: 'k' },
      {
        size,
        open: async (start) => new Blob([bytes.subarray(start)]).stream(),
        ledger,
        partsInFlight: 1,
        signal: new AbortController().signal,
        policy: { attempts: 3, baseMs: 1, maxMs: 1 },
      },
    ).catch((e) => e)) as ExportError;
    expect(error.info.code).toBe('s3-upload-gone');
  });
});
