// A small proxy in front of the S3 server: it counts the requests that reach it and can fail chosen ones, so a
// test can see which parts were sent (again) and how an answer of 500 is handled. Speaking as Amazon, it also
// checks the CRC-32s sent with the bytes as Amazon does (s3rver ignores them), and can change a part on the way.

import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { crc32 } from 'node:zlib';
import { crc32Combine } from '../../utils/export/crc32.ts';
import { certificate } from '../portal/cert.ts';

export interface SeenRequest {
  method: string;
  path: string;
  partNumber?: number;
  status?: number;
  /** The `x-amz-content-sha256` the request was signed with: a hash, or `UNSIGNED-PAYLOAD`. */
  payloadHash?: string;
  /** A CopyObject (the object copied onto itself with its CRC-32): no bytes in its body. */
  copy?: boolean;
  /** A CompleteMultipartUpload (a POST naming its upload). */
  completion?: boolean;
  /** The multipart upload a part or a completion belongs to. */
  uploadId?: string;
  /** The `x-amz-checksum-crc32` sent: a part's or a small object's CRC, or on completion the whole object's. */
  checksum?: string;
  /** Refused as Amazon refuses bytes that do not match the CRC-32 sent with them (400 BadDigest). */
  badDigest?: boolean;
}

export interface S3Proxy {
  endpoint: string;
  port: number;
  seen: SeenRequest[];
  /** The next `times` requests for this part number get this status instead of reaching the server. */
  failPart(partNumber: number, status: number, times?: number): void;
  /** The next `times` bodies of this part number get one byte changed on the way to S3. */
  corruptPart(partNumber: number, times?: number): void;
  /** While offline, every connection is dropped at once, as when the network is gone. */
  setOffline(offline: boolean): void;
  close(): Promise<void>;
}

// Amazon's virtual-hosted addresses, `<bucket>.s3.<region>.amazonaws.com`: the bucket is in the host name.
const AMAZON_HOST = /^([a-z0-9.-]+)\.s3[.-](?:[a-z0-9-]+\.)?amazonaws\.com(?::\d+)?$/;

/**
 * `amazon: true` makes it speak https as Amazon S3 does (the browser maps `*.amazonaws.com` to it): the bucket
 * moves from the host name into the path, as the local server expects.
 */
export async function startS3Proxy(
  target: string,
  options: {
    amazon?: boolean;
    /**
     * As Amazon, check the CRC-32s sent (true unless said otherwise): a benchmark turns it off, since Amazon checks
     * on its own machines and the proxy's reading of every byte again would be charged to this one.
     */
    checksums?: boolean;
  } = {},
): Promise<S3Proxy> {
  const upstream = new URL(target);
  const seen: SeenRequest[] = [];
  const failures = new Map<number, { status: number; times: number }>();
  const corruptions = new Map<number, number>();
  // What each part forwarded holds, by upload and part number: the CRC-32 and length of the bytes the server keeps.
  const forwarded = new Map<string, { crc: number; size: number }>();

  /** The request on to the server, with `body` instead of the client's when given; the answer to `answered`. */
  const forward = (
    req: IncomingMessage,
    res: ServerResponse,
    record: SeenRequest,
    body?: Buffer,
    answered?: (answer: IncomingMessage) => void,
  ) => {
    const headers = { ...req.headers, host: upstream.host };
    if (body) headers['content-length'] = String(body.length);
    const onward = request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers },
      (answer) => {
        record.status = answer.statusCode;
        if (answered) return answered(answer);
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    onward.on('error', () => res.destroy());
    // A client that gave up (a cancelled copy) must not leave the server waiting for the rest of a body.
    res.on('close', () => {
      if (!res.writableFinished) onward.destroy();
    });
    if (body) onward.end(body);
    else req.pipe(onward);
  };

  /** Amazon's answer to bytes whose CRC-32 is not the one sent with them. */
  const refuseDigest = (res: ServerResponse, record: SeenRequest) => {
    record.status = 400;
    record.badDigest = true;
    res.writeHead(400, { 'Content-Type': 'application/xml' });
    res.end(
      '<?xml version="1.0"?><Error><Code>BadDigest</Code><Message>The CRC32 you specified did not match the calculated checksum.</Message></Error>',
    );
  };

  /** A part or small object sent with its CRC-32: refused when the bytes that arrived have another one. */
  const checkBody = async (req: IncomingMessage, res: ServerResponse, record: SeenRequest) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const corrupt = record.partNumber === undefined ? 0 : (corruptions.get(record.partNumber) ?? 0);
    if (corrupt > 0 && body.length > 0) {
      corruptions.set(record.partNumber as number, corrupt - 1);
      body[body.length >> 1] = (body[body.length >> 1] as number) ^ 0xff;
    }
    if (record.checksum !== undefined && record.checksum !== crcBase64(crc32(body))) return refuseDigest(res, record);
    if (record.uploadId !== undefined) {
      forwarded.set(`${record.uploadId}/${record.partNumber}`, { crc: crc32(body), size: body.length });
    }
    forward(req, res, record, body);
  };

  /**
   * A completion that names the whole object's CRC-32 (a full-object checksum): the parts it lists, as the server
   * holds them, must make that CRC, or it is refused before the server makes the object, as Amazon refuses it
   * (the upload stays, to be aborted). Worked out from the parts forwarded, not read back: s3rver answers a
   * completion before the object it writes is whole on its disk.
   */
  const checkWhole = async (req: IncomingMessage, res: ServerResponse, record: SeenRequest) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const numbers = [...body.toString('utf8').matchAll(/<PartNumber>(\d+)<\/PartNumber>/g)].map((m) => Number(m[1]));
    let whole = 0;
    for (const number of numbers) {
      const part = forwarded.get(`${record.uploadId}/${number}`);
      if (!part) return refuseDigest(res, record);
      whole = crc32Combine(whole, part.crc, part.size);
    }
    if (crcBase64(whole) !== record.checksum) return refuseDigest(res, record);
    forward(req, res, record, body);
  };

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const bucket = options.amazon ? AMAZON_HOST.exec(req.headers.host ?? '')?.[1] : undefined;
    if (bucket) req.url = `/${bucket}${req.url ?? '/'}`;
    const url = new URL(req.url ?? '/', 'http://proxy');
    const part = url.searchParams.get('partNumber');
    const record: SeenRequest = {
      method: req.method ?? '',
      path: url.pathname,
      partNumber: part ? Number(part) : undefined,
      payloadHash: req.headers['x-amz-content-sha256']?.toString(),
      copy: req.headers['x-amz-copy-source'] !== undefined || undefined,
      checksum: req.headers['x-amz-checksum-crc32']?.toString(),
      completion: (req.method === 'POST' && url.searchParams.has('uploadId')) || undefined,
      uploadId: url.searchParams.get('uploadId') ?? undefined,
    };
    seen.push(record);
    const failure = record.partNumber === undefined ? undefined : failures.get(record.partNumber);
    if (failure && failure.times > 0) {
      failure.times -= 1;
      record.status = failure.status;
      req.resume();
      req.on('end', () => {
        res.writeHead(failure.status, { 'Content-Type': 'application/xml' });
        res.end('<?xml version="1.0"?><Error><Code>InternalError</Code><Message>injected</Message></Error>');
      });
      return;
    }
    // A client that went away mid-body (a cancel, the network cut) leaves nothing to answer.
    const gone = () => res.destroy();
    const checking = options.amazon && options.checksums !== false;
    if (checking && req.method === 'PUT' && !record.copy) return void checkBody(req, res, record).catch(gone);
    if (checking && record.completion && record.checksum !== undefined)
      return void checkWhole(req, res, record).catch(gone);
    forward(req, res, record);
  };
  const server: Server = options.amazon ? createTlsServer(await certificate(), handle) : createServer(handle);
  let offline = false;
  server.on('connection', (socket) => {
    if (offline) socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    endpoint: `${options.amazon ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    seen,
    failPart(partNumber, status, times = 1) {
      failures.set(partNumber, { status, times });
    },
    corruptPart(partNumber, times = 1) {
      corruptions.set(partNumber, times);
    },
    setOffline(value) {
      offline = value;
      if (value) server.closeAllConnections();
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A CRC-32 as S3 writes it: four bytes, most significant first, in base64. */
function crcBase64(crc: number): string {
  return Buffer.from([crc >>> 24, (crc >>> 16) & 0xff, (crc >>> 8) & 0xff, crc & 0xff]).toString('base64');
}
