/**
 * The demos' clock: CLOCK_MONOTONIC in ms. Unlike performance.now() (whose origin differs per thread) it is
 * the same clock in every thread and every process of this machine, so spans from different workers line up.
 */
export function monoNow(): number {
  const [s, ns] = process.hrtime();
  return s * 1e3 + ns / 1e6;
}
