import type { FileChoice } from '../file-choices';
import type { MessageKey } from '../i18n';
// What every platform adapter offers to the rest of Reclaim. Nothing outside `utils/sites/` knows a platform.
import type { Recording, RecordingFile, SiteId } from '../model';

/** True when `origin` is exactly an https origin (no path) on a host of the platform's `host` pattern. */
export function isHttpsOriginOn(host: RegExp, origin: string): boolean {
  try {
    const url = new URL(origin);
    return url.protocol === 'https:' && host.test(url.hostname) && url.origin === origin;
  } catch {
    return false;
  }
}

/** An https address on one of `host`'s hosts (any path). */
export function isHttpsUrlOn(host: RegExp, url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && host.test(parsed.hostname);
  } catch {
    return false;
  }
}

export type PageKind = 'list' | 'admin-list' | 'detail' | 'scheduler';

export interface SitePage {
  site: SiteId;
  kind: PageKind;
}

/**
 * What to fetch for one planned file, asked right before it is fetched: platforms hand out signed links that
 * expire, so they are never asked for at planning time.
 */
export interface FileRequest {
  url: string;
  /** A small answer that Reclaim turns into the file it saves (Collaborate's chat JSON into text): read whole. */
  convert?(answer: Uint8Array): string;
}

/** Why a file is not a recording report, in terms the user can act on. */
export type ReportProblem =
  | { code: 'empty' }
  | { code: 'binary' }
  | { code: 'missing-columns'; columns: string[]; found: string[] }
  | { code: 'no-rows' };

/** A row that names no recording Reclaim can find; `line` is the file's line where the row begins (1 = header). */
export interface ReportBadRow {
  line: number;
  reason: 'no-link' | 'bad-link' | 'duplicate' | 'other-host';
  value: string;
}

export type ReportReading =
  | { ok: false; problem: ReportProblem }
  | {
      ok: true;
      /** The platform address the report's recordings belong to. */
      origin: string;
      recordings: Recording[];
      badRows: ReportBadRow[];
      /** What the report says the recordings weigh, in bytes. */
      totalBytes: number;
    };

/**
 * Where the context menu offers Reclaim's entries, as match patterns (the menus API's; unlike the URL parsers
 * above, a pattern's path includes the query). The menu acts through the bar, so these are pages with a bar.
 */
export interface MenuPlaces {
  /** The platform's recording lists: "Export everything matching this search…", "Export the ticked recordings". */
  listPages: readonly string[];
  /** Links (on a list page) to one recording: "Download this recording (ZIP)" and the rest. */
  recordingLinks: readonly string[];
  /** The list's rows are no links: the entries for one recording are offered anywhere on the list. */
  rowsWithoutLinks?: boolean;
}

export interface SiteAdapter {
  site: SiteId;
  /** Where the context menu appears for this platform. */
  menu: MenuPlaces;
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
  /** Undoes `prepareDownloads` once no export of this platform runs. */
  releaseDownloads?(): Promise<void>;
  /**
   * Where a planned file's bytes are now, for platforms whose files have no lasting address; absent when
   * `RecordingFile.url` is fetched as it is (with the user's cookies).
   */
  fileRequest?(origin: string, file: Pick<RecordingFile, 'url' | 'kind'>): Promise<FileRequest>;
  /**
   * Asked when a file's answer was not the file (a page, a tiny body): true when the user's session has ended, so
   * that the export pauses for a new sign-in instead of failing every file after it. Absent: never asked.
   */
  sessionEnded?(origin: string): Promise<boolean>;
  /** Throws an ExportError when the platform answered something other than the file (a sign-in page, an error). */
  checkFileResponse(response: Response, file: Pick<RecordingFile, 'kind'>): Promise<void>;
  /** The platform's own report columns for a recording, in its order: the metadata log begins with them. */
  reportColumns(recording: Recording): Record<string, string>;
  /** The platform's name in the metadata log's file name (`..._Collaborate_recording_extract.csv`). */
  logName: string;
  /**
   * Whether a file may be fetched from this address (with the user's session, by the extension): the platform's
   * own hosts and the media hosts its answers point at, over https. Anything else is refused, redirects included.
   */
  isFileHost(url: string): boolean;
  /** What to tell the user when the session ended: each platform is signed in to again in its own way. */
  signInAgain: MessageKey;
  /** The kinds of file (and video views) this platform's recordings have: what its bar lets the user choose. */
  fileChoices: readonly FileChoice[];
  /** Takes the platform credentials our own content script read from the page (Collaborate's LTI token). */
  acceptToken?(origin: string, token: string): Promise<void>;
  /** The platform's own recording report (a CSV a manager edited), read into recordings to export. */
  readReport?(file: Uint8Array, pageOrigin?: string): ReportReading;
  /** Deletes a recording from the platform for good (Collaborate's CSA API); absent where Reclaim never deletes. */
  deleteRecording?(origin: string, recordingId: string): Promise<void>;
  /** True when ZIP and folder exports carry the metadata log too, not only S3 copies (the platform's copy has one). */
  logInEveryExport?: boolean;
}

/** How a recording is shared with viewers: its link and passcode (Zoom's "Copy sharing information"). */
export interface ShareInfo {
  /** '' when the platform gave none. */
  link: string;
  /** '' when the recording has none. */
  passcode: string;
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
  /** The search the page shows (its own search field), for the export's suggested name; '' for none. */
  searchOf?(pageUrl: string): string;
  /** Rows the page shows that no box can tick (their name is shared with another recording): they say why. */
  findAmbiguousRows?(root: ParentNode): Element[];
  /** The recordings the page shows now, as the platform's own listing describes them. */
  loadShown(pageUrl: string): Promise<Recording[]>;
  /** Every recording matching the page's own search and date range, over all of its pages. */
  loadAllMatching?(pageUrl: string): Promise<Recording[]>;
  /** On a page of one recording: that recording. */
  loadOne?(pageUrl: string): Promise<Recording | null>;
  /** The files of a recording (for the list of files as CSV). */
  listFiles?(pageUrl: string, recording: Recording): Promise<RecordingFile[]>;
  /** Hands the page's credentials to the background; asked before every export. */
  handOver?(): Promise<void>;
  /** Each recording's share link and passcode, in the order given. */
  shareLinks?(pageUrl: string, recordings: Recording[]): Promise<ShareInfo[]>;
  /** The platform's own recording report for these recordings: a file name and its CSV text. */
  report?(recordings: Recording[]): { name: string; csv: string };
}
