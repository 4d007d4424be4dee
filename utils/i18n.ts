// Every sentence a user sees comes from the catalogues in public/_locales (English, Dutch, Swedish).
import { browser } from 'wxt/browser';
import type en from '../public/_locales/en/messages.json';
import type { ErrorInfo } from './errors';
import type { JobState } from './export/job-state';
import { adapterFor } from './sites/registry';

export type MessageKey = keyof typeof en;

export function t(key: MessageKey, ...substitutions: Array<string | number>): string {
  return browser.i18n.getMessage(key, substitutions.map(String)) || key;
}

/** A stored error as a sentence in the user's language. */
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
      return t('errorNotMedia', detail);
    case 'http':
      return t('errorHttp', detail);
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
