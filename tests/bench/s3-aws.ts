// The baseline of `npm run bench:s3`: the same bytes as the extension copies, uploaded from local files by
// `aws s3 cp --recursive` with its default transfer settings, through the same https proxy as the browser.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { ZoomFile } from '../portal/dataset.ts';
import { mediaChunks } from '../portal/media.ts';

/** Writes every file as the portal serves it, one folder per recording's files; not timed. */
export function writeLocalCopy(dir: string, files: ZoomFile[]): void {
  files.forEach((file, index) => {
    // Numbered: the same stored name could come back in another recording.
    const path = join(dir, String(index).padStart(3, '0'), file.fileName);
    mkdirSync(join(path, '..'), { recursive: true });
    if (file.text) {
      writeFileSync(path, file.text);
      return;
    }
    const fd = openSync(path, 'w');
    try {
      for (const chunk of mediaChunks(file.fileKey, file.sizeBytes, 0, file.sizeBytes, 4 << 20)) writeSync(fd, chunk);
    } finally {
      closeSync(fd);
    }
  });
}

const AWS_ENV = {
  AWS_ACCESS_KEY_ID: 'S3RVER',
  AWS_SECRET_ACCESS_KEY: 'S3RVER',
  AWS_DEFAULT_REGION: 'us-east-1',
  // botocore 1.36 and later add CRC-32 checksums in aws-chunked framing by default, which s3rver stores as if
  // it were the data (the extension's client turns them off for the same reason, utils/s3/client.ts).
  AWS_REQUEST_CHECKSUM_CALCULATION: 'when_required',
  AWS_RESPONSE_CHECKSUM_VALIDATION: 'when_required',
  // --no-verify-ssl makes urllib3 warn once per request: thousands of lines of noise.
  PYTHONWARNINGS: 'ignore:Unverified HTTPS request',
};

export function awsVersion(): string {
  const run = spawnSync('aws', ['--version'], { encoding: 'utf8', env: { ...process.env, ...AWS_ENV } });
  if (run.status !== 0) throw new Error(`aws --version failed: ${run.stderr || run.error}`);
  return (run.stdout || run.stderr).trim();
}

/** The process group of the aws run under way, if any: GNU time does not pass a SIGTERM on to aws. */
let running: number | undefined;

/** Ends the aws run under way (a timeout, or the benchmark stopping early): its whole process group. */
export function stopAws(): void {
  if (running === undefined) return;
  try {
    process.kill(-running, 'SIGKILL');
  } catch {
    // Already gone.
  }
  running = undefined;
}

export interface AwsResult {
  ms: number;
  /** CPU seconds aws spent (user + system) and its peak RSS, from GNU time: to set beside the browser's. */
  cpuSeconds: number;
  peakRss: number;
}

/** Runs `command` under GNU time in a process group of its own; rejects on a non-zero exit or after `timeoutMs`. */
function timed(label: string, command: string[], usage: string, timeoutMs: number): Promise<AwsResult> {
  const start = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/time', ['-o', usage, '-f', '%U %S %M', ...command], {
      env: { ...process.env, ...AWS_ENV },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    running = child.pid;
    let said = '';
    const keep = (chunk: Buffer) => {
      said = (said + chunk.toString('utf8')).slice(-3000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => {
      stopAws();
      reject(new Error(`${label} took longer than ${Math.round(timeoutMs / 1000)} s: ${said}`));
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      const ms = Date.now() - start;
      running = undefined;
      clearTimeout(timer);
      if (code !== 0) {
        reject(new Error(`${label} exited ${code}: ${said}`));
        return;
      }
      // The last line: GNU time writes "Command exited ..." above it when the command fails. Its CPU times
      // include every child it waited for (curl and aws in the pipeline below).
      const [user, system, maxKB] = (readFileSync(usage, 'utf8').trim().split('\n').at(-1) ?? '').split(' ');
      resolve({ ms, cpuSeconds: Number(user) + Number(system), peakRss: Number(maxKB) * 1024 });
    });
  });
}

interface AwsTarget {
  bucket: string;
  prefix: string;
  proxyPort: number;
  timeoutMs: number;
}

// Path style to 127.0.0.1: the proxy passes it through unchanged (it rewrites only Amazon host names).
const endpointArgs = (target: AwsTarget) => [
  '--endpoint-url',
  `https://127.0.0.1:${target.proxyPort}`,
  '--no-verify-ssl',
  '--only-show-errors',
];

/** `aws s3 cp <dir> s3://<bucket>/<prefix>/ --recursive` under GNU time: the baseline. */
export function awsUpload(options: AwsTarget & { dir: string }): Promise<AwsResult> {
  const copy = ['s3', 'cp', options.dir, `s3://${options.bucket}/${options.prefix}/`, '--recursive'];
  const usage = join(options.dir, '..', `time-${options.prefix}.txt`);
  return timed('aws s3 cp', ['aws', ...copy, ...endpointArgs(options)], usage, options.timeoutMs);
}

/**
 * Not the baseline but a reference beside it: aws doing the job Reclaim does, each file fetched from the
 * demo portal (curl, following Zoom's download redirect, as a signed-in user) and piped into `aws s3 cp -`,
 * `parallel` files at a time as Reclaim copies them. On this machine the portal's TLS serving shares the two
 * cores with the upload, which a local file does not.
 */
export function awsFromPortal(
  options: AwsTarget & { work: string; files: ZoomFile[]; portalPort: number; session: string; parallel: number },
): Promise<AwsResult> {
  const list = join(options.work, `portal-${options.prefix}.txt`);
  writeFileSync(
    list,
    options.files
      .map((file, index) => `${encodeURIComponent(file.playId)} ${String(index).padStart(3, '0')}/${file.fileName}`)
      .map((line) => `${line}\n`) // `read` skips a last line that has no line end
      .join(''),
  );
  const fetch = [
    'curl -sSfkL --connect-to ::127.0.0.1:"$PORT"',
    '-b "_zm_ssid=$SESSION" -H "Referer: https://us06web.zoom.us/recording"',
    '"https://us06web.zoom.us/rec/download/$1"',
  ].join(' ');
  const upload = 'aws s3 cp - "s3://$BUCKET/$PREFIX/$2" $ENDPOINT';
  // One line per file: the play id (URL-encoded, no spaces) and the key (may hold spaces: the rest of the line).
  const script = `set -o pipefail; while read -r id key; do printf '%s\\0%s\\0' "$id" "$key"; done < "$LIST" | xargs -0 -n 2 -P "$PARALLEL" bash -c 'set -o pipefail; ${fetch} | ${upload}' copy`;
  const env = {
    PORT: String(options.portalPort),
    SESSION: options.session,
    BUCKET: options.bucket,
    PREFIX: options.prefix,
    ENDPOINT: endpointArgs(options).join(' '),
    LIST: list,
    PARALLEL: String(options.parallel),
  };
  const usage = join(options.work, `time-${options.prefix}.txt`);
  return timed(
    'curl | aws s3 cp -',
    ['env', ...Object.entries(env).map(([k, v]) => `${k}=${v}`), 'bash', '-c', script],
    usage,
    options.timeoutMs,
  );
}
