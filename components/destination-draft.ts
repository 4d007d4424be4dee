// What the destination form says, turned into a destination to check, and a refusal turned into a sentence
// about the field that is wrong. Pure, so the rules about stored secrets are tested without a page.
import { type ErrorInfo, toErrorInfo } from '@/utils/errors';
import { describeError, type MessageKey, t } from '@/utils/i18n';
import type { S3Destination } from '@/utils/s3/destination';

export const DESTINATION_FIELDS = [
  'name',
  'bucket',
  'region',
  'prefix',
  'endpoint',
  'accessKeyId',
  'secretAccessKey',
  'sessionToken',
] as const;

export type DestinationField = (typeof DESTINATION_FIELDS)[number];
export type DestinationDraft = Record<DestinationField, string>;

/** The fields' values, read when a button is pressed (never kept in the component's state). */
export function draftOf(form: HTMLFormElement): DestinationDraft {
  const data = new FormData(form);
  const value = (field: DestinationField) => {
    const entry = data.get(field);
    return typeof entry === 'string' ? entry : '';
  };
  return Object.fromEntries(DESTINATION_FIELDS.map((field) => [field, value(field)])) as DestinationDraft;
}

/**
 * The draft as a destination, the stored secret and session token filled in where their field was left empty.
 * They are kept only with the same access key id: a secret belongs to its key id, and temporary keys come with a
 * new key id each time, so a new key id with an empty field must not inherit the old secret or token.
 */
export function withStoredSecrets(
  draft: DestinationDraft,
  stored: S3Destination | undefined,
): Partial<Record<keyof S3Destination, unknown>> {
  const sameKey = stored !== undefined && draft.accessKeyId.trim() === stored.accessKeyId;
  return {
    ...draft,
    id: stored?.id,
    secretAccessKey: draft.secretAccessKey.trim() || (sameKey ? stored.secretAccessKey : ''),
    sessionToken: draft.sessionToken.trim() || (sameKey ? stored.sessionToken : ''),
  };
}

// normaliseDestination names the wrong field in `detail`; each has a sentence that says what is expected.
const FIELD_PROBLEMS: Partial<Record<string, MessageKey>> = {
  bucket: 'destinationInvalidBucket',
  region: 'destinationInvalidRegion',
  endpoint: 'destinationInvalidEndpoint',
  accessKeyId: 'destinationMissingKeyId',
  secretAccessKey: 'destinationMissingSecret',
};

// A required field left empty is asked for, not called wrong.
const EMPTY_FIELDS: Partial<Record<string, MessageKey>> = {
  bucket: 'optionsFillBucket',
  region: 'optionsFillRegion',
};

/** A refusal as a sentence, and the field to mark when it is about one (`draft`: what the user typed). */
export function describeProblem(error: unknown, draft?: DestinationDraft): { text: string; field?: DestinationField } {
  const info = toErrorInfo(error);
  const field = info.detail ?? '';
  const key = info.code === 'bad-request' ? FIELD_PROBLEMS[field] : undefined;
  if (!key) return { text: describeError(info) };
  const empty = draft && field in draft && !draft[field as DestinationField].trim() ? EMPTY_FIELDS[field] : undefined;
  return { text: t(empty ?? key), field: field as DestinationField };
}

/**
 * A failed Test connection in the words of a test: what to check, then test again. The shared sentences speak of
 * a running copy ("press Resume"), which a test has not got.
 */
export function testProblemText(error: ErrorInfo): string {
  if (error.code === 's3-unreachable') return t('optionsTestUnreachable', error.detail ?? '');
  if (error.code === 's3-keys-expired') return t('optionsTestKeysExpired');
  return describeError(error);
}
