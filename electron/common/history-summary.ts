/** The history list's model, shared by the engine's store and the LabApi contract. Pure TypeScript. */
import type { Model } from './config';
import type { RunTimings } from './estimate';
import type { Report } from './report';

/** The best speedup one model reached in a run. */
export interface BestSpeedup {
  readonly model: Model;
  readonly workload: string;
  readonly workers: number;
  readonly speedup: number;
}

/** One line of the history list. */
export interface HistorySummary {
  readonly id: string;
  /** 'incomplete' also for a run that a crash or kill cut short; 'corrupt' when the file cannot be read */
  readonly status: Report['status'] | 'corrupt';
  /** true while this store is recording the run */
  readonly running: boolean;
  readonly createdAt: string | null;
  readonly finishedAt: string | null;
  readonly label: string;
  readonly machine: string | null;
  readonly workloads: readonly string[];
  readonly models: readonly Model[];
  readonly cells: number;
  readonly failedCells: number;
  /** per model other than the sequential baseline, its best speedup */
  readonly best: readonly BestSpeedup[];
  /** what this run measured of unit and start-up times, for estimates of the next run (absent when corrupt) */
  readonly timings?: RunTimings;
  /** why a corrupt entry cannot be read */
  readonly error: string | null;
  readonly modifiedAt: string;
  readonly sizeBytes: number;
}
