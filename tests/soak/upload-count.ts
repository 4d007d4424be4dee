// Multipart uploads counted on their way to the local S3 server. s3rver has neither ListMultipartUploads nor
// AbortMultipartUpload (both answer NotImplemented / 405), so "no unaborted upload left" is counted here instead:
// every upload created, minus those completed, minus those aborted. An abort is answered here as Amazon S3 does
// (204), since the server behind cannot.
import { createServer, request } from 'node:http';

export interface UploadCount {
  endpoint: string;
  created: Set<string>;
  completed: Set<string>;
  aborted: Set<string>;
  /** Uploads created and neither completed nor aborted: what ListMultipartUploads would list. */
  unfinished(): string[];
  close(): Promise<void>;
}

export async function startUploadCount(target: string): Promise<UploadCount> {
  const upstream = new URL(target);
  const created = new Set<string>();
  const completed = new Set<string>();
  const aborted = new Set<string>();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://count');
    const uploadId = url.searchParams.get('uploadId');
    if (req.method === 'DELETE' && uploadId) {
      aborted.add(uploadId);
      req.resume();
      req.on('end', () => res.writeHead(204).end());
      return;
    }
    const creating = req.method === 'POST' && url.searchParams.has('uploads');
    const completing = req.method === 'POST' && uploadId !== null;
    const forward = request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        const parts: Buffer[] = [];
        answer.on('data', (part: Buffer) => {
          if (creating) parts.push(part);
          res.write(part);
        });
        answer.on('end', () => {
          res.end();
          const ok = (answer.statusCode ?? 0) < 300;
          const newId = /<UploadId>([^<]+)<\/UploadId>/.exec(Buffer.concat(parts).toString())?.[1];
          if (creating && ok && newId) created.add(newId);
          if (completing && ok && uploadId) completed.add(uploadId);
        });
      },
    );
    forward.on('error', () => res.destroy());
    res.on('close', () => {
      if (!res.writableFinished) forward.destroy();
    });
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    created,
    completed,
    aborted,
    unfinished: () => [...created].filter((id) => !completed.has(id) && !aborted.has(id)),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
