/**
 * The headline with and without Python: real CPython's baseline, threads and processes join the Node models
 * where an interpreter runs them, each family at its own size; without one the run is as before, and the
 * estimate shown before it comes from the same config.
 */
import { describe, expect, it } from 'vitest';
import type { PythonInfo } from '../../../electron/common/api';
import { validateExperiment } from '../../../electron/common/config';
import { workloadCatalog } from '../../../workloads/registry';
import {
  HEADLINE_MODELS,
  HEADLINE_PYTHON_MODELS,
  headlineConfig,
  headlineHasPython,
} from '../../../renderer/state/headline';
import { estimateRun } from '../../../renderer/state/estimate';
import { loadSample } from '../../fixtures/reports/fixtures';
import { PYTHON_FOUND } from '../../support/fake-lab';

const FOUND = PYTHON_FOUND;
const MISSING: PythonInfo = {
  interpreters: [],
  reason: 'no Python found (tried python3, python)',
  unavailable: Object.fromEntries(HEADLINE_PYTHON_MODELS.map((m) => [m, 'no Python found'])),
};

describe('the headline and Python', () => {
  it('includes Python only where an interpreter runs its models', () => {
    expect(headlineHasPython(FOUND)).toBe(true);
    expect(headlineHasPython(MISSING)).toBe(false);
    // Still probing: run as before rather than wait.
    expect(headlineHasPython(null)).toBe(false);
  });

  it('with Python: the py-* models beside the Node ones, Python primes at a smaller size, sleep the same', () => {
    for (const size of ['quick', 'full'] as const) {
      const config = validateExperiment(headlineConfig(2, size, true), workloadCatalog());
      expect(config.models).toEqual([...HEADLINE_MODELS, ...HEADLINE_PYTHON_MODELS]);
      const [primes, sleep] = config.workloads;
      expect(primes?.pythonParams?.span).toBeLessThan(primes?.params.span ?? 0);
      expect(primes?.pythonParams?.units).toBe(primes?.params.units);
      expect(sleep?.pythonParams).toEqual(sleep?.params);
    }
  });

  it('without Python: the Node models only, with no Python sizes', () => {
    const config = validateExperiment(headlineConfig(2, 'quick', false), workloadCatalog());
    expect(config.models).toEqual([...HEADLINE_MODELS]);
    expect(config.workloads.every((w) => w.pythonParams === undefined)).toBe(true);
  });

  it('has an estimate before it runs, saying what it is based on and the size each family runs', () => {
    const info = { workloads: workloadCatalog(), machine: { ...loadSample().machine, logicalCores: 2 } };
    const rough = estimateRun(headlineConfig(2, 'quick', true), info, []);
    expect(rough?.text).toMatch(/^about \d+ s, rough: no run of primes and sleep yet$/);
    expect(rough?.sizes).toMatch(/^primes \(Node: units=16, span=20000; Python: units=16, span=\d+\); sleep/);
    expect(estimateRun({ workloads: [], models: [], workers: [] }, info, [])).toBeNull();
  });
});
