// Collaborate for the background: the files of a recording, and where each one is right now.
import { ExportError, httpError } from '../errors';
import type { RecordingFile } from '../model';
import {
  apiOriginOf,
  COLLABORATE,
  chatFileText,
  detectCollaboratePage,
  isCollaborateOrigin,
  recordingFiles,
} from './collaborate';
import { CollaborateClient } from './collaborate-client';
import { readRecordingReport } from './collaborate-report';
import { rememberToken, tokenFor } from './collaborate-token';
import { type FileRequest, isHttpsUrlOn, type SiteAdapter } from './site';

// The chat and the captions of a recording are fetched one after the other: one `data` answer (its signed links
// live hours) serves both. A few recordings' worth, for a few minutes.
const DATA_KEPT_MS = 5 * 60_000;
const DATA_KEPT = 16;
const dataAnswers = new Map<string, { at: number; data: ReturnType<CollaborateClient['data']> }>();

function clientFor(origin: string): CollaborateClient {
  return new CollaborateClient(origin, () => tokenFor(origin));
}

function dataOf(client: CollaborateClient, recordingId: string) {
  const now = Date.now();
  const kept = dataAnswers.get(recordingId);
  if (kept && now - kept.at < DATA_KEPT_MS) return kept.data;
  const data = client.data(recordingId);
  // A failed answer is not kept: the next try asks again.
  data.catch(() => dataAnswers.delete(recordingId));
  dataAnswers.set(recordingId, { at: now, data });
  for (const key of dataAnswers.keys()) if (dataAnswers.size > DATA_KEPT) dataAnswers.delete(key);
  return data;
}

/**
 * The recording a planned file's API address names (`…/recordings/<id>/url` for the recording, `…/data` for its
 * chat and captions), and which part of it the file is: the file's kind tells the chat from the captions.
 */
function plannedFile(origin: string, file: Pick<RecordingFile, 'url' | 'kind'>): { id: string; part: Part } {
  const parsed = new URL(file.url);
  const match = /\/recordings\/([0-9a-f]{32})\/(url|data)$/.exec(parsed.pathname);
  if (!match || parsed.origin !== apiOriginOf(origin)) throw new ExportError({ code: 'bad-request', detail: 'file' });
  const part = match[2] === 'url' ? 'recording' : file.kind === 'chat' ? 'chat' : 'subtitles';
  return { id: match[1] as string, part };
}

type Part = 'recording' | 'chat' | 'subtitles';

async function collaborateFileRequest(origin: string, file: Pick<RecordingFile, 'url' | 'kind'>): Promise<FileRequest> {
  const client = clientFor(origin);
  const { id, part } = plannedFile(origin, file);
  if (part === 'recording') {
    try {
      return { url: await client.downloadUrl(id) };
    } catch (error) {
      // The data answer's media link is the fallback when the download link cannot be had; an expired token
      // or a recording that may not be shared would be refused there too.
      const code = error instanceof ExportError ? error.info.code : 'unknown';
      if (code === 'session-expired' || code === 'not-shared' || code === 'network') throw error;
      const media = (await dataOf(client, id)).mediaUrl;
      if (!media) throw error;
      return { url: media };
    }
  }
  const data = await dataOf(client, id);
  const url = part === 'chat' ? data.chatUrl : data.subtitleUrl;
  if (!url) throw new ExportError({ code: 'http', site: 'collaborate', detail: '404' });
  if (part === 'chat') return { url, convert: chatFileText };
  return { url };
}

/** Signed links answer S3's XML errors when they expired or were refused; never save those as the file. */
async function checkCollaborateFileResponse(response: Response, file: Pick<RecordingFile, 'kind'>): Promise<void> {
  if (!response.ok) throw httpError(response, 'collaborate');
  const type = (response.headers.get('Content-Type') ?? '').toLowerCase();
  if (type.includes('html') || type.includes('xml')) {
    throw new ExportError({ code: 'not-media', site: 'collaborate', detail: type });
  }
  if (file.kind === 'video' && (type.startsWith('text/') || type.includes('json'))) {
    throw new ExportError({ code: 'not-media', site: 'collaborate', detail: type });
  }
}

export const collaborateAdapter: SiteAdapter = {
  // Collaborate is signed in to again by reloading its page in the course (a fresh token).
  signInAgain: 'errorSessionExpiredCollaborate',
  // One video per recording (no views to choose between), its chat and its captions.
  fileChoices: ['video:other', 'chat', 'captions'],
  site: 'collaborate',
  displayName: 'Collaborate',
  menu: COLLABORATE.menu,
  detectPage: detectCollaboratePage,
  isPlatformOrigin: isCollaborateOrigin,
  isFileHost: (url) => isHttpsUrlOn(COLLABORATE.fileHosts, url),
  async listFiles(origin, recording) {
    return recordingFiles(recording, await clientFor(origin).data(recording.id), origin);
  },
  fileRequest: collaborateFileRequest,
  checkFileResponse: checkCollaborateFileResponse,
  // Listed recordings carry the report's row already; imported ones carry the user's row, unknown columns too.
  reportColumns: (recording) => recording.columns,
  acceptToken: rememberToken,
  logName: 'Collaborate',
  logInEveryExport: true,
  readReport: readRecordingReport,
  deleteRecording: (origin, recordingId) => clientFor(origin).deleteRecording(recordingId),
};
