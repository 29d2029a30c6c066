/** What race, lock and atomics measure: one shared counter, incremented by several threads. */

/** One run of the shared-counter experiment. */
export interface CounterRun {
  readonly expected: number;
  readonly actual: number;
  readonly lost: number;
  readonly ms: number;
}

export type CounterMode = 'unsynchronised' | 'lock' | 'atomic';

/** The same increments done another way, for comparison (times are medians over the runs). */
export interface CounterComparison {
  readonly mode: CounterMode;
  readonly medianMs: number;
  readonly exactRuns: number;
  readonly runs: number;
}

export interface CounterDetails {
  readonly kind: 'race' | 'lock' | 'atomics';
  readonly mode: CounterMode;
  readonly threads: number;
  readonly iterations: number;
  /** spin steps between the read and the write (the window another thread can slip into) */
  readonly window: number;
  readonly runs: readonly CounterRun[];
  /** lost updates grouped into equal ranges, for a histogram */
  readonly histogram: readonly {
    readonly fromLost: number;
    readonly toLost: number;
    readonly runs: number;
  }[];
  readonly comparisons: readonly CounterComparison[];
}
