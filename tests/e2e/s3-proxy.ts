// A small proxy in front of the S3 server: it counts the requests that reach it and can fail chosen ones, so a
// test can see which parts were sent (again) and how an answer of 500 is handled.
import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
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
}

export interface S3Proxy {
  endpoint: string;
  port: number;
  seen: SeenRequest[];
  /** The next `times` requests for this part number get this status instead of reaching the server. */
  failPart(partNumber: number, status: number, times?: number): void;
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
export async function startS3Proxy(target: string, options: { amazon?: boolean } = {}): Promise<S3Proxy> {
  const upstream = new URL(target);
  const seen: SeenRequest[] = [];
  const failures = new Map<number, { status: number; times: number }>();
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
    const headers = { ...req.headers, host: upstream.host };
    const forward = request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers },
      (answer) => {
        record.status = answer.statusCode;
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => res.destroy());
    // A client that gave up (a cancelled copy) must not leave the server waiting for the rest of a body.
    res.on('close', () => {
      if (!res.writableFinished) forward.destroy();
    });
    req.pipe(forward);
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
