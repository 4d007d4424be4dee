// Collaborate's recording report, in and out: the CSV a manager downloads, edits in Excel and brings back to say
// which recordings to copy (SITES.md, "Recording report"). Read by header name in any column order, as Blackboard
// writes it and as Excel saves it in Dutch or Swedish settings (`;`, BOM, CRLF, decimal commas, Windows-1252).
import Papa from 'papaparse';
import { columnNames, spreadsheetCell, spreadsheetCsv } from '../csv';
import type { Recording } from '../model';
import { apiOriginOf, COLLABORATE, idFromRecordingLink, REPORT_COLUMNS } from './collaborate';
import type { ReportBadRow, ReportReading } from './site';

const LINK = 'RecordingLink';
/** Columns that may name the recording instead of a link. */
const ID_COLUMNS = ['RecordingIdentifier', 'RecordingId', 'RecordingID', 'Id'];
const SIZE_GB = 'StorageUsageGigabytes';
const SIZE_BYTES = ['StorageUsageBytes', 'StorageSize'];
const GIB = 1024 ** 3;
const PNG = [0x89, 0x50, 0x4e, 0x47];

/** UTF-8 when it is (Excel's "CSV UTF-8" and Blackboard's own), else Windows-1252 (Excel's plain "CSV"). */
function decode(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

function looksBinary(bytes: Uint8Array): boolean {
  if (PNG.every((byte, i) => bytes[i] === byte)) return true;
  const head = bytes.subarray(0, 8192);
  let control = 0;
  for (const byte of head) {
    if (byte === 0) return true;
    if (byte < 9 || (byte > 13 && byte < 32)) control++;
  }
  return control > head.length / 20;
}

/** The separator of the header line: the one of `;`, `,` and tab that occurs there most (outside quotes). */
function separatorOf(text: string): string {
  let quoted = false;
  const counts: Record<string, number> = { ';': 0, ',': 0, '\t': 0 };
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && char in counts) counts[char] = (counts[char] ?? 0) + 1;
  }
  const [best] = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  return best && best[1] > 0 ? best[0] : ',';
}

/** `1,5`, `1.5`, `1.234,5` and `1,234.5`: the last of `.` and `,` is the decimal mark. */
export function parseDecimal(text: string): number | undefined {
  const clean = text.replace(/[\s\u00a0']/g, '').replace(/[a-z]+$/i, '');
  if (!/^-?[\d.,]+$/.test(clean)) return undefined;
  const mark = Math.max(clean.lastIndexOf('.'), clean.lastIndexOf(','));
  const whole = mark === -1 ? clean : clean.slice(0, mark).replace(/[.,]/g, '');
  const value = Number(mark === -1 ? whole : `${whole}.${clean.slice(mark + 1)}`);
  return Number.isFinite(value) ? value : undefined;
}

/** `2026-09-03 10:15(:00)` (UTC, as the report writes it) or Excel's `3-9-2026 10:15`, as ISO text. */
function isoTime(text: string): string {
  const two = (n: string | undefined) => (n ?? '').padStart(2, '0');
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?/.exec(text.trim());
  if (iso) return `${iso[1]}-${two(iso[2])}-${two(iso[3])}T${two(iso[4])}:${iso[5]}:${two(iso[6] ?? '0')}Z`;
  const local = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}) (\d{1,2}):(\d{2})(?::(\d{2}))?/.exec(text.trim());
  if (local)
    return `${local[3]}-${two(local[2])}-${two(local[1])}T${two(local[4])}:${local[5]}:${two(local[6] ?? '0')}Z`;
  return text.trim();
}

function durationSec(text: string): number | undefined {
  const match = /^(\d+):(\d{2}):(\d{2})$/.exec(text.trim());
  return match ? Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3]) : undefined;
}

function sizeOf(row: Record<string, string>): number | undefined {
  const gb = parseDecimal(row[SIZE_GB] ?? '');
  if (gb !== undefined) return Math.round((/mb$/i.test(row[SIZE_GB] ?? '') ? gb / 1024 : gb) * GIB);
  for (const name of SIZE_BYTES) {
    const bytes = parseDecimal(row[name] ?? '');
    if (bytes !== undefined) return Math.round(bytes);
  }
  return undefined;
}

/** The rows of a CSV text with the line each begins on; quoted fields may hold line breaks. */
function rowsWithLines(text: string, delimiter: string): { cells: string[]; line: number }[] {
  const rows: { cells: string[]; line: number }[] = [];
  let counted = 0;
  let line = 1;
  let previousEnd = 0;
  Papa.parse<string[]>(text, {
    delimiter,
    skipEmptyLines: false,
    step(result) {
      // Where this row begins: after the previous row and the one line break that ended it.
      let start = previousEnd;
      if (start > 0 && text[start] === '\r') start++;
      if (start > 0 && text[start] === '\n') start++;
      for (; counted < start; counted++) if (text.charCodeAt(counted) === 10) line++;
      // A cell Reclaim guarded against Excel's formulas (its own export, brought back) reads as it was.
      rows.push({ cells: result.data.map(spreadsheetCell), line });
      previousEnd = result.meta.cursor;
    },
  });
  return rows;
}

/** Reads a recording report. `pageOrigin` places rows that name a recording by id only. */
export function readRecordingReport(file: Uint8Array, pageOrigin?: string): ReportReading {
  if (looksBinary(file)) return { ok: false, problem: { code: 'binary' } };
  const text = decode(file).replace(/^\uFEFF/, '');
  if (text.trim() === '') return { ok: false, problem: { code: 'empty' } };
  const [header, ...rows] = rowsWithLines(text, separatorOf(text));
  const names = (header?.cells ?? []).map((name) => name.replace(/^\uFEFF/, '').trim());
  const find = (wanted: string) => names.findIndex((name) => name.toLowerCase() === wanted.toLowerCase());
  const linkAt = find(LINK);
  const idAt = ID_COLUMNS.map(find).find((at) => at !== -1) ?? -1;
  if (linkAt === -1 && (idAt === -1 || !pageOrigin)) {
    return { ok: false, problem: { code: 'missing-columns', columns: [LINK], found: names.filter(Boolean) } };
  }

  const recordings: Recording[] = [];
  const badRows: ReportBadRow[] = [];
  const seen = new Set<string>();
  let origin: string | undefined;
  for (const { cells, line } of rows) {
    if (cells.every((cell) => cell.trim() === '')) continue;
    // The row as the user left it, every column kept (in the header's order) for the metadata log.
    const columns: Record<string, string> = {};
    names.forEach((name, i) => {
      if (name && !(name in columns)) columns[name] = cells[i] ?? '';
    });
    const link = linkAt === -1 ? '' : (cells[linkAt] ?? '').trim();
    const byId = idAt === -1 ? '' : (cells[idAt] ?? '').trim().toLowerCase();
    let id: string | undefined;
    let rowOrigin: string | undefined;
    if (link) {
      id = idFromRecordingLink(link);
      rowOrigin = id ? apiOriginOf(new URL(link).origin) : undefined;
    } else if (byId && pageOrigin && COLLABORATE.recordingId.test(byId)) {
      id = byId;
      rowOrigin = apiOriginOf(pageOrigin);
    }
    if (!id || !rowOrigin) {
      badRows.push({ line, reason: link || byId ? 'bad-link' : 'no-link', value: link || byId });
      continue;
    }
    origin ??= rowOrigin;
    if (rowOrigin !== origin) {
      badRows.push({ line, reason: 'other-host', value: link });
      continue;
    }
    if (seen.has(id)) {
      badRows.push({ line, reason: 'duplicate', value: link || byId });
      continue;
    }
    seen.add(id);
    const sizeBytes = sizeOf(columns);
    recordings.push({
      site: 'collaborate',
      id,
      title: (columns.RecordingName ?? '').trim() || id,
      owner: columns.SessionOwner || undefined,
      startedAt: isoTime(columns.RecordingCreated ?? ''),
      durationSec: durationSec(columns.RecordingDuration ?? ''),
      sizeBytes,
      sizeRough: sizeBytes === undefined ? undefined : true,
      status: 'ready',
      columns,
    });
  }
  if (!origin || recordings.length === 0) {
    return badRows.length
      ? { ok: true, origin: pageOrigin ? apiOriginOf(pageOrigin) : '', recordings, badRows, totalBytes: 0 }
      : { ok: false, problem: { code: 'no-rows' } };
  }
  const totalBytes = recordings.reduce((sum, recording) => sum + (recording.sizeBytes ?? 0), 0);
  return { ok: true, origin, recordings, badRows, totalBytes };
}

/**
 * The recording report for these recordings, in the platform's column names and order (`,`, CRLF, as Blackboard
 * writes it); columns a report brought along stay, after the platform's, in the order they came.
 */
export function recordingReportCsv(recordings: Recording[]): string {
  const fields = columnNames(
    recordings.map((recording) => recording.columns),
    REPORT_COLUMNS,
  );
  // With a byte order mark, so that Excel reads the names' accents right when the manager opens it to edit.
  return spreadsheetCsv(
    fields,
    recordings.map((recording) => fields.map((name) => recording.columns[name] ?? '')),
  );
}
