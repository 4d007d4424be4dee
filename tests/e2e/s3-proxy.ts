// A small proxy in front of the S3 server: it counts the requests that reach it and can fail chosen ones, so a
// test can see which parts were sent (again) and how an answer of 500 is handled.
import { createServer, request, type Server } from 'node:http';

export interface SeenRequest {
  method: string;
  path: string;
  partNumber?: number;
  status?: number;
}

export interface S3Proxy {
  endpoint: string;
  seen: SeenRequest[];
  /** The next `times` requests for this part number get this status instead of reaching the server. */
  failPart(partNumber: number, status: number, times?: number): void;
  close(): Promise<void>;
}

export async function startS3Proxy(target: string): Promise<S3Proxy> {
  const upstream = new URL(target);
  const seen: SeenRequest[] = [];
  const failures = new Map<number, { status: number; times: number }>();
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://proxy');
    const part = url.searchParams.get('partNumber');
    const record: SeenRequest = {
      method: req.method ?? '',
      path: url.pathname,
      partNumber: part ? Number(part) : undefined,
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
    const forward = request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        record.status = answer.statusCode;
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    seen,
    failPart(partNumber, status, times = 1) {
      failures.set(partNumber, { status, times });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
