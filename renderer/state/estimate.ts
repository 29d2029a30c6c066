/**
 * The estimate shown before a run (builder and headline): the experiment as the engine would validate it,
 * priced by electron/common/estimate from this machine's history. Nothing here guesses a fixed figure.
 */
import type { HistoryEntrySummary, LabInfo } from '../../electron/common/api';
import {
  validateExperiment,
  type ExperimentConfig,
  type ExperimentConfigInput,
} from '../../electron/common/config';
import { estimateExperiment, type RunTimings } from '../../electron/common/estimate';
import { workloadSizeText } from '../../electron/common/format';

export interface RunEstimate {
  /** "about 14 s, from your last run of primes and sleep" */
  readonly text: string;
  /** the size each family will run, e.g. "primes (Node: units=16, span=20000; Python: units=16, span=1000)" */
  readonly sizes: string;
}

/** The timings of runs made on this lab (not imported reports, which may come from another machine), newest first. */
export function historyTimings(entries: readonly HistoryEntrySummary[] | null): RunTimings[] {
  return (entries ?? []).flatMap((e) => (e.source === 'run' && e.timings ? [e.timings] : []));
}

/** The estimate of an experiment, or null while it is not valid (the engine will name what is wrong). */
export function estimateRun(
  input: ExperimentConfigInput,
  info: Pick<LabInfo, 'workloads' | 'machine'>,
  history: readonly RunTimings[],
): RunEstimate | null {
  let config: ExperimentConfig;
  try {
    config = validateExperiment(input, info.workloads);
  } catch {
    return null;
  }
  const estimate = estimateExperiment({
    config,
    catalog: info.workloads,
    logicalCores: info.machine.logicalCores,
    history,
  });
  return { text: estimate.text, sizes: config.workloads.map(workloadSizeText).join('; ') };
}
