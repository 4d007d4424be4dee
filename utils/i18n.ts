// Every sentence a user sees comes from the catalogues in public/_locales (English, Dutch, Swedish), and every
// number in it is written the way the UI's language writes it (utils/format.ts).
import { browser } from 'wxt/browser';
import type en from '../public/_locales/en/messages.json';
import type { ErrorInfo } from './errors';
import type { JobState } from './export/job-state';
import { adapterFor } from './sites/registry';

export type MessageKey = keyof typeof en;

/** A message that depends on a count: the catalogue has `<base>_one` and `<base>_other` (and may add more forms). */
export type PluralKey = { [K in MessageKey]: K extends `${infer Base}_other` ? Base : never }[MessageKey];

/** The browser's UI language ("en-US", "nl", "sv"), the one the catalogue's sentences are in. */
export function uiLanguage(): string {
  try {
    return browser.i18n.getUILanguage() || 'en';
  } catch {
    return 'en';
  }
}

export function t(key: MessageKey, ...substitutions: Array<string | number>): string {
  const counted = COUNTED[key];
  if (counted) {
    const count = Number(substitutions[counted.count]);
    if (Number.isFinite(count)) return pluralAt(counted.base, counted.count, count, substitutions);
  }
  return browser.i18n.getMessage(key, substitutions.map(written)) || key;
}

/** A substitution as text: numbers as the UI language writes them. */
function written(value: string | number): string {
  return typeof value === 'number' ? new Intl.NumberFormat(uiLanguage()).format(value) : value;
}

/**
 * A sentence about `n` things, in the form the UI language's plural rules ask for ("1 file", "2 files"): `n` is
 * written as the language writes numbers and fills the first placeholder, `rest` the next ones.
 */
export function plural(base: PluralKey, n: number, ...rest: Array<string | number>): string {
  return pluralAt(base, 0, n, [n, ...rest]);
}

function pluralAt(base: PluralKey, index: number, n: number, substitutions: Array<string | number>): string {
  const language = uiLanguage();
  const form = new Intl.PluralRules(language).select(n);
  const subs = substitutions.map((value, i) => (i === index ? formatNumber(n, language) : written(value)));
  // A form the catalogue lacks ("many", "few" in languages it may gain) falls back to "other".
  const formKey = `${base}_${form}` as MessageKey;
  return browser.i18n.getMessage(formKey, subs) || browser.i18n.getMessage(`${base}_other`, subs) || base;
}

/** A count as the UI language writes it: "1,234" in English, "1.234" in Dutch, "1 234" in Swedish. */
export function formatNumber(n: number, language = uiLanguage(), fractionDigits = 0): string {
  return new Intl.NumberFormat(language, {
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  }).format(n);
}

/**
 * A file path, a recording's title or a destination's name inside a sentence of plain text (a notification, a
 * status line): isolated, so a right-to-left title neither scrambles nor is scrambled by the sentence around it.
 */
export function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}

/**
 * Sentences written before plurals came, still asked for by their old key in places other work owns: each is
 * said through its plural forms, the count being the substitution at `count`.
 */
const COUNTED: Partial<Record<MessageKey, { base: PluralKey; count: number }>> = {
  statusStarting: { base: 'fmtStatusStarting', count: 0 },
  barNameSearch: { base: 'fmtBarNameSearch', count: 2 },
  barNameCount: { base: 'fmtBarNameCount', count: 1 },
  selectedMatching: { base: 'fmtSelectedMatching', count: 0 },
  selectionProcessing: { base: 'fmtSelectionProcessing', count: 0 },
  statusReportSaved: { base: 'fmtStatusReportSaved', count: 0 },
  statusReportSelected: { base: 'fmtStatusReportSelected', count: 0 },
  reportSummary: { base: 'fmtReportSummary', count: 0 },
  reportBadRows: { base: 'fmtReportBadRows', count: 0 },
  reportUse: { base: 'fmtReportUse', count: 0 },
  reportSkipAndUse: { base: 'fmtReportSkipAndUse', count: 0 },
  popupImportChosen: { base: 'fmtPopupImportChosen', count: 0 },
  historyFilesShown: { base: 'fmtHistoryFilesShown', count: 0 },
  progressFiles: { base: 'fmtProgressFiles', count: 1 },
  notifyCompleted: { base: 'fmtNotifyCompleted', count: 1 },
  notifyFailures: { base: 'fmtNotifyFailures', count: 1 },
  statusCompletedWithFailures: { base: 'fmtStatusCompletedWithFailures', count: 1 },
};

/** A stored error as a sentence in the user's language: what happened, then what to do about it. */
export function describeError(error: ErrorInfo): string {
  const detail = error.detail ?? '';
  switch (error.code) {
    case 'session-expired':
      // Each platform is signed in to again in its own way: its adapter says how.
      return t(adapterFor(error.site ?? '')?.signInAgain ?? 'errorSessionExpiredZoom');
    case 'not-shared':
      return t('errorNotShared');
    case 'processing':
      return t('errorProcessing');
    case 'off-platform':
      return t('errorOffPlatform', detail);
    case 'not-media':
      return t('errorNotMedia', answerKind(detail));
    case 'http':
      return t(httpKey(Number(detail)), detail);
    case 'network':
      return t('errorNetwork');
    case 'incomplete':
      return t('errorIncomplete', detail);
    case 'size-mismatch':
      return t('errorSizeMismatch', detail);
    case 'changed':
      return t('errorChanged');
    case 'download-failed':
      return t('errorDownloadFailed', detail);
    case 'page-unreadable':
      return t('errorPageUnreadable');
    case 'listing-failed':
      return t('errorListingFailed');
    case 'bad-request':
      return t('errorBadRequest', detail);
    case 'cancelled':
      return t('errorCancelled');
    case 's3-keys':
      return t('errorS3Keys', detail);
    case 's3-keys-expired':
      return t('errorS3KeysExpired');
    case 's3-upload-gone':
      return t('errorS3UploadGone');
    case 's3-bad-digest':
      return t('errorS3BadDigest', detail);
    case 's3-refused':
      return t('errorS3Refused', detail);
    case 's3-bucket':
      return t('errorS3Bucket');
    case 's3-region':
      return t('errorS3Region', detail);
    case 's3-denied':
      return t('errorS3Denied', detail);
    case 's3-unreachable':
      return t('errorS3Unreachable', detail);
    case 's3-server':
      return t('errorS3Server', detail);
    case 's3-no-destination':
      return t('errorS3NoDestination');
    case 'unknown':
      return t('errorUnknown', detail);
  }
}

/** Each kind of refusal has its own next step: gone, not allowed, or busy for now. */
function httpKey(status: number): MessageKey {
  if (status === 404 || status === 410) return 'msgErrorHttpGone';
  if (status === 401 || status === 403) return 'msgErrorHttpRefused';
  if (status === 408 || status === 429 || status >= 500) return 'msgErrorHttpBusy';
  return 'errorHttp';
}

/**
 * What came instead of a recording file, in words: the detail may be a MIME type ("text/html; charset=utf-8"),
 * which means nothing to most people, or the platform's own message, which may help.
 */
function answerKind(detail: string): string {
  const mime = /^\s*([a-z]+\/[\w.+-]+)/i.exec(detail)?.[1]?.toLowerCase();
  if (mime?.includes('html')) return t('msgAnswerWebPage');
  if (mime?.startsWith('text/') || mime?.includes('json') || mime?.includes('xml')) return t('msgAnswerText');
  if (mime) return t('msgAnswerOther');
  if (/^\d+ bytes$/.test(detail)) return t('msgAnswerTooLarge');
  if (!detail || detail === 'empty body' || detail === 'no Content-Length') return t('msgAnswerEmpty');
  if (detail === 'not a chat') return t('msgAnswerText');
  // The platform's own words (Zoom's errorMessage), quoted.
  return t('msgAnswerMessage', detail);
}

const STATE_KEYS: Record<JobState, MessageKey> = {
  queued: 'jobStateQueued',
  running: 'jobStateRunning',
  paused: 'jobStatePaused',
  completed: 'jobStateCompleted',
  'completed-with-failures': 'jobStateCompletedWithFailures',
  failed: 'jobStateFailed',
  cancelled: 'jobStateCancelled',
};

export function describeState(state: JobState): string {
  return t(STATE_KEYS[state]);
}
