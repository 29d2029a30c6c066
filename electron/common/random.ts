/**
 * A small seeded pseudo-random number generator. Statistics that resample (the bootstrap) must give the same
 * answer for the same seed, so a saved report can be recomputed and tests can pin exact numbers; Math.random
 * cannot be seeded, so it is not used anywhere a result depends on it.
 */

/**
 * Returns a generator of numbers in [0, 1) that is deterministic for `seed` (mulberry32: 32 bits of state,
 * fast, and good enough for resampling; not for cryptography).
 *
 * `seed` must be a safe integer. It is reduced modulo 2^32, so seeds that differ by a multiple of 2^32 give
 * the same sequence.
 *
 * @throws RangeError when `seed` is not a safe integer.
 */
export function createRng(seed: number): () => number {
  // A fractional or non-finite seed would be silently truncated to some other seed; refuse it instead.
  if (!Number.isSafeInteger(seed)) {
    throw new RangeError(`The random seed must be a whole number, got ${String(seed)}.`);
  }
  let state = seed >>> 0;
  return () => {
    // mulberry32 (Tommy Ettinger): a Weyl sequence step followed by an integer mix.
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    // Dividing the 32-bit result by 2^32 gives [0, 1): 1 itself is never returned.
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
