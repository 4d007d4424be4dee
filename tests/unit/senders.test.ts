// Who may send what (senders.ts), row by row: each command from the extension's own pages and from a content
// script on a platform page, allowed and refused.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Runtime } from 'webextension-polyfill';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { handleCommand } from '@/utils/commands';
import * as contextMenu from '@/utils/context-menu';
import { db } from '@/utils/db';
import * as history from '@/utils/export/history-actions';
import * as runner from '@/utils/export/runner';
import { saveDestination } from '@/utils/s3/destinations';
import { jobRow, ZOOM_ORIGIN } from './engine/rows';

const LTI = 'https://eu-lti.bbcollab.com';
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjF9.c2lnbmF0dXJl';

const popup = (): Runtime.MessageSender => ({
  id: fakeBrowser.runtime.id,
  url: fakeBrowser.runtime.getURL('/popup.html'),
});
const optionsTab = (): Runtime.MessageSender => ({
  id: fakeBrowser.runtime.id,
  url: fakeBrowser.runtime.getURL('/options.html'),
  tab: { url: fakeBrowser.runtime.getURL('/options.html') } as Runtime.MessageSender['tab'],
});
const historyTab = (): Runtime.MessageSender => ({
  id: fakeBrowser.runtime.id,
  url: fakeBrowser.runtime.getURL('/exports.html#job=5'),
  tab: { url: fakeBrowser.runtime.getURL('/exports.html#job=5') } as Runtime.MessageSender['tab'],
});
const page = (url: string): Runtime.MessageSender => ({
  id: fakeBrowser.runtime.id,
  url,
  tab: { url } as Runtime.MessageSender['tab'],
});
const zoomPage = () => page(`${ZOOM_ORIGIN}/recording`);
const otherExtension = (): Runtime.MessageSender => ({ id: 'someone-else', url: 'chrome-extension://x/' });

const exportOf = (origin = ZOOM_ORIGIN) => ({
  type: 'export',
  site: 'zoom',
  destination: 'zip',
  origin,
  recordings: [{ id: 'm1', title: 'Lecture', startedAt: '2026-11-02T09:00:00Z', status: 'ready', columns: {} }],
});

const refused = { ok: false, error: { code: 'bad-request', detail: 'sender' } };

beforeEach(async () => {
  fakeBrowser.reset();
  await db.delete();
  await db.open();
  vi.restoreAllMocks();
  vi.spyOn(runner, 'startExport').mockResolvedValue(7);
  for (const stop of ['pauseExport', 'resumeExport', 'cancelExport'] as const) {
    vi.spyOn(runner, stop).mockResolvedValue(undefined);
  }
  vi.spyOn(history, 'retryFailedFiles').mockResolvedValue(8);
  vi.spyOn(history, 'deleteExport').mockResolvedValue(undefined);
});

describe('who may send what', () => {
  it('export: the extension pages; a page only for its own platform and address', async () => {
    expect(await handleCommand(exportOf(), popup())).toEqual({ ok: true, jobId: 7 });
    expect(await handleCommand(exportOf(), zoomPage())).toEqual({ ok: true, jobId: 7 });
    expect(await handleCommand(exportOf('https://eu01web.zoom.us'), zoomPage())).toEqual(refused);
    expect(await handleCommand(exportOf('https://evil.example'), page('https://evil.example/'))).toMatchObject({
      ok: false,
    });
    expect(await handleCommand(exportOf(), otherExtension())).toEqual(refused);
  });

  it.each(['pause', 'resume', 'cancel'] as const)(
    '%s: the extension pages; a page only for an export started from its own address',
    async (type) => {
      const zoomJob = await db.jobs.add(jobRow({ destination: 'zip' }));
      const collabJob = await db.jobs.add(jobRow({ destination: 'zip', site: 'collaborate', origin: LTI }));
      expect(await handleCommand({ type, jobId: collabJob }, popup())).toMatchObject({ ok: true });
      expect(await handleCommand({ type, jobId: zoomJob }, zoomPage())).toMatchObject({ ok: true });
      expect(await handleCommand({ type, jobId: collabJob }, zoomPage())).toEqual(refused);
      expect(await handleCommand({ type, jobId: 999 }, zoomPage())).toEqual(refused);
    },
  );

  it.each([
    ['retry-failed', 8],
    ['delete-export', 5],
  ] as const)('%s: only the extension pages (the history), never a platform page', async (type, answer) => {
    const jobId = await db.jobs.add(jobRow({ destination: 'zip', state: 'completed-with-failures' }));
    const asked = answer === 8 ? 8 : jobId;
    expect(await handleCommand({ type, jobId }, historyTab())).toEqual({ ok: true, jobId: asked });
    expect(await handleCommand({ type, jobId }, popup())).toEqual({ ok: true, jobId: asked });
    expect(await handleCommand({ type, jobId }, zoomPage())).toEqual(refused);
    expect(await handleCommand({ type, jobId }, otherExtension())).toEqual(refused);
    expect(await handleCommand({ type, jobId: 'x' }, historyTab())).toMatchObject({ ok: false });
  });

  it('site-token: only a page of that platform, for its own address; never an extension page', async () => {
    const token = { type: 'site-token', site: 'collaborate', origin: LTI, token: JWT };
    expect(await handleCommand(token, page(`${LTI}/collab/ui/scheduler/lti`))).toEqual({ ok: true });
    expect(await handleCommand(token, zoomPage())).toEqual(refused);
    expect(await handleCommand(token, popup())).toEqual(refused);
    expect(await handleCommand({ ...token, site: 'zoom', origin: ZOOM_ORIGIN }, zoomPage())).toEqual(refused);
  });

  it('list-destinations: everyone; a page is told names only, never buckets or prefixes', async () => {
    await saveDestination({
      name: 'Archive',
      bucket: 'secret-bucket',
      prefix: 'dept/x',
      region: 'eu-west-1',
      accessKeyId: 'AKIDEXAMPLE',
      secretAccessKey: 'secret',
    });
    const forPage = await handleCommand({ type: 'list-destinations' }, zoomPage());
    expect(JSON.stringify(forPage)).not.toMatch(/secret|dept|AKID/);
    expect(forPage).toMatchObject({ ok: true, destinations: [{ name: 'Archive' }] });
    const forPopup = await handleCommand({ type: 'list-destinations' }, popup());
    expect(forPopup).toMatchObject({ ok: true, destinations: [{ name: 'Archive', bucket: 'secret-bucket' }] });
    expect(JSON.stringify(forPopup)).not.toMatch(/AKID|"secret"/);
  });

  it('test-connection: the extension pages only (keys travel in it)', async () => {
    const test = { type: 'test-connection', destination: { name: 'x' } };
    expect(await handleCommand(test, zoomPage())).toEqual(refused);
    // From the options page it is tried (and here refused for the form's missing fields, not for its sender).
    expect(await handleCommand(test, optionsTab())).not.toEqual(refused);
  });

  it('ticked-count: a platform page only (it shows or hides the menu’s "ticked" entry for its own tab)', async () => {
    const noted = vi.spyOn(contextMenu, 'noteTicked').mockResolvedValue(undefined);
    const zoom = zoomPage();
    expect(await handleCommand({ type: 'ticked-count', count: 3 }, zoom)).toEqual({ ok: true });
    expect(noted).toHaveBeenCalledWith(zoom.tab, 3);
    expect(await handleCommand({ type: 'ticked-count', count: 3 }, page('https://evil.example/'))).toEqual(refused);
    expect(await handleCommand({ type: 'ticked-count', count: 3 }, popup())).toEqual(refused);
    expect(await handleCommand({ type: 'ticked-count', count: 3 }, otherExtension())).toEqual(refused);
    expect(await handleCommand({ type: 'ticked-count', count: -1 }, zoom)).toMatchObject({ ok: false });
    expect(await handleCommand({ type: 'ticked-count', count: '3' }, zoom)).toMatchObject({ ok: false });
    expect(noted).toHaveBeenCalledTimes(1);
  });

  it('open-history: the extension pages; a page’s bar only for an export started from its own address', async () => {
    const opened = vi.spyOn(fakeBrowser.tabs, 'create');
    const zoomJob = await db.jobs.add(jobRow({ destination: 'zip' }));
    const collabJob = await db.jobs.add(jobRow({ destination: 'zip', site: 'collaborate', origin: LTI }));
    expect(await handleCommand({ type: 'open-history', jobId: zoomJob }, zoomPage())).toEqual({
      ok: true,
      jobId: zoomJob,
    });
    expect(opened).toHaveBeenLastCalledWith({ url: fakeBrowser.runtime.getURL(`/exports.html#job=${zoomJob}`) });
    expect(await handleCommand({ type: 'open-history', jobId: collabJob }, popup())).toMatchObject({ ok: true });
    expect(await handleCommand({ type: 'open-history', jobId: collabJob }, zoomPage())).toEqual(refused);
    expect(await handleCommand({ type: 'open-history', jobId: zoomJob }, page('https://evil.example/'))).toEqual(
      refused,
    );
    expect(await handleCommand({ type: 'open-history', jobId: zoomJob }, otherExtension())).toEqual(refused);
    expect(await handleCommand({ type: 'open-history', jobId: '1' }, popup())).toMatchObject({ ok: false });
    expect(opened).toHaveBeenCalledTimes(2);
  });

  it('archived: the extension pages, and a platform page for its own platform and address only', async () => {
    await db.archive.put({
      key: `zip|zoom|m1|v1`,
      destination: 'zip',
      site: 'zoom',
      recordingId: 'm1',
      fileId: 'v1',
      kind: 'video',
      sizeBytes: 5,
      place: 'Lecture 1/video.mp4',
      recordingFileIds: ['v1'],
      archivedAt: 7,
      verifiedAt: 7,
      jobId: 1,
    });
    const ask = (origin: string, site = 'zoom') => ({ type: 'archived', site, origin, recordingIds: ['m1', 'm2'] });
    expect(await handleCommand(ask(ZOOM_ORIGIN), zoomPage())).toEqual({
      ok: true,
      archived: [{ id: 'm1', places: [{ destination: 'zip', at: 7, files: 1, complete: true, name: undefined }] }],
    });
    expect(await handleCommand(ask(ZOOM_ORIGIN), popup())).toMatchObject({ ok: true });
    // Another address than its own, another platform, another site, another extension: refused.
    expect(await handleCommand(ask('https://other.zoom.us'), zoomPage())).toEqual(refused);
    expect(await handleCommand(ask(ZOOM_ORIGIN, 'collaborate'), zoomPage())).toEqual(refused);
    expect(await handleCommand(ask('https://evil.example'), page('https://evil.example/'))).toEqual(refused);
    expect(await handleCommand(ask(ZOOM_ORIGIN), otherExtension())).toEqual(refused);
    expect(
      await handleCommand({ type: 'archived', site: 'zoom', origin: ZOOM_ORIGIN, recordingIds: [1] }, zoomPage()),
    ).toMatchObject({ ok: false });
  });

  it('new-files: a platform page for its own platform and address only; fields checked, at most 200 recordings', async () => {
    const ask = (origin = ZOOM_ORIGIN, site = 'zoom') => ({
      type: 'new-files',
      site,
      origin,
      destination: 'zip',
      recordings: exportOf().recordings,
      skippedFiles: ['transcript'],
    });
    // Nothing archived there: nothing listed, nothing new.
    expect(await handleCommand(ask(), zoomPage())).toEqual({ ok: true, newFiles: { byRecording: {}, unlisted: [] } });
    // The popup has no selection to count; another address, platform or extension: refused.
    expect(await handleCommand(ask(), popup())).toEqual(refused);
    expect(await handleCommand(ask('https://other.zoom.us'), zoomPage())).toEqual(refused);
    expect(await handleCommand(ask(ZOOM_ORIGIN, 'collaborate'), zoomPage())).toEqual(refused);
    expect(await handleCommand(ask('https://evil.example'), page('https://evil.example/'))).toEqual(refused);
    expect(await handleCommand(ask(), otherExtension())).toEqual(refused);
    const bad = (fields: Record<string, unknown>) => handleCommand({ ...ask(), ...fields }, zoomPage());
    expect(await bad({ destination: 's3:../x' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await bad({ skippedFiles: ['everything'] })).toMatchObject({ ok: false });
    expect(await bad({ recordings: [{ id: 1 }] })).toMatchObject({ ok: false });
    const many = Array.from({ length: 201 }, (_, index) => ({ ...exportOf().recordings[0], id: `m${index}` }));
    expect(await bad({ recordings: many })).toMatchObject({ ok: false, error: { detail: 'recordings' } });
  });

  it('open-notify-settings: the extension pages and a platform page’s bar; never another site', async () => {
    const open = { type: 'open-notify-settings' };
    const opened = vi.spyOn(fakeBrowser.tabs, 'create');
    expect(await handleCommand(open, zoomPage())).toEqual({ ok: true });
    expect(await handleCommand(open, page(`${LTI}/collab/ui/scheduler/lti`))).toEqual({ ok: true });
    expect(await handleCommand(open, popup())).toEqual({ ok: true });
    expect(opened).toHaveBeenLastCalledWith({ url: fakeBrowser.runtime.getURL('/options.html#notify') });
    expect(await handleCommand(open, page('https://evil.example/'))).toEqual(refused);
    expect(await handleCommand(open, otherExtension())).toEqual(refused);
    expect(opened).toHaveBeenCalledTimes(3);
  });

  it('archived with verifyIn: the extension pages, and a page for its own platform and address', async () => {
    const verify = { type: 'archived', site: 'collaborate', origin: LTI, recordingIds: [], verifyIn: 'zip' };
    const verified = { ok: true, archived: [], verification: { verified: [], notVerified: [] } };
    expect(await handleCommand(verify, page(`${LTI}/collab/ui/scheduler/lti`))).toEqual(verified);
    expect(await handleCommand(verify, popup())).toEqual(verified);
    expect(await handleCommand(verify, zoomPage())).toEqual(refused);
    expect(await handleCommand(verify, page('https://evil.example/'))).toEqual(refused);
    expect(await handleCommand({ ...verify, verifyIn: 's3:../x' }, popup())).toMatchObject({ ok: false });
    expect(await handleCommand({ ...verify, verifyIn: 7 }, popup())).toMatchObject({ ok: false });
    // The command this one replaced is no command any more.
    expect(await handleCommand({ ...verify, type: 'cleanup-verify', destination: 'zip' }, popup())).toMatchObject({
      ok: false,
    });
  });

  it('cleanup-delete: only a page of a platform Reclaim deletes on, for its own address; never Zoom', async () => {
    const remove = {
      type: 'cleanup-delete',
      site: 'collaborate',
      origin: LTI,
      destination: 'zip',
      recordingIds: ['0123456789abcdef0123456789abcdef'],
      confirmedCount: 1,
    };
    // Allowed to ask, then refused by the handler: deleting is off by default.
    expect(await handleCommand(remove, page(`${LTI}/collab/ui/scheduler/lti`))).toEqual({
      ok: false,
      error: { code: 'bad-request', detail: 'deleting is off' },
    });
    expect(await handleCommand(remove, popup())).toEqual(refused);
    expect(await handleCommand(remove, page('https://eu-lti.bbcollab.com.evil.example/'))).toEqual(refused);
    const zoom = { ...remove, site: 'zoom', origin: ZOOM_ORIGIN };
    expect(await handleCommand(zoom, zoomPage())).toEqual(refused);
    expect(await handleCommand({ ...remove, confirmedCount: 0 }, page(LTI))).toMatchObject({ ok: false });
  });
});
