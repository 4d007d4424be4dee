// The list of platforms Reclaim knows. Adding a platform means adding its adapter here.
import type { SiteId } from '../model';
import { collaborateAdapter } from './collaborate-adapter';
import type { SiteAdapter, SitePage } from './site';
import { zoomAdapter } from './zoom-client';

const ADAPTERS: Record<SiteId, SiteAdapter> = { zoom: zoomAdapter, collaborate: collaborateAdapter };

export function adapterFor(site: string): SiteAdapter | undefined {
  return Object.hasOwn(ADAPTERS, site) ? ADAPTERS[site as SiteId] : undefined;
}

export function detectPage(url: string): SitePage | null {
  for (const adapter of Object.values(ADAPTERS)) {
    const page = adapter.detectPage(url);
    if (page) return page;
  }
  return null;
}

/** An address of one of the platforms Reclaim knows. */
export function isPlatformOrigin(origin: string): boolean {
  return Object.values(ADAPTERS).some((adapter) => adapter.isPlatformOrigin(origin));
}

/** The platforms whose recording report Reclaim can read (the popup offers to import them). */
export function adaptersWithReports(): SiteAdapter[] {
  return Object.values(ADAPTERS).filter((adapter) => adapter.readReport);
}

/** Every platform, for what is built once for all of them (the context menu). */
export function allAdapters(): SiteAdapter[] {
  return Object.values(ADAPTERS);
}
