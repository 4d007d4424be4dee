// Tokens and signed links, all HMAC-SHA256 with one secret per portal run: JWT-shaped bearers (Zoom's "nak",
// Collaborate's LTI token) and CloudFront-style signed media URLs (Expires + Signature + Key-Pair-Id).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export type Claims = Record<string, unknown> & { exp: number; iat: number };

function hmac(secret: Buffer, text: string): Buffer {
  return createHmac('sha256', secret).update(text).digest();
}

function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

export function newSecret(): Buffer {
  return randomBytes(32);
}

/** A JWT (HS256) holding `claims`; `exp`/`iat` are in seconds like real JWTs. */
export function signJwt(secret: Buffer, claims: Claims): string {
  const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  const signature = hmac(secret, `${header}.${payload}`).toString('base64url');
  return `${header}.${payload}.${signature}`;
}

/** The claims of a token this portal signed and that has not expired at `nowMs`; otherwise undefined. */
export function verifyJwt(secret: Buffer, token: string, nowMs: number): Claims | undefined {
  const [header, payload, signature, ...rest] = token.split('.');
  if (!header || !payload || !signature || rest.length) return undefined;
  if (!sameBytes(hmac(secret, `${header}.${payload}`), Buffer.from(signature, 'base64url'))) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Claims;
    return typeof claims.exp === 'number' && claims.exp * 1000 > nowMs ? claims : undefined;
  } catch {
    return undefined;
  }
}

/** Query string that makes `path` downloadable until `expiresSec` (unix seconds). */
export function signedQuery(secret: Buffer, path: string, expiresSec: number, disposition?: string): string {
  const signature = hmac(secret, `${path}\n${expiresSec}`).toString('base64url');
  const query = new URLSearchParams();
  if (disposition) query.set('response-content-disposition', disposition);
  query.set('Expires', String(expiresSec));
  query.set('Signature', signature);
  query.set('Key-Pair-Id', 'demo');
  return query.toString();
}

export type LinkCheck = 'ok' | 'missing' | 'bad-signature' | 'expired';

export function checkSignedLink(secret: Buffer, path: string, query: URLSearchParams, nowMs: number): LinkCheck {
  const expires = query.get('Expires');
  const signature = query.get('Signature');
  if (!expires || !signature) return 'missing';
  if (!sameBytes(hmac(secret, `${path}\n${expires}`), Buffer.from(signature, 'base64url'))) return 'bad-signature';
  return Number(expires) * 1000 > nowMs ? 'ok' : 'expired';
}

/** `attachment; filename="..."; filename*=UTF-8''...` as S3 and CloudFront pass it through. */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
