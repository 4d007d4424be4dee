// A throw-away self-signed certificate for the real host names, made with the openssl CLI at start.
// Browsers in the tests run with --ignore-certificate-errors; Node clients pass rejectUnauthorized: false.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

const NAMES = 'subjectAltName=DNS:*.zoom.us,DNS:zoom.us,DNS:*.bbcollab.com,DNS:bbcollab.com,DNS:localhost,IP:127.0.0.1';

export interface Certificate {
  key: string;
  cert: string;
}

let made: Promise<Certificate> | undefined;

async function makeCertificate(): Promise<Certificate> {
  const dir = await mkdtemp(join(tmpdir(), 'reclaim-portal-'));
  try {
    const keyFile = join(dir, 'key.pem');
    const certFile = join(dir, 'cert.pem');
    await run('openssl', [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=reclaim-portal',
      '-addext',
      NAMES,
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ]);
    return { key: await readFile(keyFile, 'utf8'), cert: await readFile(certFile, 'utf8') };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** One certificate per process: several portals in one test run share it (a key takes ~100 ms to make). */
export function certificate(): Promise<Certificate> {
  made ??= makeCertificate().catch((error: unknown) => {
    made = undefined;
    throw error;
  });
  return made;
}
