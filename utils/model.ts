// The domain model every part after a site adapter speaks. Adapters translate the platforms' answers into it.

export type SiteId = 'zoom' | 'collaborate';

export type FileKind = 'video' | 'audio' | 'transcript' | 'captions' | 'chat' | 'timeline' | 'summary' | 'other';

export type RecordingStatus = 'ready' | 'processing' | 'unavailable';

export interface RecordingFile {
  /** The platform's id for this file (Zoom: playId). */
  id: string;
  kind: FileKind;
  /** Which camera or screen view a video shows, in the platform's words ("Gallery view"). */
  view?: string;
  /** Which of the platform's named views a video is (`speaker`, `gallery`, ...; `other` for unknown views). */
  viewChoice?: string;
  /** 1-based clip number when a meeting was stopped and started again; absent for a single clip. */
  clip?: number;
  ext: string;
  /** Size as the platform announces it; often rounded (Zoom gives megabytes). */
  sizeBytes?: number;
  /** True when the platform announces sizes in bytes, so a different byte count means a wrong file. */
  sizeExact?: boolean;
  /** True when the size is only roughly known (a report's gigabytes): it counts for volumes and progress, never checked. */
  sizeRough?: boolean;
  url: string;
}

export interface Recording {
  site: SiteId;
  id: string;
  title: string;
  /** The id people see for it on the platform (Zoom: the meeting number), when that is not `id`. */
  shownId?: string;
  owner?: string;
  /** ISO 8601 when known; the platform's own text otherwise. */
  startedAt: string;
  durationSec?: number;
  sizeBytes?: number;
  /** True when `sizeBytes` is only roughly known (a recording report's gigabytes), not the platform's byte count. */
  sizeRough?: boolean;
  status: RecordingStatus;
  /** The platform's own row for this recording, kept verbatim for CSV reports and logs. */
  columns: Record<string, string>;
}

export interface RecordingWithFiles extends Recording {
  files: RecordingFile[];
}

export type Destination = 'zip' | 'folder' | 's3';
