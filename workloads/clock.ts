/**
 * The one clock of every worker and of the host: CLOCK_MONOTONIC in ms. Unlike performance.now() (whose
 * origin differs per thread) it is the same clock in every thread and every process of this machine, so GIL
 * spans, demo lanes and run timestamps from different workers line up without conversion.
 */
export function monoNow(): number {
  const [s, ns] = process.hrtime();
  return s * 1e3 + ns / 1e6;
}
