// @vitest-environment node
// Generated media and the dataset are pure functions of their inputs: tests and benchmarks can recompute
// what a download must hold, and a misordered, repeated or foreign block shows up in the hash.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { datasetSummary, makeDataset, zoomFiles } from './dataset.ts';
import { COURSE_SEARCH, FORBIDDEN_CHARS_TOPIC, FORMULA_TOPIC } from './dataset-zoom.ts';
import { mediaChunk, mediaChunks, mediaSha256 } from './media.ts';

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const BLOCK = 64 * 1024;

describe('media bytes', () => {
  it('are the same for the same key, however they are cut', () => {
    const whole = mediaChunk('zoom/a', 1_000_000, 0, 1_000_000);
    expect(mediaChunk('zoom/a', 1_000_000, 0, 1_000_000).equals(whole)).toBe(true);
    expect(Buffer.concat([...mediaChunks('zoom/a', 1_000_000, 0, 1_000_000, 77_777)]).equals(whole)).toBe(true);
    expect(mediaChunk('zoom/a', 1_000_000, 123_456, 654_321).equals(whole.subarray(123_456, 654_321))).toBe(true);
    expect(mediaSha256('zoom/a', 1_000_000)).toBe(sha(whole));
  });

  it('differ between keys and between blocks of one file', () => {
    const size = 40 * BLOCK;
    expect(mediaSha256('zoom/a', size)).not.toBe(mediaSha256('zoom/b', size));
    const blocks = new Set<string>();
    for (let b = 0; b < 40; b++) blocks.add(sha(mediaChunk('zoom/a', size, b * BLOCK, (b + 1) * BLOCK)));
    expect(blocks.size).toBe(40);
    const swapped = Buffer.concat([mediaChunk('zoom/a', size, BLOCK, 2 * BLOCK), mediaChunk('zoom/a', size, 0, BLOCK)]);
    expect(sha(swapped)).not.toBe(sha(mediaChunk('zoom/a', size, 0, 2 * BLOCK)));
  });

  it('reach any offset of a 5 GiB file without storing it', () => {
    const size = 5 * 1024 ** 3;
    // The last bytes are made from their own block, the same as when they end a longer read.
    const tail = mediaChunk('huge', size, size - 1000, size);
    const run = Buffer.concat([...mediaChunks('huge', size, size - 3 * BLOCK - 5, size, 50_000)]);
    expect(tail.equals(run.subarray(run.length - 1000))).toBe(true);
    // A long read comes in pieces no bigger than asked for, one at a time: nothing holds the whole.
    let total = 0;
    let largest = 0;
    for (const chunk of mediaChunks('huge', size, 0, 256 * 1024 ** 2, 1024 ** 2)) {
      total += chunk.length;
      largest = Math.max(largest, chunk.length);
    }
    expect(total).toBe(256 * 1024 ** 2);
    expect(largest).toBe(1024 ** 2);
  });

  it('rejects ranges outside the file', () => {
    expect(() => mediaChunk('k', 10, 5, 11)).toThrow(RangeError);
    expect(() => mediaChunk('k', 10, 6, 5)).toThrow(RangeError);
  });
});

describe('dataset', () => {
  it('is a pure function of its options', () => {
    expect(JSON.stringify(makeDataset())).toBe(JSON.stringify(makeDataset()));
    expect(JSON.stringify(makeDataset({ seed: 2 }))).not.toBe(JSON.stringify(makeDataset()));
  });

  it('holds the default numbers and the tricky cases', () => {
    const dataset = makeDataset();
    const summary = datasetSummary(dataset);
    expect(summary.zoomMeetings).toBe(48);
    expect(summary.zoomProcessing).toBeGreaterThanOrEqual(1);
    expect(summary.collabRecordings).toBe(20);
    const topics = dataset.zoomMeetings.map((m) => m.topic);
    for (const title of [
      'Föreläsning 4 – Ekonomi & juridik',
      'Werkcollege "Statistiek" <groep B>',
      '数据科学 讲座',
      'Q&A: Why?*',
      'CON',
      'Trailing dot.',
      'a/b\\c|d:e',
      FORBIDDEN_CHARS_TOPIC,
      FORMULA_TOPIC,
    ]) {
      expect(topics).toContain(title);
    }
    expect(topics.some((t) => t.length > 300)).toBe(true);
    const ids = dataset.zoomMeetings.map((m) => m.meetingId);
    expect(ids.every((id) => id.length === 24)).toBe(true);
    expect(ids.some((id) => id.startsWith('/'))).toBe(true);
    expect(ids.filter((id) => id.includes('/') && id.includes('+')).length).toBeGreaterThanOrEqual(2);
    const playIds = dataset.zoomMeetings.flatMap(zoomFiles).map((f) => f.playId);
    expect(new Set(playIds).size).toBe(playIds.length);
    expect(playIds.every((id) => /^[\w-]+$/.test(id))).toBe(true);
    expect(dataset.zoomMeetings.some((m) => m.clips.length > 1)).toBe(true);
    // Issue 5's demo data: 3+ pages, a meeting with 2 clips and 3 views, duplicate and non-ASCII topics, and a
    // search (the course's name) that matches 31 meetings, none of them still processing.
    expect(Math.ceil(summary.zoomMeetings / 15)).toBeGreaterThanOrEqual(3);
    expect(
      dataset.zoomMeetings.some(
        (m) => m.clips.length === 2 && m.clips.every((c) => c.files.filter((f) => f.iconType === 'MP4').length === 3),
      ),
    ).toBe(true);
    expect(new Set(topics).size).toBeLessThan(topics.length);
    expect(topics.some((t) => /[^ -~]/.test(t))).toBe(true);
    const course = dataset.zoomMeetings.filter((m) => m.topic.toLowerCase().includes(COURSE_SEARCH.toLowerCase()));
    expect(course).toHaveLength(31);
    expect(course.every((m) => m.status === 'completed')).toBe(true);
    expect(summary.zoomProcessing).toBe(2);
    expect(dataset.collabRecordings.filter((r) => !r.publicLinkAllowed)).toHaveLength(1);
    expect(
      dataset.collabRecordings.every((r) => /^[0-9a-f]{32}$/.test(r.id) && r.storageSize === r.media.sizeBytes),
    ).toBe(true);
  });

  it('adds one huge file of the exact size without changing the rest', () => {
    const plain = makeDataset({ mediaBytes: 2_000_000 });
    const withHuge = makeDataset({ mediaBytes: 2_000_000, hugeFileBytes: 4.5 * 1024 ** 3 });
    expect(withHuge.zoomMeetings).toHaveLength(49);
    const huge = withHuge.zoomMeetings[48];
    expect(huge && zoomFiles(huge).map((f) => f.sizeBytes)).toEqual([4.5 * 1024 ** 3]);
    expect(JSON.stringify(withHuge.zoomMeetings.slice(0, 48))).toBe(JSON.stringify(plain.zoomMeetings));
    const main = plain.zoomMeetings.map((m) => zoomFiles(m)[0]?.sizeBytes ?? 0);
    expect(Math.max(...main)).toBeLessThanOrEqual(2_400_000);
  });
});
