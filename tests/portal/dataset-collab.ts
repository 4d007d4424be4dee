// Collaborate recordings for the demo dataset: named "<session> - recording_<n>" the way Collaborate names
// them, some renamed by the teacher (including the tricky titles), with chats, some with one caption track,
// and one whose public link is not allowed (its url and data answer 403).
import type { CollabRecording, PortalFile } from './dataset.ts';
import { COLLAB_RENAMED, COLLAB_SESSIONS, CONTEXTS } from './names.ts';
import { hexId, mainVideoBytes, type Random } from './random.ts';
import { captionsVtt, collabChat } from './texts.ts';

const SEMESTER_START = Date.UTC(2026, 8, 1);
const SEMESTER_DAYS = 75;
/** Which recording (by position) may not be shared by public link. */
const NOT_PUBLIC_AT = 6;

const CAPTION_TRACKS = [
  { lang: 'en', label: 'English' },
  { lang: 'nl', label: 'Nederlands' },
  { lang: 'sv', label: 'Svenska' },
];

function textFile(fileKey: string, text: string, contentType: string, modifiedAt: number): PortalFile {
  const bytes = Buffer.from(text, 'utf8');
  return { fileKey, sizeBytes: bytes.length, contentType, text: bytes, modifiedAt };
}

export function makeCollabRecordings(random: Random, count: number, mediaBytes: number | undefined): CollabRecording[] {
  const owners = [hexId(random, 32), hexId(random, 32), hexId(random, 32)];
  const perSession = new Map<string, number>();
  const recordings: CollabRecording[] = [];
  for (let index = 0; index < count; index++) {
    const id = hexId(random, 32);
    const sessionName = random.pick(COLLAB_SESSIONS);
    const number = (perSession.get(sessionName) ?? 0) + 1;
    perSession.set(sessionName, number);
    const renamed = index % 2 === 1 ? COLLAB_RENAMED[(index - 1) / 2] : undefined;
    const name = renamed ?? `${sessionName} - recording_${number}`;

    const day = Math.floor((index * SEMESTER_DAYS) / Math.max(1, count));
    const sessionStart = SEMESTER_START + day * 86_400_000 + random.int(7, 17) * 3_600_000;
    const start = sessionStart + random.int(1, 10) * 60_000 + random.int(0, 59) * 1000;
    const duration = random.int(15, 120) * 60_000 + random.int(0, 59_999);
    const created = start + duration + random.int(5, 40) * 60_000;
    const modified = renamed ? created + random.int(1, 14) * 86_400_000 : created;
    const storageSize = mainVideoBytes(random.next, mediaBytes);

    const chats = collabChat(random, start, duration);
    const chatFile = chats.length
      ? textFile(`collab/${id}/chat`, JSON.stringify(chats), 'application/json', created)
      : undefined;
    const track = random.chance(0.4) ? random.pick(CAPTION_TRACKS) : undefined;
    const subtitles = track
      ? {
          ...track,
          file: textFile(`collab/${id}/subtitles`, captionsVtt(random, duration / 1000), 'text/vtt', created),
        }
      : undefined;

    recordings.push({
      id,
      name,
      mediaName: `recording_${number}`,
      sessionName,
      sessionStartTime: new Date(sessionStart).toISOString(),
      startTime: new Date(start).toISOString(),
      created: new Date(created).toISOString(),
      modified: new Date(modified).toISOString(),
      ownerId: random.pick(owners),
      contextId: random.pick(CONTEXTS),
      duration,
      storageSize,
      playbackCount: random.int(0, 140),
      publicLinkAllowed: index !== NOT_PUBLIC_AT,
      media: { fileKey: `collab/${id}`, sizeBytes: storageSize, contentType: 'video/mp4', modifiedAt: created },
      chats,
      ...(chatFile ? { chatFile } : {}),
      ...(subtitles ? { subtitles } : {}),
    });
  }
  return recordings;
}
