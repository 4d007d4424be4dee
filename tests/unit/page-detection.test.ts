import { describe, expect, it } from 'vitest';
import { detectPage } from '@/utils/sites/registry';

describe('which platform page a URL is', () => {
  it.each([
    ['https://zoom.us/recording', 'zoom', 'list'],
    ['https://us06web.zoom.us/recording', 'zoom', 'list'],
    ['https://us02web.zoom.us/recording/', 'zoom', 'list'],
    ['https://us06web.zoom.us/recording?p=2', 'zoom', 'list'],
    ['https://uni-example.zoom.us/recording#top', 'zoom', 'list'],
    ['https://us06web.zoom.us/recording/management', 'zoom', 'admin-list'],
    ['https://us06web.zoom.us/recording/detail?meeting_id=abc%2Fdef%3D%3D', 'zoom', 'detail'],
    ['https://zoom.us/recording/management/detail?meeting_id=x', 'zoom', 'detail'],
    ['https://eu-lti.bbcollab.com/collab/ui/scheduler/lti?token=eyJ', 'collaborate', 'scheduler'],
    ['https://us.bbcollab.com/collab/ui/scheduler/session', 'collaborate', 'scheduler'],
    ['https://techpreview-lti.bbcollab.com/collab/ui/scheduler/lti', 'collaborate', 'scheduler'],
  ])('%s is %s %s', (url, site, kind) => {
    expect(detectPage(url)).toEqual({ site, kind });
  });

  it.each([
    'http://us06web.zoom.us/recording',
    'https://zoom.us.evil.example/recording',
    'https://evilzoom.us/recording',
    'https://us06web.zoom.us/recordings',
    'https://us06web.zoom.us/recording/detail',
    'https://us06web.zoom.us/meeting',
    'https://us06web.zoom.us/',
    'https://example.com/recording',
    'https://eu.bbcollab.com/collab/api/csa/recordings',
    'https://bbcollab.com.evil.example/collab/ui/scheduler/lti',
    'https://xx.bbcollab.com/collab/ui/scheduler/lti',
    'not a url',
    '',
  ])('%s is no recording page', (url) => {
    expect(detectPage(url)).toBeNull();
  });
});
