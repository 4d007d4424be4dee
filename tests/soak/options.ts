// What a soak run is asked to do, from `--name=value` arguments or SOAK_* environment variables (arguments win):
// `npm run soak -- --minutes=2 --destinations=zip,s3`, or `SOAK_MINUTES=2 npm run soak`.

export type Destination = 'zip' | 'folder' | 's3';

export interface SoakOptions {
  /** How long one export should last at the least, per destination; the media rate is steered to it. */
  minutes: number;
  destinations: Destination[];
  /** Zoom meetings in the portal (60 give some 330 files); processing ones are skipped, not counted. */
  meetings: number;
  /** About how big each meeting's main video is: small, so that many files fit in the minutes asked. */
  mediaBytes: number;
  /**
   * S3 only: one more file this big (0: none), sent in parts. Not for ZIP: a ZIP volume in progress is written
   * again after every worker stop, so a volume that takes longer than the time between stops never ends.
   */
  bigFileBytes: number;
  /** ZIP volumes of this many MB: an export spans several, and each ends well between two worker stops. */
  volumeMB: number;
  seed: number;
  /** A one-off fault on the platform every so many seconds. */
  faultEverySec: number;
  /** A stall a fifth of the way in, then every so many seconds (0: none; each costs the extension a minute). */
  stallEverySec: number;
  /** The browser stops the extension's worker every so many seconds. */
  workerStopEverySec: number;
  /** Show the browser (a display is needed). */
  headed: boolean;
}

const DESTINATIONS: readonly Destination[] = ['zip', 'folder', 's3'];

export const DEFAULTS: SoakOptions = {
  minutes: 15,
  destinations: ['zip', 'folder', 's3'],
  meetings: 60,
  mediaBytes: 400_000,
  bigFileBytes: 10 * 1024 * 1024,
  volumeMB: 4,
  seed: 13,
  faultEverySec: 20,
  stallEverySec: 300,
  workerStopEverySec: 180,
  headed: false,
};

function settingsFrom(args: readonly string[], env: NodeJS.ProcessEnv): Map<string, string> {
  const found = new Map<string, string>();
  for (const [name, value] of Object.entries(env)) {
    if (name.startsWith('SOAK_') && value !== undefined) found.set(name.slice(5).toLowerCase(), value);
  }
  for (const arg of args) {
    const match = /^--([a-z-]+)(?:=(.*))?$/i.exec(arg);
    if (!match) throw new Error(`not an option: ${arg} (options look like --minutes=2)`);
    found.set((match[1] as string).toLowerCase().replaceAll('-', ''), match[2] ?? 'true');
  }
  return found;
}

function numberOf(text: string, name: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} wants a number, not "${text}"`);
  return value;
}

export function readOptions(args: readonly string[] = process.argv.slice(2), env = process.env): SoakOptions {
  const options: SoakOptions = { ...DEFAULTS };
  const numeric: Record<string, keyof SoakOptions> = {
    minutes: 'minutes',
    meetings: 'meetings',
    mediabytes: 'mediaBytes',
    bigfilebytes: 'bigFileBytes',
    volumemb: 'volumeMB',
    seed: 'seed',
    faulteverysec: 'faultEverySec',
    stalleverysec: 'stallEverySec',
    workerstopeverysec: 'workerStopEverySec',
  };
  for (const [name, text] of settingsFrom(args, env)) {
    const key = numeric[name.replaceAll('_', '')];
    if (key) (options as unknown as Record<string, number>)[key] = numberOf(text, name);
    else if (name === 'destinations') options.destinations = parseDestinations(text);
    else if (name === 'headed') options.headed = text !== '0' && text !== 'false';
    else throw new Error(`unknown option --${name}`);
  }
  if (options.minutes <= 0) throw new Error('--minutes must be more than 0');
  return options;
}

function parseDestinations(text: string): Destination[] {
  const list = text.split(',').map((name) => name.trim().toLowerCase());
  for (const name of list) {
    if (!DESTINATIONS.includes(name as Destination)) throw new Error(`unknown destination "${name}" (zip, folder, s3)`);
  }
  return list as Destination[];
}
