// What an S3 answer means for the user. Which of these are worth trying again is decided with all the other
// errors, in errors.ts.
import type { ErrorInfo } from '../errors';

const WRONG_KEYS = ['InvalidAccessKeyId', 'SignatureDoesNotMatch', 'InvalidToken'];
// Temporary keys (with a session token) that ran out: the keys were right, the user must give fresh ones.
const EXPIRED_KEYS = ['ExpiredToken', 'TokenRefreshRequired'];
const WRONG_REGION = ['PermanentRedirect', 'AuthorizationHeaderMalformed', 'IllegalLocationConstraintException'];
const BUSY = ['SlowDown', 'RequestTimeout', 'InternalError', 'ServiceUnavailable'];

interface SdkError {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

/** Sorts an error from the AWS SDK; `action` names the S3 call, so "access denied" can say on what. */
export function s3ErrorInfo(error: unknown, action: string): ErrorInfo {
  const sdk = (error ?? {}) as SdkError;
  const name = sdk.name ?? '';
  const status = sdk.$metadata?.httpStatusCode;
  if (WRONG_KEYS.includes(name)) return { code: 's3-keys', detail: name };
  if (EXPIRED_KEYS.includes(name)) return { code: 's3-keys-expired', detail: name };
  // A multipart upload S3 no longer has (a lifecycle rule removed it during a long pause): start it again.
  if (name === 'NoSuchUpload') return { code: 's3-upload-gone', detail: action };
  // S3 received other bytes than the CRC-32 sent with them says (changed on the way): the part is sent again.
  if (name === 'BadDigest') return { code: 's3-bad-digest', detail: action };
  if (name === 'NoSuchBucket') return { code: 's3-bucket', detail: name };
  if (WRONG_REGION.includes(name) || status === 301) return { code: 's3-region', detail: name || String(status) };
  if (name === 'AccessDenied' || status === 403) return { code: 's3-denied', detail: action };
  if (BUSY.includes(name) || (status !== undefined && status >= 500)) {
    return { code: 's3-server', detail: `${action}: ${name || status}` };
  }
  // No answer at all: the address is wrong, the server is down, or the network is.
  if (status === undefined) return { code: 's3-unreachable', detail: sdk.code ?? sdk.message ?? name };
  // Any other refusal (400 InvalidArgument, EntityTooLarge, …) will be refused again: final, in S3's words.
  // Only a refusal S3 named: a HEAD answer has no body, so its 400 may be keys that just expired, asked again.
  if (name && status >= 400 && status < 500 && status !== 408 && status !== 429) {
    return { code: 's3-refused', detail: `${action}: ${name || status}` };
  }
  return { code: 's3-server', detail: `${action}: ${name || status}` };
}
