// The small text files that come with a recording: transcripts and captions (WebVTT), the Zoom chat
// (.txt), the Zoom timeline (JSON) and the Collaborate chat (JSON). Generated, so each is a pure function
// of the random stream it is given; the formats follow what the platforms write.
import { PEOPLE, SENTENCES } from './names.ts';
import type { Random } from './random.ts';

function clock(seconds: number, withMillis: boolean): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = Math.floor(seconds % 60);
  const text = [h, m, s].map((part) => String(part).padStart(2, '0')).join(':');
  return withMillis ? `${text}.${String(Math.round((seconds % 1) * 1000)).padStart(3, '0')}` : text;
}

interface Line {
  at: number;
  speaker: string;
  text: string;
}

function lines(random: Random, count: number, durationSec: number): Line[] {
  const out: Line[] = [];
  let at = random.int(1, 20);
  for (let i = 0; i < count && at < durationSec; i++) {
    out.push({ at, speaker: random.pick(PEOPLE), text: random.pick(SENTENCES) });
    at += random.int(4, 40) + random.next();
  }
  return out;
}

/** Zoom's audio transcript: numbered cues with "Speaker: text". */
export function transcriptVtt(random: Random, durationSec: number): string {
  const cues = lines(random, random.int(12, 60), durationSec).map(
    (line, i) => `${i + 1}\n${clock(line.at, true)} --> ${clock(line.at + 3.5, true)}\n${line.speaker}: ${line.text}\n`,
  );
  return `WEBVTT\n\n${cues.join('\n')}`;
}

/** Closed captions (Zoom CC file, Collaborate subtitles): cues without speaker names. */
export function captionsVtt(random: Random, durationSec: number): string {
  const cues = lines(random, random.int(8, 40), durationSec).map(
    (line) => `${clock(line.at, true)} --> ${clock(line.at + 3, true)}\n${line.text}\n`,
  );
  return `WEBVTT\n\n${cues.join('\n')}`;
}

/** Zoom's saved chat: "hh:mm:ss From X to Everyone:" then the message on a tab-indented line. */
export function zoomChatTxt(random: Random, durationSec: number): string {
  return lines(random, random.int(3, 25), durationSec)
    .map((line) => `${clock(line.at, false)} From ${line.speaker} to Everyone:\r\n\t${line.text}\r\n`)
    .join('');
}

/** Zoom's timeline file: who was on screen when. */
export function zoomTimelineJson(random: Random, durationSec: number): string {
  const timeline = lines(random, random.int(4, 20), durationSec).map((line) => ({
    ts: clock(line.at, true),
    users: [{ username: line.speaker, multiple: false, os: random.pick(['win', 'mac', 'linux']), zoom_userid: '' }],
  }));
  return JSON.stringify({ timeline });
}

export interface CollabChatMessage {
  id: string;
  userName: string;
  body: string;
  created: string;
  relativeEventTime: number;
  isModerator: boolean;
}

/** Collaborate's chat answer: a JSON array of messages. */
export function collabChat(random: Random, startMs: number, durationMs: number): CollabChatMessage[] {
  return lines(random, random.int(0, 18), durationMs / 1000).map((line, i) => ({
    id: `${i + 1}`,
    userName: line.speaker,
    body: line.text,
    created: new Date(startMs + Math.round(line.at * 1000)).toISOString(),
    relativeEventTime: Math.round(line.at * 1000),
    isModerator: i === 0,
  }));
}
