import { v7 as uuidv7 } from 'uuid';

/**
 * A seeded PRNG (mulberry32): the demo must come out the same on every machine and in
 * every test run, so screenshots and assertions can rely on it.
 */
export function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => {
    const item = items[Math.floor(next() * items.length)];
    if (item === undefined) throw new Error('pick() from an empty list');
    return item;
  };
  /**
   * A UUIDv7 stamped with `msecs` whose random part comes from this PRNG, so demo ids
   * are deterministic and still sort by creation like every other id.
   */
  const id = (msecs: number): string => {
    const bytes = new Uint8Array(16);
    for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(next() * 256);
    return uuidv7({ msecs, random: bytes });
  };
  return { next, int, pick, id };
}

export type Random = ReturnType<typeof createRandom>;
