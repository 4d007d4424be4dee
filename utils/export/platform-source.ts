// What every destination (ZIP, folder, S3) asks of the platform for one planned file, in one place: the adapter's
// checks of an answer, the file's current address, and whether the user's session has ended.
import { type ErrorInfo, toErrorInfo } from '../errors';
import type { FileKind } from '../model';
import type { SiteAdapter } from '../sites/site';
import type { SourceOptions } from './source';

/**
 * What every destination asks of the platform for one planned file: the adapter's checks of an answer, the file's
 * current address (platforms whose files have no lasting one), and whether the session has ended.
 */
export function platformSource(
  adapter: SiteAdapter,
  origin: string,
  file: { url: string; kind: FileKind },
  rest: Pick<SourceOptions, 'signal' | 'onRetry'>,
): SourceOptions {
  const ask = adapter.fileRequest;
  const sessionEnded = adapter.sessionEnded;
  return {
    ...rest,
    site: adapter.site,
    check: (response) => adapter.checkFileResponse(response, file),
    onPlatform: (url) => adapter.isFileHost(url),
    request: ask && (() => ask(origin, file)),
    sessionEnded: sessionEnded && (() => sessionEnded(origin)),
  };
}

/**
 * Why a file the browser fetched by itself (folder mode) is not the file, judged by the type it was answered with
 * under the adapter's rules, or null when it may be; a page instead of the file asks whether the session ended.
 */
export async function savedTypeRefused(
  adapter: SiteAdapter | undefined,
  origin: string,
  file: { url: string; kind: FileKind },
  mime: string,
): Promise<ErrorInfo | null> {
  if (!adapter || !mime) return null;
  try {
    await adapter.checkFileResponse(new Response(null, { headers: { 'Content-Type': mime } }), file);
    return null;
  } catch (error) {
    const info = toErrorInfo(error);
    if (info.code === 'not-media' && (await adapter.sessionEnded?.(origin))) {
      return { code: 'session-expired', site: adapter.site };
    }
    return info;
  }
}
