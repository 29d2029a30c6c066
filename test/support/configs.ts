import { validateExperiment, type ExperimentConfig } from '../../electron/common/config';
import { workloadCatalog } from '../../workloads/registry';

/** A validated experiment over primes and sleep on two models at three worker counts; `extra` overrides. */
export function validConfig(extra: object = {}): ExperimentConfig {
  return validateExperiment(
    {
      workloads: [{ name: 'primes' }, { name: 'sleep' }],
      models: ['threads', 'gil'],
      workers: [1, 2, 4],
      ...extra,
    },
    workloadCatalog(),
  );
}
