import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findZoomRows } from '@/utils/sites/zoom';

function page(name: string): Document {
  const doc = document.implementation.createHTMLDocument('zoom');
  doc.body.innerHTML = readFileSync(`tests/fixtures/zoom/${name}`, 'utf8');
  return doc;
}

describe('recording rows on Zoom list pages', () => {
  it('finds one entry per row on the newer portal, even with two links in a row', () => {
    const rows = findZoomRows(page('recording-list-new.html'));
    expect(rows.map((r) => [r.meetingId, r.topic])).toEqual([
      ['3dk8+Qz/TgmH0aX1bC2y9w==', 'Föreläsning 4 – Ekonomi & juridik'],
      ['/Lq0mZ3xR2uQ8yPp1vWk4A==', 'Werkcollege "Statistiek" <groep B>'],
    ]);
    expect(rows.every((r) => r.row.matches('tr.zm-table__row'))).toBe(true);
  });

  it('finds rows on the older portal and the admin page', () => {
    const rows = findZoomRows(page('recording-list-old.html'));
    expect(rows.map((r) => r.meetingId)).toEqual(['Ab12Cd34Ef56Gh78Ij90Kl==', 'Zz99+yy88']);
  });

  it('finds nothing on a page without detail links', () => {
    const doc = document.implementation.createHTMLDocument('x');
    doc.body.innerHTML = '<table><tr><td><a href="/meeting/123">Meeting</a></td></tr></table>';
    expect(findZoomRows(doc)).toEqual([]);
  });
});
