// The soak (tests/soak, `npm run soak`) cut down to a minute: one ZIP export of some 40 files with resets, 503
// bursts and a 429 the whole time, the Zoom session ending once (Resume after signing in), the worker stopped
// and the browser restarted — then every file must be in the ZIPs once, byte for byte, as the history says.
// No stall here: each costs the extension its idle minute, which the full soak spends.
import { expect, it } from 'vitest';
import { DEFAULTS } from '../soak/options.ts';
import { soakLine, soakNotes } from '../soak/report.ts';
import { soakOne } from '../soak/run.ts';

it('a one-minute soak of a ZIP export saves every file once, whole, as its history says', async () => {
  process.env.PLAYWRIGHT_DISABLE_SERVICE_WORKER_NETWORK = '1';
  const result = await soakOne(
    {
      ...DEFAULTS,
      minutes: 1,
      destinations: ['zip'],
      meetings: 7,
      bigFileBytes: 0,
      volumeMB: 2,
      faultEverySec: 8,
      stallEverySec: 0,
    },
    'zip',
  );
  console.log([soakLine(result), ...soakNotes(result)].join('\n'));
  expect(result.reasons).toEqual([]);
});
