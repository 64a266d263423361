/**
 * A small seeded pseudo-random generator (mulberry32), so that generated test and benchmark data is
 * the same on every run: each call of the returned function gives the next number in [0, 1).
 *
 * @example
 * const r = seededRandom(20260130);
 * const answer = r() < 0.8 ? 'はい' : 'いいえ'; // the same on every run
 */
export function seededRandom(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
