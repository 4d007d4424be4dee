// The checks every command's fields go through: a page can be hostile, so its words are data, never orders.
// Anything else than what is described is refused with a `bad-request` ExportError.
import { ExportError } from '../errors';
import type { Destination, SiteId } from '../model';

export const MAX_RECORDINGS_PER_EXPORT = 10_000;

const SITES: SiteId[] = ['zoom', 'collaborate'];
export const DESTINATIONS: Destination[] = ['zip', 'folder', 's3'];

export function invalid(what: string): never {
  throw new ExportError({ code: 'bad-request', detail: what });
}

export function text(value: unknown, max: number, what: string): string {
  if (typeof value !== 'string' || value.length > max) invalid(what);
  return value;
}

export function optionalNumber(value: unknown, what: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) invalid(what);
  return value;
}

export function optionalFlag(value: unknown, what: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') invalid(what);
  return value;
}

export function siteOf(value: unknown): SiteId {
  if (!SITES.includes(value as SiteId)) invalid('site');
  return value as SiteId;
}

export function originOf(value: unknown): string {
  return text(value, 300, 'origin');
}

/** Recording ids, as many as an export may hold. */
export function recordingIdsOf(value: unknown): string[] {
  if (!Array.isArray(value) || value.length > MAX_RECORDINGS_PER_EXPORT) invalid('recordingIds');
  return value.map((id) => text(id, 500, 'recordingId'));
}
