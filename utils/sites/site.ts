// What every platform adapter offers to the rest of Reclaim. Nothing outside `utils/sites/` knows a platform.
import type { Recording, RecordingFile, SiteId } from '../model';

export type PageKind = 'list' | 'admin-list' | 'detail' | 'scheduler';

export interface SitePage {
  site: SiteId;
  kind: PageKind;
}

export interface SiteAdapter {
  site: SiteId;
  /** The platform's name as users know it, used in export names. */
  displayName: string;
  /** Which of the platform's pages this URL is, or null. A pure function of the URL. */
  detectPage(url: string): SitePage | null;
  /** True for an https origin that belongs to the platform: the only origins we talk to with the user's session. */
  isPlatformOrigin(origin: string): boolean;
  /** Every file of a recording, with download addresses, asked of the platform with the user's session. */
  listFiles(origin: string, recording: Recording): Promise<RecordingFile[]>;
  /** Whatever the platform's file hosts need before downloads start (Zoom: the Referer its media host wants). */
  prepareDownloads?(origin: string): Promise<void>;
  /** Throws an ExportError when the platform answered something other than the file (a sign-in page, an error). */
  checkFileResponse(response: Response, file: Pick<RecordingFile, 'kind'>): Promise<void>;
  /** The platform's own report columns for a recording, in its order: the metadata log begins with them. */
  reportColumns(recording: Recording): Record<string, string>;
  /** The platform's name in the metadata log's file name (`..._Collaborate_recording_extract.csv`). */
  logName: string;
}

/** A recording row on a platform's own list page. */
export interface PageRow {
  row: Element;
  recordingId: string;
  /** The title as the row shows it; used when the platform's listing does not know the row. */
  title: string;
}

/** What the bulk bar needs from a platform's list page. */
export interface RecordingPageSource {
  site: SiteId;
  findRows(root: ParentNode): PageRow[];
  /** The recordings the page shows now, as the platform's own listing describes them. */
  loadShown(pageUrl: string): Promise<Recording[]>;
  /** Every recording matching the page's own search and date range, over all of its pages. */
  loadAllMatching?(pageUrl: string): Promise<Recording[]>;
  /** On a page of one recording: that recording. */
  loadOne?(pageUrl: string): Promise<Recording | null>;
  /** The files of a recording (for the list of files as CSV). */
  listFiles?(pageUrl: string, recording: Recording): Promise<RecordingFile[]>;
  /** The platform's own columns for a recording, as its own list export writes them. */
  reportColumns?(recording: Recording): Record<string, string>;
}
