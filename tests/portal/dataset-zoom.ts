// Zoom meetings for the demo dataset: a teaching semester (Aug–Nov 2026) of lectures, seminars and
// meetings, some stopped and restarted (several clips), some with several video views, one or two still
// processing, and the titles from names.ts that break naive file naming.
import type { ZoomClip, ZoomFile, ZoomIconType, ZoomMeeting } from './dataset.ts';
import { fillNumber, HOSTS, TRICKY_TITLES, ZOOM_TOPICS } from './names.ts';
import { mainVideoBytes, type Random, urlSafeId } from './random.ts';
import { captionsVtt, transcriptVtt, zoomChatTxt, zoomTimelineJson } from './texts.ts';

const SEMESTER_START = Date.UTC(2026, 7, 31);
const SEMESTER_DAYS = 77;
const HOUR = 3_600_000;

/** Where in the list the tricky titles go (only those positions that exist for the asked count). */
const TRICKY_POSITIONS = [3, 7, 11, 14, 18, 22, 27, 31];
/** Every character Windows forbids in a name, in one Zoom topic (position 35). */
export const FORBIDDEN_CHARS_TOPIC = 'Recap "A/B" \\ test: *why?* <draft> | final';
const FORBIDDEN_CHARS_POSITION = 35;
/** A topic a spreadsheet would run as a formula (position 37): CSV lists must keep it text. */
export const FORMULA_TOPIC = '=HYPERLINK("https://example.org/x","Handouts") week 8';
const FORMULA_POSITION = 37;

/**
 * One course most meetings belong to, so that a search for its name matches many meetings over several pages
 * (31 of the default 48): select-all across pages is tested on it. Recurring topics repeat word for word.
 */
export const COURSE_SEARCH = 'Macroeconomics';
const COURSE_TOPICS = [
  'Macroeconomics – Lecture {n}',
  'Macroeconomics office hours',
  'Macroeconomics – Övning {n} (Åsa Öberg)',
  'Macroeconomics – Lecture {n}',
  'Macroeconomics: exam review',
];
/** The meeting that was stopped and started again and recorded three views (position 6). */
const TWO_CLIPS_THREE_VIEWS = 6;

interface ViewKind {
  display: string;
  /** What Zoom puts after "_Recording" in the stored file name. */
  suffix: string;
  share: number;
}

const VIEWS: Record<string, ViewKind> = {
  speaker: { display: 'Shared screen with speaker view', suffix: '_1920x1080.mp4', share: 1 },
  gallery: { display: 'Gallery view', suffix: '_gallery_1280x720.mp4', share: 0.7 },
  active: { display: 'Active speaker', suffix: '_avo_1280x720.mp4', share: 0.6 },
  screen: { display: 'Shared screen', suffix: '_as_1920x1080.mp4', share: 0.5 },
};
const VIEW_SETS = [
  ['speaker'],
  ['speaker', 'gallery'],
  ['active'],
  ['active', 'gallery', 'screen'],
  ['speaker', 'active', 'gallery'],
];

function gmtStamp(ms: number): string {
  const iso = new Date(ms).toISOString(); // 2026-11-03T10:00:00.000Z
  return `GMT${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}`;
}

/** Zoom's uuid: 16 bytes as base64 (24 characters); a few are forced to hold "/" and "+" or start with "/". */
function meetingUuid(random: Random, index: number): string {
  let id = random.bytes(16).toString('base64');
  if (index === 2) id = `/${id.slice(1)}`;
  if (index === 5 || index === 9) id = `${id.slice(0, 5)}+${id.slice(6, 11)}/${id.slice(12)}`;
  return id;
}

interface FileMaker {
  random: Random;
  playIds: Set<string>;
  clipStart: number;
  clipEnd: number;
}

function makeFile(maker: FileMaker, iconType: ZoomIconType, display: string, suffix: string, body: number | string) {
  let playId = urlSafeId(maker.random, 44);
  while (maker.playIds.has(playId)) playId = urlSafeId(maker.random, 44);
  maker.playIds.add(playId);
  const text = typeof body === 'string' ? Buffer.from(body, 'utf8') : undefined;
  const contentTypes: Record<ZoomIconType, string> = {
    MP4: 'video/mp4',
    M4A: 'audio/mp4',
    TRANSCRIPT: 'text/vtt',
    CC: 'text/vtt',
    CHAT: 'text/plain',
    TIMELINE: 'application/json',
  };
  const file: ZoomFile = {
    playId,
    iconType,
    fileName: `${gmtStamp(maker.clipStart)}_Recording${suffix}`,
    displayFileName: display,
    fileKey: `zoom/${playId}`,
    sizeBytes: text ? text.length : Math.max(1, Math.round(body as number)),
    contentType: contentTypes[iconType],
    modifiedAt: maker.clipEnd + 20 * 60_000,
    ...(text ? { text } : {}),
  };
  return file;
}

interface MeetingTraits {
  views: string[];
  transcript: boolean;
  captions: boolean;
  chat: boolean;
  timeline: boolean;
  /** Zoom's "Audio only" M4A, which every real meeting has; left out only in the scale data set. */
  audio: boolean;
  mainBytes: number;
}

/** The scale data set's meeting: one view and its transcript, nothing else (DatasetOptions.zoomSmallFiles). */
const SMALL_MEDIA_BYTES = 4_000;
function smallTraits(mainBytes: number): MeetingTraits {
  return {
    views: ['speaker'],
    transcript: true,
    captions: false,
    chat: false,
    timeline: false,
    audio: false,
    mainBytes,
  };
}

function makeClip(maker: FileMaker, traits: MeetingTraits, share: number): ZoomClip {
  const { random, clipStart, clipEnd } = maker;
  const seconds = (clipEnd - clipStart) / 1000;
  const files: ZoomFile[] = traits.views.map((name) => {
    const view = VIEWS[name] as ViewKind;
    return makeFile(maker, 'MP4', view.display, view.suffix, traits.mainBytes * share * view.share);
  });
  if (traits.audio)
    files.push(makeFile(maker, 'M4A', 'Audio only', '.m4a', Math.max(2_000, traits.mainBytes * share * 0.12)));
  if (traits.transcript)
    files.push(makeFile(maker, 'TRANSCRIPT', 'Audio transcript', '.transcript.vtt', transcriptVtt(random, seconds)));
  if (traits.captions) files.push(makeFile(maker, 'CC', 'Closed captions', '.cc.vtt', captionsVtt(random, seconds)));
  if (traits.chat) files.push(makeFile(maker, 'CHAT', 'Chat file', 'newChat.txt', zoomChatTxt(random, seconds)));
  if (traits.timeline)
    files.push(makeFile(maker, 'TIMELINE', 'Timeline', '.timeline.json', zoomTimelineJson(random, seconds)));
  return { start: clipStart, end: clipEnd, files };
}

/** The newest meeting (and one older one) is still being converted by Zoom. */
function isProcessing(index: number, count: number): boolean {
  return (count >= 2 && index === count - 1) || (count > 12 && index === 12);
}

/** The topic template of a meeting that has no tricky title: the course's, or one of the everyday ones. */
function templateOf(index: number, count: number): string {
  const course = !isProcessing(index, count) && index % 6 !== 1;
  return course
    ? (COURSE_TOPICS[index % COURSE_TOPICS.length] as string)
    : (ZOOM_TOPICS[index % ZOOM_TOPICS.length] as string);
}

export function makeZoomMeetings(
  random: Random,
  count: number,
  mediaBytes: number | undefined,
  shape: { small: boolean } = { small: false },
): ZoomMeeting[] {
  const meetings: ZoomMeeting[] = [];
  const playIds = new Set<string>();
  const numbersByTemplate = new Map<string, number>();
  const occurrences = new Map<string, number>();
  let previousStart = 0;
  for (let index = 0; index < count; index++) {
    const template = templateOf(index, count);
    const occurrence = (occurrences.get(template) ?? 0) + 1;
    occurrences.set(template, occurrence);
    const trickyAt = TRICKY_POSITIONS.indexOf(index);
    const topic =
      trickyAt >= 0
        ? (TRICKY_TITLES[trickyAt] as string)
        : index === FORBIDDEN_CHARS_POSITION
          ? FORBIDDEN_CHARS_TOPIC
          : index === FORMULA_POSITION
            ? FORMULA_TOPIC
            : fillNumber(template, occurrence);
    // A recurring meeting keeps its number: the number alone does not identify a recording.
    const meetingNumber = numbersByTemplate.get(template) ?? random.int(81_000_000_000, 99_999_999_999);
    numbersByTemplate.set(template, meetingNumber);

    const day = Math.floor((index * SEMESTER_DAYS) / Math.max(1, count));
    const candidate =
      SEMESTER_START + day * 24 * HOUR + random.int(7, 16) * HOUR + random.pick([0, 15, 30, 45]) * 60_000;
    const start = Math.max(candidate, previousStart + HOUR);
    previousStart = start;

    // Drawn as before whatever the shape: a seed's default data set must not change.
    const picked = random.pick(VIEW_SETS);
    const traits: MeetingTraits = {
      views: index === TWO_CLIPS_THREE_VIEWS ? ['active', 'gallery', 'screen'] : picked,
      transcript: random.chance(0.5),
      captions: random.chance(0.25),
      chat: random.chance(0.6),
      timeline: random.chance(0.4),
      audio: true,
      mainBytes: mainVideoBytes(random.next, mediaBytes),
    };
    const twice = random.chance(0.25);
    const clipCount = shape.small ? 1 : index === 4 ? 3 : index === TWO_CLIPS_THREE_VIEWS || twice ? 2 : 1;
    if (shape.small) Object.assign(traits, smallTraits(mainVideoBytes(random.next, mediaBytes ?? SMALL_MEDIA_BYTES)));
    const clips: ZoomClip[] = [];
    let clipStart = start + random.int(5, 60) * 1000;
    for (let c = 0; c < clipCount; c++) {
      const clipEnd = clipStart + random.int(10, 90) * 60_000 + random.int(0, 59) * 1000;
      clips.push(makeClip({ random, playIds, clipStart, clipEnd }, traits, 1 / clipCount));
      clipStart = clipEnd + random.int(2, 12) * 60_000;
    }
    const last = clips[clips.length - 1] as ZoomClip;
    meetings.push({
      meetingId: meetingUuid(random, index),
      meetingNumber,
      topic,
      start,
      durationSec: Math.round((last.end - start) / 1000),
      hostEmail: random.pick(HOSTS),
      status: isProcessing(index, count) ? 'processing' : 'completed',
      clips,
    });
  }
  return meetings;
}

/** The benchmark's meeting: one clip holding one MP4 of exactly `sizeBytes` bytes. */
export function makeHugeMeeting(random: Random, sizeBytes: number): ZoomMeeting {
  const start = Date.UTC(2026, 10, 14, 9, 0);
  const end = start + 3 * HOUR + 17 * 60_000;
  const maker: FileMaker = { random, playIds: new Set(), clipStart: start, clipEnd: end };
  const video = makeFile(maker, 'MP4', VIEWS.speaker?.display ?? '', '_3840x2160.mp4', sizeBytes);
  video.sizeBytes = sizeBytes;
  return {
    meetingId: random.bytes(16).toString('base64'),
    meetingNumber: random.int(81_000_000_000, 99_999_999_999),
    topic: 'Hela kursen – sammanslagen inspelning (4K)',
    start,
    durationSec: (end - start) / 1000,
    hostEmail: HOSTS[0] as string,
    status: 'completed',
    clips: [{ start, end, files: [video] }],
  };
}
