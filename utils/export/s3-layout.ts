// Where a copy goes in the bucket: `<prefix>/<copy id>/<recording folder>/<file>`, the shape of Blackboard's
// own copies, so a manager finds the copy folder by the id the history shows.
import type { S3Copy } from '../db';

/** A short id for a copy, shown in the history and naming its folder in the bucket. */
export function newCopyId(): string {
  return crypto.randomUUID().replace(/-/g, '').slice(0, 12);
}

export function copyFolder(copy: Pick<S3Copy, 'prefix' | 'copyId'>): string {
  return [copy.prefix, copy.copyId].filter(Boolean).join('/');
}

export function objectKey(copy: Pick<S3Copy, 'prefix' | 'copyId'>, path: string): string {
  return `${copyFolder(copy)}/${path}`;
}
