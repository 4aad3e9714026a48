/**
 * The one seeded random generator (mulberry32) behind every shuffle, split and synthetic
 * corpus, so that training, evaluation and benchmarks repeat exactly across machines.
 * @example const random = seededRandom(13); random() // a number in [0, 1), the same on every run
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
