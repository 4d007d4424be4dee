// One request as the route handlers see it, and the only ways they answer: every answer goes through here,
// so the hit record gets its status and the route's fault (cut connection, slow body) applies everywhere.
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { Fault, Hit, RouteName, SlowToken } from './faults.ts';
import type { PortalState } from './state.ts';

export interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  /** Host name without port, lower case. */
  host: string;
  url: URL;
  route: RouteName;
  hit: Hit;
  fault: Fault | undefined;
  state: PortalState;
}

export interface Route {
  name: RouteName;
  methods: readonly string[];
  path: RegExp;
  handle(ex: Exchange, match: RegExpExecArray): Promise<void>;
}

export function findRoute(routes: readonly Route[], method: string, path: string) {
  for (const route of routes) {
    const match = route.path.exec(path);
    if (match && route.methods.includes(method)) return { route, match };
  }
  return undefined;
}

function writeHead(ex: Exchange, status: number, headers: OutgoingHttpHeaders): void {
  ex.hit.status = status;
  ex.res.writeHead(status, headers);
}

/** Resolves true once `chunk` is accepted (waiting for drain when the client is slower), false if closed. */
function write(res: ServerResponse, chunk: Buffer): Promise<boolean> {
  return new Promise((resolve) => {
    if (res.destroyed) return resolve(false);
    if (res.write(chunk)) return resolve(true);
    const done = (open: boolean) => () => {
      res.off('drain', onDrain);
      res.off('close', onClose);
      resolve(open);
    };
    const onDrain = done(true);
    const onClose = done(false);
    res.once('drain', onDrain);
    res.once('close', onClose);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function slowLifted(fault: Fault | undefined): boolean {
  return (fault as { slowToken?: SlowToken } | undefined)?.slowToken?.lifted === true;
}

/** Sends the body with backpressure, applying the fault's slow rate, cut-off and stall. */
async function writeBody(ex: Exchange, chunks: Iterable<Buffer>): Promise<void> {
  const { res, fault } = ex;
  const rate = fault?.bytesPerSecond;
  const cutAt = fault?.resetAfterBytes;
  const stallAt = fault?.stallAfterBytes;
  const piece = rate ? Math.max(1024, Math.floor(rate / 20)) : Number.POSITIVE_INFINITY;
  const started = Date.now();
  let sent = 0;
  for (const chunk of chunks) {
    for (let offset = 0; offset < chunk.length; offset += piece) {
      const part = chunk.subarray(offset, Math.min(chunk.length, offset + piece));
      if (cutAt !== undefined && sent + part.length >= cutAt) {
        ex.hit.bodyBytes = cutAt;
        return cutConnection(res, part.subarray(0, cutAt - sent));
      }
      if (stallAt !== undefined && sent + part.length >= stallAt) return stall(res, part.subarray(0, stallAt - sent));
      if (!(await write(res, part))) return;
      sent += part.length;
      ex.hit.bodyBytes = sent;
      if (rate && !slowLifted(fault)) {
        const ahead = (sent / rate) * 1000 - (Date.now() - started);
        if (ahead > 0) await sleep(ahead);
      }
    }
  }
  res.end();
}

/** Sends `last`, then destroys the connection once it reached the socket: the client sees a short body. */
function cutConnection(res: ServerResponse, last: Buffer): void {
  if (last.length) {
    res.write(last, () => res.destroy());
  } else {
    res.flushHeaders();
    setTimeout(() => res.destroy(), 50);
  }
}

/**
 * Sends `last`, then nothing more while the connection stays open, until the client gives up on it (or the portal
 * closes): a server that hangs mid-body, which only an idle timeout on the client's side notices.
 */
async function stall(res: ServerResponse, last: Buffer): Promise<void> {
  if (last.length) await write(res, last);
  else res.flushHeaders();
  if (!res.destroyed) await new Promise((resolve) => res.once('close', resolve));
}

/** Answers with a whole body (string as UTF-8); HEAD gets the headers only. */
export async function send(ex: Exchange, status: number, headers: OutgoingHttpHeaders, body: string | Buffer = '') {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  writeHead(ex, status, { 'Content-Length': bytes.length, ...headers });
  if (ex.method === 'HEAD') return void ex.res.end();
  await writeBody(ex, [bytes]);
}

/** Answers with a body made chunk by chunk; `headers` must hold the Content-Length. */
export async function stream(ex: Exchange, status: number, headers: OutgoingHttpHeaders, chunks: Iterable<Buffer>) {
  writeHead(ex, status, headers);
  if (ex.method === 'HEAD') return void ex.res.end();
  await writeBody(ex, chunks);
}

export function sendJson(ex: Exchange, status: number, value: unknown, headers: OutgoingHttpHeaders = {}) {
  return send(ex, status, { 'Content-Type': 'application/json;charset=UTF-8', ...headers }, JSON.stringify(value));
}

export function sendHtml(ex: Exchange, status: number, html: string, headers: OutgoingHttpHeaders = {}) {
  return send(ex, status, { 'Content-Type': 'text/html;charset=utf-8', 'Cache-Control': 'no-store', ...headers }, html);
}

export function sendText(ex: Exchange, status: number, text: string, headers: OutgoingHttpHeaders = {}) {
  return send(ex, status, { 'Content-Type': 'text/plain;charset=utf-8', ...headers }, text);
}

export function redirect(ex: Exchange, location: string, headers: OutgoingHttpHeaders = {}) {
  return send(ex, 302, { Location: location, ...headers });
}

/** The answer of a fault with a status: a short text, with Retry-After when asked. */
export function sendFault(ex: Exchange, fault: Fault & { status: number }) {
  const headers: OutgoingHttpHeaders =
    fault.retryAfter !== undefined ? { 'Retry-After': String(fault.retryAfter) } : {};
  return sendText(ex, fault.status, `Injected fault: HTTP ${fault.status}\n`, headers);
}

/** An S3/CloudFront-style XML error, as signed media links answer. */
export function sendXmlError(ex: Exchange, status: number, code: string, message: string) {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`;
  return send(ex, status, { 'Content-Type': 'text/xml' }, xml);
}

export async function readBody(req: IncomingMessage, limit = 1 << 20): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const part of req as AsyncIterable<Buffer>) {
    size += part.length;
    if (size > limit) throw new Error('request body too large');
    parts.push(part);
  }
  return Buffer.concat(parts);
}

export function cookies(req: IncomingMessage): Map<string, string> {
  const jar = new Map<string, string>();
  for (const pair of (req.headers.cookie ?? '').split(';')) {
    const at = pair.indexOf('=');
    if (at <= 0) continue;
    const raw = pair.slice(at + 1).trim();
    try {
      jar.set(pair.slice(0, at).trim(), decodeURIComponent(raw));
    } catch {
      jar.set(pair.slice(0, at).trim(), raw);
    }
  }
  return jar;
}

export function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
