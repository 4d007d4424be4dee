// What the demo portal holds: Zoom meetings and Collaborate recordings with their files. A pure function of
// its options (same seed → same recordings, ids and bytes), so tests can compute what a download must hold.
import { makeCollabRecordings } from './dataset-collab.ts';
import { makeHugeMeeting, makeZoomMeetings } from './dataset-zoom.ts';
import { makeRandom } from './random.ts';
import type { CollabChatMessage } from './texts.ts';

export interface DatasetOptions {
  seed?: number;
  zoomMeetings?: number;
  collabRecordings?: number;
  /** About how many bytes the main video of each recording has; by default each varies in 300 KB–1.5 MB. */
  mediaBytes?: number;
  /** When set, one extra Zoom meeting whose only file is an MP4 of exactly this many bytes. */
  hugeFileBytes?: number;
  /**
   * Scale runs: every Zoom meeting is one clip of one MP4 (about `mediaBytes`, 4 KB by default) and its
   * transcript, so ten thousand meetings are twenty thousand small files. Off by default: the data of a seed
   * without it stays as it was.
   */
  zoomSmallFiles?: boolean;
}

/** A file the portal can serve: media bytes come from media.ts by `fileKey`, text files are held as bytes. */
export interface PortalFile {
  fileKey: string;
  sizeBytes: number;
  contentType: string;
  /** The whole content of a text file (transcript, chat, ...); absent for media. */
  text?: Buffer;
  /** Milliseconds since the epoch; the Last-Modified of the file. */
  modifiedAt: number;
}

export type ZoomIconType = 'MP4' | 'M4A' | 'TRANSCRIPT' | 'CC' | 'CHAT' | 'TIMELINE';

export interface ZoomFile extends PortalFile {
  playId: string;
  iconType: ZoomIconType;
  /** The stored name, as in the signed ssrweb URL: GMT<date>-<time>_Recording<...>.<ext> */
  fileName: string;
  /** What the portal shows: the view ("Gallery view") or the kind ("Audio only", "Chat file"). */
  displayFileName: string;
}

export interface ZoomClip {
  /** Milliseconds since the epoch when this part of the recording started (Zoom's clip key). */
  start: number;
  end: number;
  files: ZoomFile[];
}

export interface ZoomMeeting {
  /** Zoom's meeting uuid: 24 characters of base64 text, may hold "/" and "+". */
  meetingId: string;
  /** The 10–11 digit meeting number; recurring meetings share one. */
  meetingNumber: number;
  topic: string;
  start: number;
  durationSec: number;
  hostEmail: string;
  /** "processing" = Zoom still converts it: listed, but its files cannot be downloaded yet. */
  status: 'completed' | 'processing';
  clips: ZoomClip[];
}

export interface CollabRecording {
  /** 32 hex characters. */
  id: string;
  name: string;
  mediaName: string;
  sessionName: string;
  sessionStartTime: string;
  startTime: string;
  created: string;
  modified: string;
  ownerId: string;
  contextId: string;
  /** Milliseconds. */
  duration: number;
  /** Bytes: the size of its MP4. */
  storageSize: number;
  playbackCount: number;
  publicLinkAllowed: boolean;
  media: PortalFile;
  chats: CollabChatMessage[];
  /** The chat as the JSON the chat URL answers; absent when nobody wrote anything. */
  chatFile?: PortalFile;
  subtitles?: { lang: string; label: string; file: PortalFile };
}

export interface Dataset {
  options: DatasetOptions;
  /** In creation order (oldest first); the portal lists them newest first. */
  zoomMeetings: ZoomMeeting[];
  collabRecordings: CollabRecording[];
}

export function makeDataset(opts: DatasetOptions = {}): Dataset {
  const random = makeRandom(opts.seed ?? 1);
  const zoomMeetings = makeZoomMeetings(random.fork('zoom'), opts.zoomMeetings ?? 48, opts.mediaBytes, {
    small: opts.zoomSmallFiles === true,
  });
  if (opts.hugeFileBytes !== undefined) {
    zoomMeetings.push(makeHugeMeeting(random.fork('huge'), opts.hugeFileBytes));
  }
  const collabRecordings = makeCollabRecordings(random.fork('collab'), opts.collabRecordings ?? 20, opts.mediaBytes);
  return { options: { ...opts }, zoomMeetings, collabRecordings };
}

export function zoomFiles(meeting: ZoomMeeting): ZoomFile[] {
  return meeting.clips.flatMap((clip) => clip.files);
}

/** Counts for reports and for tests that check a whole export. */
export function datasetSummary(dataset: Dataset) {
  const files = dataset.zoomMeetings.flatMap(zoomFiles);
  const collabFiles = dataset.collabRecordings.flatMap((recording) =>
    [recording.media, recording.chatFile, recording.subtitles?.file].filter((file) => file !== undefined),
  );
  const sum = (list: PortalFile[]) => list.reduce((total, file) => total + file.sizeBytes, 0);
  return {
    zoomMeetings: dataset.zoomMeetings.length,
    zoomProcessing: dataset.zoomMeetings.filter((meeting) => meeting.status === 'processing').length,
    zoomClips: dataset.zoomMeetings.reduce((total, meeting) => total + meeting.clips.length, 0),
    zoomFiles: files.length,
    zoomBytes: sum(files),
    collabRecordings: dataset.collabRecordings.length,
    collabFiles: collabFiles.length,
    collabBytes: sum(collabFiles),
  };
}
