// A seeded generator, so the whole dataset is a pure function of its options: the same seed gives the same
// recordings, ids and bytes on every machine, and a failing test can be replayed.

export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max] (both inclusive). */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  bytes(count: number): Buffer;
  /** A separate generator for one part of the dataset, so adding to one part never shifts another. */
  fork(label: string): Random;
}

export function makeRandom(seed: number): Random {
  // mulberry32
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b_79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const random: Random = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (probability) => next() < probability,
    pick: (items) => {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    },
    bytes: (count) => {
      const out = Buffer.alloc(count);
      for (let i = 0; i < count; i++) out[i] = Math.floor(next() * 256);
      return out;
    },
    fork: (label) => {
      let h = seed >>> 0;
      for (const char of label) h = Math.imul(h ^ (char.codePointAt(0) ?? 0), 0x0100_0193) >>> 0;
      return makeRandom(h);
    },
  };
  return random;
}

/** URL-safe id text (base64url alphabet) of `length` characters. */
export function urlSafeId(random: Random, length: number): string {
  return random.bytes(length).toString('base64url').slice(0, length);
}

export function hexId(random: Random, length: number): string {
  return random
    .bytes(Math.ceil(length / 2))
    .toString('hex')
    .slice(0, length);
}

/** The main video size for one recording: the `mediaBytes` knob ±20%, or 300 KB–1.5 MB by default. */
export function mainVideoBytes(next: () => number, mediaBytes: number | undefined): number {
  if (mediaBytes === undefined) return 300_000 + Math.floor(next() * 1_200_000);
  return Math.max(1, Math.round(mediaBytes * (0.8 + 0.4 * next())));
}
