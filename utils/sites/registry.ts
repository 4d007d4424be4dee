// The list of platforms Reclaim knows. Adding a platform means adding its adapter here.
import type { SiteId } from '../model';
import { detectCollaboratePage } from './collaborate';
import type { SiteAdapter, SitePage } from './site';
import { zoomAdapter } from './zoom-client';

const ADAPTERS: Partial<Record<SiteId, SiteAdapter>> = { zoom: zoomAdapter };

export function adapterFor(site: string): SiteAdapter | undefined {
  return Object.hasOwn(ADAPTERS, site) ? ADAPTERS[site as SiteId] : undefined;
}

export function detectPage(url: string): SitePage | null {
  return zoomAdapter.detectPage(url) ?? detectCollaboratePage(url);
}
