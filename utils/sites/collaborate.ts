// Everything Reclaim knows about Blackboard Collaborate Ultra. Facts and sources: shared/design/SITES.md.
import type { SitePage } from './site';

export const COLLABORATE = {
  /** `<region>-lti.bbcollab.com` serves the LTI scheduler, `<region>.bbcollab.com` the app and the REST API. */
  host: /^(?:(us|eu|au|ca|techpreview)(?:-lti)?\.)bbcollab\.com$/i,
  pages: {
    scheduler: /^\/collab\/ui\/scheduler(?:\/|$)/,
  },
  api: '/collab/api/csa',
} as const;

export function detectCollaboratePage(url: string): SitePage | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' || !COLLABORATE.host.test(parsed.hostname)) return null;
  if (COLLABORATE.pages.scheduler.test(parsed.pathname)) return { site: 'collaborate', kind: 'scheduler' };
  return null;
}
