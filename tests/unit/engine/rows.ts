// Rows of the export database as the engine finds them, for the engine's unit tests: a job of one platform and
// destination with nothing done yet, and its planned files.
import type { ExportFile, ExportJob } from '@/utils/db';

export const ZOOM_ORIGIN = 'https://us06web.zoom.us';

export function jobRow(fields: Partial<Omit<ExportJob, 'id'>> & Pick<ExportJob, 'destination'>): Omit<ExportJob, 'id'> {
  const now = Date.now();
  return {
    site: 'zoom',
    origin: ZOOM_ORIGIN,
    name: 'Zoom test',
    state: 'running',
    createdAt: now,
    updatedAt: now,
    fileCount: 0,
    filesDone: 0,
    filesFailed: 0,
    bytesTotal: 0,
    bytesDone: 0,
    volumes: [],
    ...fields,
  };
}

/** A planned video of recording `n`, fetched from Zoom's download address `play-<n>`. */
export function videoRow(
  jobId: number,
  n: number,
  fields: Partial<Omit<ExportFile, 'id'>> = {},
): Omit<ExportFile, 'id'> {
  return {
    jobId,
    recordingId: `m${n}`,
    recordingTitle: `Lecture ${n}`,
    path: `Lecture ${n}/video.mp4`,
    url: `${ZOOM_ORIGIN}/rec/download/play-${n}`,
    kind: 'video',
    volume: 0,
    state: 'queued',
    bytesDone: 0,
    retries: 0,
    ...fields,
  };
}
