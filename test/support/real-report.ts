/**
 * A real, tiny experiment run by the engine for the renderer tests: the charts and the reducer are tested
 * against what the lab actually measures and emits, not against hand-made numbers.
 */
import type { LabEvent } from '../../electron/common/api';
import type { Report } from '../../electron/common/report';
import { runExperiment } from '../../electron/lab/runner/runner';

export interface RealRun {
  readonly report: Report;
  /** every event in the order the engine emitted it */
  readonly events: readonly LabEvent[];
}

export const TINY_CONFIG = {
  label: 'renderer test',
  workloads: [
    { name: 'primes', params: { units: 4, span: 2000 } },
    { name: 'sleep', params: { units: 4, ms: 5 } },
  ],
  models: ['threads', 'processes', 'async', 'gil'],
  workers: [1, 2],
  repeat: 1,
  warmup: 0,
  seed: 7,
} as const;

export async function realRun(): Promise<RealRun> {
  const events: LabEvent[] = [];
  const report = await runExperiment(TINY_CONFIG, { onEvent: (e) => events.push(e), sampleCpu: false });
  return { report, events };
}
