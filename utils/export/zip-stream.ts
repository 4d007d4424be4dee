// Streams one volume of a ZIP export: its files one after the other, then its manifest, never holding a whole
// file. A file that fails for good is left out and listed in the manifest; the rest go on.
import { db, type ExportFile, type ExportJob } from '../db';
import { ExportError } from '../errors';
import { getSettings } from '../settings';
import { adapterFor } from '../sites/registry';
import { makeArchive } from './archive';
import { crcCounter, crcHex } from './crc32';
import { settleExport, settleFile } from './file-outcome';
import { changeVolume, getJob, updateFile } from './jobs';
import { platformSource } from './platform-source';
import { ProgressCounter } from './progress';
import { RangedFetcher } from './ranged-fetch';
import { countBytes, type OpenedFile, openSource } from './source';
import { opfsDisk, type SpoolDisk } from './spool';
import { inArchiveOrder, openSpooled, volumeSpool } from './spooled-source';
import { volumeFiles, volumeRecords } from './zip-records';

/**
 * How many files are asked for ahead of the one being read. They share the volume's connections (the setting) with
 * the parts of the file being read, and begin only once all its parts have begun.
 */
const FILES_AHEAD = 3;

/**
 * The volume as a stream, or null when it cannot start (the job is not running, or its session expired before
 * the first byte): then nothing is saved at all, rather than an empty or broken archive.
 */
export async function openVolumeStream(
  jobId: number,
  volume: number,
  signal: AbortSignal,
  /** Told before the stream breaks off of its own accord (not by `signal`), with the history already written. */
  onBreak?: () => void,
  disk: SpoolDisk = opfsDisk,
): Promise<ReadableStream<Uint8Array> | null> {
  const job = await getJob(jobId);
  const site = job && adapterFor(job.site);
  if (job?.state !== 'running' || !site) return null;
  const adapter = site;
  const origin = job.origin;
  const files = await volumeFiles(jobId, volume);
  const progress = new ProgressCounter(jobId);
  const fetcher = new RangedFetcher((await getSettings()).connections);
  // What goes into this volume is kept until it is saved: written again after a stopped worker, it is read back.
  const spool = volumeSpool(jobId, volume, disk);
  await spool.makeRoomFor(files.reduce((sum, file) => sum + (file.sizeBytes ?? 0), 0));
  const nextTurn = inArchiveOrder();

  // Files asked for ahead of the one being read stop on their own signal when the volume breaks off.
  const aheadStop = new AbortController();
  const aheadSignal = AbortSignal.any([signal, aheadStop.signal]);

  async function request(file: ExportFile, stop: AbortSignal) {
    const turn = nextTurn();
    try {
      await updateFile(file.id, { state: 'running', bytesDone: 0 });
      const source = platformSource(adapter, origin, file, {
        signal: stop,
        onRetry: (attempt, error) => updateFile(file.id, { retries: attempt, error }),
      });
      return await openSpooled(spool, file.id, (start, kept, alone) => {
        const from = { ...source, start, validator: kept?.validator, expectedLength: kept?.length };
        if (alone) return openSource(file, from);
        return turn.go(() => fetcher.open(file, from, { fromStartIfChanged: true }));
      });
    } finally {
      turn.pass();
    }
  }

  /**
   * A file that could not be opened, settled when its turn comes (never ahead of it, so a file asked for early
   * cannot pause or fail the export before the ones before it are in). Paused or cancelled (the signal), an ended
   * session, a refusal every file would meet: the volume breaks off, and is written again from its first file on
   * Resume, so no file is saved twice. Else this file fails, and the next one comes.
   */
  async function notOpened(file: ExportFile, error: unknown): Promise<null> {
    const outcome = await settleFile(file, signal.aborted ? new ExportError({ code: 'cancelled' }) : error);
    if (outcome !== 'fail-file') throw error;
    return null;
  }

  async function open(file: ExportFile) {
    try {
      return await request(file, signal);
    } catch (error) {
      return notOpened(file, error);
    }
  }

  const pending = files.filter((file) => file.state !== 'failed' && file.state !== 'skipped');
  // The first file is opened before the archive starts, so an expired session saves nothing.
  let first: Awaited<ReturnType<typeof open>> = null;
  try {
    first = pending[0] ? await open(pending[0]) : null;
  } catch {
    return null;
  }

  // The file whose bytes the archive is reading now: the one to blame when the archive breaks off.
  let reading: ExportFile | undefined;
  // Files asked for ahead of the one being read, by their place in `pending`: each costs the platform a round
  // trip before its first byte, which for small files (chat, captions) is most of their time. Their bodies wait
  // unread (highWaterMark 0) until their turn, so memory holds no more than the connections' buffers.
  const ahead = new Map<number, Promise<OpenedFile>>();
  function openAhead(from: number): void {
    for (let index = from; index < Math.min(pending.length, from + 1 + FILES_AHEAD); index++) {
      if (ahead.has(index) || index === 0) continue;
      const opening = request(pending[index] as ExportFile, aheadSignal);
      // Its failure is met, and settled, when its turn comes; until then it must not count as unhandled.
      opening.catch(() => undefined);
      ahead.set(index, opening);
    }
  }

  /**
   * What was opened ahead and not reached when the volume broke off goes back, to wait its turn. (client-zip does
   * not close the entries' iterator when the archive fails, so the archive's reader calls this.) A pause or cancel
   * aborts those answers itself, and the stop sets their files' state.
   */
  async function giveBackAhead(): Promise<void> {
    aheadStop.abort(new DOMException('not reached', 'AbortError'));
    // The file being read lets its parts go too: the volume is written again from its first file.
    fetcher.stop();
    const left = [...ahead.entries()];
    ahead.clear();
    for (const [index, opening] of left) {
      const opened = await opening.catch(() => null);
      if (!opened) continue;
      await opened.body.cancel().catch(() => undefined);
      const file = pending[index] as ExportFile;
      if (!signal.aborted && (await db.files.get(file.id))?.state === 'running')
        await updateFile(file.id, { state: 'queued' });
    }
  }

  async function* entries() {
    for (const [index, file] of pending.entries()) {
      reading = undefined;
      openAhead(index);
      const opening = ahead.get(index);
      ahead.delete(index);
      const opened =
        index === 0 ? first : await (opening as Promise<OpenedFile>).catch((error) => notOpened(file, error));
      if (!opened) continue;
      reading = file;
      const checksum = crcCounter();
      yield {
        name: file.path,
        lastModified: new Date(job?.createdAt ?? Date.now()),
        input: countBytes(
          opened.body.pipeThrough(checksum.stream),
          (count) => progress.bytes(count),
          // In the archive, not yet saved: the volume's end decides (zip-export.ts).
          (total) =>
            updateFile(file.id, {
              state: 'written',
              bytesDone: total,
              crc32: crcHex(checksum.crc()),
              error: undefined,
            }),
        ),
      };
    }
    reading = undefined;
    await progress.flush();
    // The manifest is written last, so it can say what actually went into this volume.
    yield* volumeRecords(job as ExportJob, volume, adapter);
    await changeVolume(jobId, volume, { streamed: true });
  }

  /**
   * A file that broke off for good in the middle of its body (changed on the platform, out of retries) cannot be
   * taken out of bytes already streamed: it fails alone, and the volume breaks off, to be written again from its
   * first file without it (zip-export.ts). That restart is not the volume's fault, so it is not counted as a try.
   */
  async function fileBroke(error: unknown): Promise<boolean> {
    const file = reading;
    if (!file || (await settleFile(file, error)) !== 'fail-file') return false;
    await changeVolume(jobId, volume, (v) => ({ tries: Math.max(0, v.tries - 1) }));
    return true;
  }

  return reportErrors(makeArchive(entries()), jobId, signal, { fileBroke, onBreak, giveBackAhead });
}

/**
 * When the archive breaks mid-way, the history says why before the stream does: the file that broke, or else the
 * export (a refusal every file would meet).
 */
function reportErrors(
  stream: ReadableStream<Uint8Array>,
  jobId: number,
  signal: AbortSignal,
  broke: { fileBroke(error: unknown): Promise<boolean>; onBreak?: () => void; giveBackAhead(): Promise<void> },
) {
  const reader = stream.getReader();
  // Cancelled by its reader (the browser let go of the download: a restart, the downloads page).
  let cancelled = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let next: ReadableStreamReadResult<Uint8Array>;
      try {
        next = await reader.read();
      } catch (error) {
        // Said first: the browser may report the broken download as cancelled by the user, and it was not.
        if (!signal.aborted) broke.onBreak?.();
        await broke.giveBackAhead();
        // Paused or cancelled by the user: whoever stopped it wrote the job's state. Else the file being read
        // settles it (failing alone, or pausing or failing the export), or the export does when no file was.
        if (!signal.aborted && !(await broke.fileBroke(error))) await settleExport(jobId, error);
        controller.error(error);
        return;
      }
      // A cancel while the read was pending ended the archive's read (done) and closed this stream: closing or
      // feeding it now throws ("Cannot close an errored readable stream", Chrome's words for a closed one too,
      // readable_stream_default_controller.cc), which is no break of the file being read and must not fail it.
      if (cancelled) return;
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel(reason) {
      cancelled = true;
      await reader.cancel(reason);
      await broke.giveBackAhead();
    },
  });
}
