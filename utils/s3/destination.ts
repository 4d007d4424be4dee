// An Amazon S3 (or S3-compatible) destination as the user sets it up in the options. The secret stays in the
// extension's own database (no content script reaches it), is never logged or synced, and never leaves the
// background and the options page.
import { ExportError } from '../errors';

export interface S3Destination {
  id: string;
  name: string;
  bucket: string;
  region: string;
  /** A folder in the bucket, without leading or trailing slashes; may be empty. */
  prefix: string;
  /** For S3-compatible services (MinIO, R2, Wasabi...): their address; path-style addressing is used. */
  endpoint?: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** What pages may know of a destination: enough to choose it, nothing to use it. */
export type DestinationChoice = Pick<S3Destination, 'id' | 'name' | 'bucket' | 'prefix'>;

/** What a platform page is told of a destination: which to choose, never where it writes. */
export type DestinationName = Pick<S3Destination, 'id' | 'name'> & Partial<Pick<S3Destination, 'bucket' | 'prefix'>>;

// Bucket names as S3 allows them (3–63 characters, lower case, digits, dots and hyphens).
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const REGION = /^[a-z]{2}(-[a-z0-9]+)+-\d$|^auto$|^us-east-1$/;

function invalid(field: string): never {
  throw new ExportError({ code: 'bad-request', detail: field });
}

/** Checks and tidies what the user typed; throws a `bad-request` naming the field that is wrong. */
export function normaliseDestination(raw: Partial<Record<keyof S3Destination, unknown>>): S3Destination {
  const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
  const bucket = text(raw.bucket);
  if (!BUCKET.test(bucket)) invalid('bucket');
  const region = text(raw.region) || 'us-east-1';
  if (!REGION.test(region)) invalid('region');
  const endpoint = text(raw.endpoint) || undefined;
  if (endpoint) {
    let url: URL;
    try {
      url = new URL(endpoint);
    } catch {
      invalid('endpoint');
    }
    const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
    // Keys travel with every request: plain http only to this very machine.
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) invalid('endpoint');
  }
  const accessKeyId = text(raw.accessKeyId);
  const secretAccessKey = text(raw.secretAccessKey);
  if (!accessKeyId) invalid('accessKeyId');
  if (!secretAccessKey) invalid('secretAccessKey');
  return {
    id: text(raw.id) || crypto.randomUUID(),
    name: text(raw.name) || bucket,
    bucket,
    region,
    prefix: text(raw.prefix).replace(/^\/+|\/+$/g, ''),
    endpoint: endpoint ? new URL(endpoint).origin : undefined,
    accessKeyId,
    secretAccessKey,
    sessionToken: text(raw.sessionToken) || undefined,
  };
}

export function choiceOf(destination: S3Destination): DestinationChoice {
  const { id, name, bucket, prefix } = destination;
  return { id, name, bucket, prefix };
}
