// For each file that did not make it: every request the portal saw for it, with the fault it met, in order — the
// reproduction of an engine bug starts from this (which fault, at which byte, what came next).
import { zoomFiles } from '../portal/dataset.ts';
import type { Hit, Portal } from '../portal/server.ts';
import { type History, playIdOf } from './history.ts';

export function portalTrail(portal: Portal, history: History, startedAt: number): string[] {
  const byPlayId = new Map(portal.dataset.zoomMeetings.flatMap(zoomFiles).map((file) => [file.playId, file]));
  const lines: string[] = [];
  for (const row of history.files.filter((file) => file.state !== 'done' && file.state !== 'skipped').slice(0, 5)) {
    const file = byPlayId.get(playIdOf(row) ?? '');
    if (!file) continue;
    const hits = [
      ...portal.hits('zoom.download').filter((hit) => hit.path.includes(file.playId)),
      ...portal.hits('zoom.media').filter((hit) => hit.path.includes(file.fileName)),
    ].sort((a, b) => a.at - b.at);
    lines.push(`portal trail of ${row.path} (${file.sizeBytes} bytes, ${row.retries} retries):`);
    for (const hit of hits) lines.push(`    ${describe(hit, startedAt)}`);
  }
  return lines;
}

function describe(hit: Hit, startedAt: number): string {
  const where = hit.path.startsWith('/rec/download/') ? 'download' : 'media';
  const { bytesPerSecond: _slow, ...fault } = hit.fault ?? {};
  const faultText = Object.keys(fault).length ? ` fault ${JSON.stringify(fault)}` : '';
  const seconds = ((hit.at - startedAt) / 1000).toFixed(1);
  return `+${seconds}s ${hit.method} ${where}${hit.range ? ` ${hit.range}` : ''} → ${hit.status ?? '-'}${faultText}`;
}
