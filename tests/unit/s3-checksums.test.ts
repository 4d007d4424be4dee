// Amazon S3 checks the CRC-32 Reclaim gives it for each part and for the whole object against the bytes it
// received, and refuses what differs (BadDigest): bytes changed on the way never become the archived object.
import { crc32 as zlibCrc32 } from 'node:zlib';
import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  HeadObjectCommand,
  PutObjectCommand,
  type S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { toErrorInfo } from '@/utils/errors';
import { MIN_PART_SIZE, type UploadedPart, type UploadLedger, uploadObject } from '@/utils/s3/multipart';

const sdkError = (name: string, status: number) =>
  Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });

/** S3's way of writing a CRC-32: its four bytes, most significant first, in base64. */
const base64Crc = (bytes: Uint8Array) => {
  const crc = zlibCrc32(bytes);
  return Buffer.from([crc >>> 24, (crc >>> 16) & 0xff, (crc >>> 8) & 0xff, crc & 0xff]).toString('base64');
};

const size = MIN_PART_SIZE * 2 + 5;
const bytes = new Uint8Array(size).map((_, i) => (i * 7) % 251);

type Saved = { uploadId?: string; partSize?: number; checksums?: boolean; parts: UploadedPart[] };

function memoryLedger(start: Saved = { parts: [] }): UploadLedger & { state: Saved } {
  const ledger = {
    state: start,
    load: async () => ledger.state,
    begin: async (uploadId: string, partSize: number, checksums?: boolean) => {
      ledger.state = { uploadId, partSize, checksums, parts: [] };
    },
    addPart: async (part: UploadedPart) => {
      ledger.state.parts.push(part);
    },
  };
  return ledger;
}

/**
 * An S3 that keeps what it was asked and checks checksums as Amazon does: a part whose CRC-32 is given must have
 * it, and `refuse` lists parts whose next try is answered BadDigest (the bytes changed on the way).
 */
function checkingS3(refuse: number[] = [], alreadyStored = 0) {
  const asked: Array<{ command: string; input: Record<string, unknown>; crcOfBody?: string }> = [];
  let stored = alreadyStored;
  const client = {
    async send(command: { input: Record<string, unknown> }) {
      const input = command.input;
      if (command instanceof CreateMultipartUploadCommand) {
        asked.push({ command: 'create', input });
        return { UploadId: 'up' };
      }
      if (command instanceof UploadPartCommand || command instanceof PutObjectCommand) {
        const body = new Uint8Array(await (input.Body as Blob).arrayBuffer());
        const crcOfBody = base64Crc(body);
        asked.push({ command: command instanceof PutObjectCommand ? 'put' : 'part', input, crcOfBody });
        const at = refuse.indexOf(input.PartNumber as number);
        if (at >= 0) {
          refuse.splice(at, 1);
          throw sdkError('BadDigest', 400);
        }
        if (input.ChecksumCRC32 !== undefined && input.ChecksumCRC32 !== crcOfBody) throw sdkError('BadDigest', 400);
        stored += body.byteLength;
        return { ETag: `"${input.PartNumber}"` };
      }
      if (command instanceof CompleteMultipartUploadCommand) {
        asked.push({ command: 'complete', input });
        return {};
      }
      if (command instanceof HeadObjectCommand) return { ContentLength: stored };
      if (command instanceof CopyObjectCommand) return {};
      throw new Error('unexpected command');
    },
  } as unknown as S3Client;
  return { client, asked };
}

function upload(client: S3Client, ledger: UploadLedger, checksums: boolean, body = bytes) {
  return uploadObject(
    { client, bucket: 'b', key: 'k', checksums },
    {
      size: body.byteLength,
      open: async (start) => new Blob([body.subarray(start)]).stream(),
      ledger,
      partsInFlight: 2,
      signal: new AbortController().signal,
      policy: { attempts: 3, baseMs: 1, maxMs: 1 },
    },
  );
}

describe('checksums S3 checks on arrival', () => {
  it("gives Amazon each part's CRC-32 and the whole object's, and keeps in the ledger that the upload has them", async () => {
    const { client, asked } = checkingS3();
    const ledger = memoryLedger();
    await upload(client, ledger, true);
    const create = asked.find((call) => call.command === 'create');
    expect(create?.input).toMatchObject({ ChecksumAlgorithm: 'CRC32', ChecksumType: 'FULL_OBJECT' });
    const parts = asked.filter((call) => call.command === 'part');
    expect(parts).toHaveLength(3);
    for (const part of parts) expect(part.input.ChecksumCRC32).toBe(part.crcOfBody);
    const complete = asked.find((call) => call.command === 'complete')?.input;
    expect(complete).toMatchObject({ ChecksumCRC32: base64Crc(bytes), ChecksumType: 'FULL_OBJECT' });
    const listed = complete?.MultipartUpload as { Parts: Array<{ ChecksumCRC32?: string }> } | undefined;
    expect(listed?.Parts.map((part) => part.ChecksumCRC32)).toEqual(
      [0, 1, 2].map((at) => base64Crc(bytes.subarray(at * MIN_PART_SIZE, (at + 1) * MIN_PART_SIZE))),
    );
    expect(ledger.state.checksums).toBe(true);
  });

  it('gives a small object its CRC-32 in the one request that sends it', async () => {
    const { client, asked } = checkingS3();
    const small = bytes.subarray(0, 1000);
    await upload(client, memoryLedger(), true, small);
    expect(asked.find((call) => call.command === 'put')?.input.ChecksumCRC32).toBe(base64Crc(small));
  });

  it('sends a part again that S3 refused as changed on the way (BadDigest), and completes the object', async () => {
    const { client, asked } = checkingS3([2]);
    const ledger = memoryLedger();
    await upload(client, ledger, true);
    expect(asked.filter((call) => call.command === 'part').map((call) => call.input.PartNumber)).toEqual(
      expect.arrayContaining([1, 2, 2, 3]),
    );
    expect(ledger.state.parts.map((part) => part.partNumber).sort()).toEqual([1, 2, 3]);
    expect(asked.at(-1)?.command).toBe('complete');
  });

  it('fails the file with its own message when S3 refuses every try of a part as changed on the way', async () => {
    const { client } = checkingS3([2, 2, 2]);
    const error = await upload(client, memoryLedger(), true).catch((e) => e);
    expect(toErrorInfo(error)).toEqual({ code: 's3-bad-digest', detail: 'UploadPart' });
  });

  it('sends no checksums to other S3-compatible servers (some refuse the headers)', async () => {
    const { client, asked } = checkingS3();
    await upload(client, memoryLedger(), false);
    for (const call of asked) {
      expect(call.input.ChecksumCRC32).toBeUndefined();
      expect(call.input.ChecksumAlgorithm).toBeUndefined();
      expect(call.input.ChecksumType).toBeUndefined();
    }
  });

  it('goes on without checksums in an upload begun without them (S3 would refuse a part that has one)', async () => {
    const { client, asked } = checkingS3([], MIN_PART_SIZE);
    const ledger = memoryLedger({
      uploadId: 'up',
      partSize: MIN_PART_SIZE,
      parts: [{ partNumber: 1, size: MIN_PART_SIZE, etag: '"1"' }],
    });
    await upload(client, ledger, true);
    expect(asked.map((call) => call.command)).toEqual(['part', 'part', 'complete']);
    for (const call of asked) expect(call.input.ChecksumCRC32).toBeUndefined();
  });
});
