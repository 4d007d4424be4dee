// The demo portal: one HTTPS server on loopback that imitates Zoom and Blackboard Collaborate. Browsers reach
// it under the real host names (--host-resolver-rules), so requests are told apart by their Host header.
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { createServer, request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import { certificate } from './cert.ts';
import { collabLtiRoutes, collabRoutes } from './collaborate.ts';
import { type Dataset, type DatasetOptions, makeDataset } from './dataset.ts';
import type { Fault, Hit, RouteName } from './faults.ts';
import { type Exchange, findRoute, header, type Route, sendFault, sendText } from './http.ts';
import { collabToken, expireSessions, makeState, newZoomSession, type PortalState } from './state.ts';
import { zoomRoutes } from './zoom.ts';
import { zoomMediaRoutes } from './zoom-files.ts';

export type { DatasetOptions } from './dataset.ts';
export type { Fault, Hit, RouteName } from './faults.ts';
export { ROUTE_NAMES } from './faults.ts';

export interface PortalRequestInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export interface PortalResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** False when the connection ended before the whole body arrived (e.g. a resetAfterBytes fault). */
  complete: boolean;
}

export interface Portal {
  port: number;
  dataset: Dataset;
  /** A fresh, valid `_zm_ssid` cookie value. */
  zoomSession(): string;
  /** A fresh Collaborate LTI token (JWT, valid 24 h) for `Authorization: Bearer` and the scheduler URL. */
  collabToken(): string;
  /** https://<region>-lti.bbcollab.com/collab/ui/scheduler/lti?token=<new token> */
  schedulerUrl(region?: string): string;
  /** Every existing Zoom session and Collaborate token stops working; new sign-ins and tokens work. */
  expireSessions(): void;
  /**
   * Every Zoom session ends right after `/rec/download` has handed out this many more different files (null:
   * switched off). A new session (zoomSession(), or signing in) works again.
   */
  expireZoomSessionsAfterFiles(files: number | null): void;
  /** How the list pages draw their rows from now on: today's markup, or one the adapter cannot read. */
  setZoomMarkup(markup: 'vue' | 'drifted'): void;
  /** Collaborate's `DELETE /recordings/<id>` answers 403 for these recordings ('all': every one; null: none). */
  refuseCollabDeletes(ids: string[] | 'all' | null): void;
  /** Moves the portal's clock forward: tokens, naks and signed links expire as if time had passed. */
  advanceClock(ms: number): void;
  setFault(route: RouteName, fault: Fault | null): void;
  /** Ends the route's slow rate, for the bodies already being sent too (faults.ts). */
  liftSlowBodies(route: RouteName): void;
  hits(route: RouteName): Hit[];
  resetHits(route?: RouteName): void;
  /** A request to a virtual host (`us06web.zoom.us`, `eu.bbcollab.com`, ...) of this portal. */
  request(host: string, path: string, init?: PortalRequestInit): Promise<PortalResponse>;
  /** The same for an absolute https URL, e.g. a redirect's Location. */
  requestUrl(url: string, init?: PortalRequestInit): Promise<PortalResponse>;
  close(): Promise<void>;
}

export interface PortalStartOptions {
  port?: number;
  dataset?: DatasetOptions;
  /** ssrweb.zoom.us answers 403 unless the Referer is a zoom.us page (off by default). */
  requireZoomReferer?: boolean;
  /** How a download answers an ended session: the sign-in page with status 200 (default), or a redirect to it. */
  zoomExpiredDownload?: 'page' | 'redirect';
}

interface Site {
  routes: readonly Route[];
  /** The route name of requests to this site that match no route (answered 404). */
  other: RouteName;
}

function siteFor(host: string): Site {
  if (host === 'ssrweb.zoom.us') return { routes: zoomMediaRoutes, other: 'zoom.other' };
  if (host === 'zoom.us' || host.endsWith('.zoom.us')) return { routes: zoomRoutes, other: 'zoom.other' };
  if (/^[a-z0-9]+-lti\.bbcollab\.com$/.test(host)) return { routes: collabLtiRoutes, other: 'collab.other' };
  if (/^[a-z0-9]+\.bbcollab\.com$/.test(host)) return { routes: collabRoutes, other: 'collab.other' };
  return { routes: [], other: 'unknown' };
}

async function handle(state: PortalState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
  const method = req.method ?? 'GET';
  const path = req.url ?? '/';
  const url = new URL(path, `https://${host || 'unknown.invalid'}`);
  const site = siteFor(host);
  const found = findRoute(site.routes, method, url.pathname);
  const route = found?.route.name ?? site.other;
  const range = header(req, 'range');
  const hit: Hit = { method, host, path, ...(range ? { range } : {}), at: state.now() };
  state.faults.record(route, hit);
  const fault = state.faults.take(route, path);
  if (fault) hit.fault = fault;
  res.on('close', () => {
    hit.closedAt = state.now();
  });
  if (process.env.PORTAL_LOG === '1') {
    res.on('close', () => console.error(`[portal] ${method} https://${host}${path} → ${hit.status ?? '-'} (${route})`));
  }
  const ex: Exchange = { req, res, method, host, url, route, hit, fault, state };
  try {
    if (fault?.status !== undefined) return await sendFault(ex, { ...fault, status: fault.status });
    if (!found) return await sendText(ex, 404, 'Not Found\n');
    await found.route.handle(ex, found.match);
  } catch (error) {
    if (process.env.PORTAL_LOG === '1') console.error('[portal]', error);
    if (res.headersSent) res.destroy();
    else await sendText(ex, 500, 'Internal Server Error\n');
  }
}

function requestOn(port: number, host: string, path: string, init: PortalRequestInit = {}): Promise<PortalResponse> {
  return new Promise((resolve, reject) => {
    const isName = /[a-z]/i.test(host) && !host.includes(':');
    const req = httpsRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        method: init.method ?? 'GET',
        headers: { Host: host, ...init.headers },
        ...(isName ? { servername: host } : {}),
        rejectUnauthorized: false,
        agent: false,
      },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (part: Buffer) => parts.push(part));
        res.on('close', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(parts),
            complete: res.complete,
          }),
        );
        res.on('error', () => undefined); // an aborted body still resolves, with complete: false
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}

export async function startPortal(opts: PortalStartOptions = {}): Promise<Portal> {
  const dataset = makeDataset(opts.dataset);
  const state = makeState(dataset, {
    requireZoomReferer: opts.requireZoomReferer ?? false,
    zoomExpiredDownload: opts.zoomExpiredDownload ?? 'page',
  });
  const server = createServer(await certificate(), (req, res) => void handle(state, req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const portal: Portal = {
    port,
    dataset,
    zoomSession: () => newZoomSession(state).id,
    collabToken: () => collabToken(state),
    schedulerUrl: (region = 'eu') =>
      `https://${region}-lti.bbcollab.com/collab/ui/scheduler/lti?token=${collabToken(state)}`,
    expireSessions: () => expireSessions(state),
    expireZoomSessionsAfterFiles: (files) => {
      state.zoom.expiry = files === null ? undefined : { filesLeft: files, handedOut: new Set() };
    },
    setZoomMarkup: (markup) => {
      state.options.zoomMarkup = markup;
    },
    refuseCollabDeletes: (ids) => {
      state.collab.refuseDeletes = ids === null ? undefined : ids === 'all' ? 'all' : new Set(ids);
    },
    advanceClock: (ms) => state.advanceClock(ms),
    setFault: (route, fault) => state.faults.set(route, fault),
    liftSlowBodies: (route) => state.faults.liftSlowBodies(route),
    hits: (route) => state.faults.hits(route),
    resetHits: (route) => state.faults.resetHits(route),
    request: (host, path, init) => requestOn(port, host, path, init),
    requestUrl: (url, init) => {
      const parsed = new URL(url);
      return requestOn(port, parsed.hostname, parsed.pathname + parsed.search, init);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return portal;
}
