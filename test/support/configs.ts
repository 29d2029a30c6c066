import { validateExperiment, type ExperimentConfig } from '../../electron/common/config';
import { LabError } from '../../electron/common/errors';
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

/** What the validator says about an input, as `field: message` lines ([] when it is valid). */
export function configIssues(input: unknown): string[] {
  try {
    validateExperiment(input, workloadCatalog());
  } catch (err) {
    if (err instanceof LabError) return err.issues.map((i) => `${i.field}: ${i.message}`);
    throw err;
  }
  return [];
}
