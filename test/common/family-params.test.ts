/**
 * Per-family sizes: `workloads[i].pythonParams`, validated like params (errors name the field), filled in
 * whenever a py-* model runs, and by default shrunk beside Node models so both families' units last about as
 * long (CPU-bound kernels by the workload's Python slowdown; waiting and native hashing not at all).
 */
import { describe, expect, it } from 'vitest';
import {
  paramsOfFamily,
  pythonDefaults,
  validateExperiment,
  type ExperimentConfigInput,
} from '../../electron/common/config';
import { workloadSizeText } from '../../electron/common/format';
import { getWorkload, workloadCatalog } from '../../workloads/registry';
import { EXPORTERS } from '../../electron/common/export/index';
import type { Report } from '../../electron/common/report';
import { parseReport } from '../../electron/common/report-parse';
import { loadSample } from '../fixtures/reports/fixtures';
import { configIssues } from '../support/configs';

/** An exporter's output as text (JSON, Markdown and HTML are text). */
const textOf = (out: string | Uint8Array): string =>
  typeof out === 'string' ? out : new TextDecoder().decode(out);

const catalog = workloadCatalog();

const issues = (input: ExperimentConfigInput): string[] => configIssues(input);

const both = (workloads: ExperimentConfigInput['workloads']): ExperimentConfigInput => ({
  workloads,
  models: ['threads', 'py-threads'],
  workers: [1, 2],
});

describe('pythonParams', () => {
  it('beside Node models, shrinks a CPU-bound unit by the Python slowdown and leaves waiting alone', () => {
    const c = validateExperiment(
      both([
        { name: 'primes', params: { units: 16, span: 40_000 } },
        { name: 'sleep', params: { units: 8, ms: 20 } },
        { name: 'matmul', params: { n: 512 } },
      ]),
      catalog,
    );
    const slowdown = getWorkload('primes').size?.pythonSlowdown ?? 0;
    expect(slowdown).toBeGreaterThan(1);
    expect(c.workloads[0]?.pythonParams).toEqual({ units: 16, span: Math.round(40_000 / slowdown) });
    expect(c.workloads[1]?.pythonParams).toEqual({ units: 8, ms: 20 });
    // A matrix side: the work grows as n^3, so the side shrinks by the cube root of the slowdown.
    const matmul = getWorkload('matmul').size;
    expect(c.workloads[2]?.pythonParams?.n).toBe(Math.round(512 / (matmul?.pythonSlowdown ?? 1) ** (1 / 3)));
  });

  it('keeps a shrunk size within the parameter bounds', () => {
    const c = validateExperiment(both([{ name: 'primes', params: { span: 1_000 } }]), catalog);
    expect(c.workloads[0]?.pythonParams?.span).toBe(1_000);
  });

  it('takes the given values over the defaults, name by name', () => {
    const c = validateExperiment(
      both([{ name: 'primes', params: { units: 16, span: 40_000 }, pythonParams: { span: 3_000 } }]),
      catalog,
    );
    expect(c.workloads[0]?.pythonParams).toEqual({ units: 16, span: 3_000 });
    expect(paramsOfFamily(c.workloads[0] ?? { params: {} }, 'python')).toEqual({ units: 16, span: 3_000 });
    expect(paramsOfFamily(c.workloads[0] ?? { params: {} }, 'node')).toEqual({ units: 16, span: 40_000 });
  });

  it('in a Python-only run means the sizes it names: no shrinking', () => {
    const c = validateExperiment(
      { workloads: [{ name: 'primes', params: { span: 5_000 } }], models: ['py-threads'], workers: [2] },
      catalog,
    );
    expect(c.workloads[0]?.pythonParams?.span).toBe(5_000);
  });

  it('is absent without a py-* model, and refused there by name', () => {
    const c = validateExperiment(
      { workloads: [{ name: 'primes' }], models: ['threads'], workers: [2] },
      catalog,
    );
    expect(c.workloads[0]?.pythonParams).toBeUndefined();
    expect(
      issues({
        workloads: [{ name: 'primes', pythonParams: { span: 2_000 } }],
        models: ['threads'],
        workers: [2],
      }),
    ).toEqual(['workloads[0].pythonParams: is only used with a py-* model']);
  });

  it('names the field of a bad value or an unknown name', () => {
    expect(issues(both([{ name: 'sleep' }, { name: 'primes', pythonParams: { span: 10 } }]))).toEqual([
      'workloads[1].pythonParams.span: must be at least 1000',
    ]);
    expect(issues(both([{ name: 'primes', pythonParams: { bogus: 1 } }]))).toEqual([
      'workloads[0].pythonParams.bogus: is not a parameter of primes (known: units, span)',
    ]);
    expect(issues(both([{ name: 'primes', pythonParams: { span: 1_500.5 } }]))).toEqual([
      'workloads[0].pythonParams.span: must be a whole number',
    ]);
    expect(
      issues(both([{ name: 'primes', pythonParams: { span: 'x' } as unknown as Record<string, number> }])),
    ).toEqual(['workloads[0].pythonParams.span: must be a number']);
  });

  it('leaves 0 ("measure it here") and workloads without a size as they are', () => {
    const meta = catalog.find((w) => w.name === 'primes');
    if (!meta) throw new Error('no primes');
    expect(pythonDefaults(meta, { units: 4, span: 0 })).toEqual({ units: 4, span: 0 });
    const mixed = catalog.find((w) => w.name === 'mixed');
    if (!mixed) throw new Error('no mixed');
    expect(pythonDefaults(mixed, { units: 4, unitMs: 40 })).toEqual({ units: 4, unitMs: 40 });
  });

  it('is stated beside the Node size in the report text', () => {
    expect(workloadSizeText({ name: 'primes', params: { units: 16, span: 20_000 } })).toBe(
      'primes (units=16, span=20000)',
    );
    expect(
      workloadSizeText({
        name: 'primes',
        params: { units: 16, span: 20_000 },
        pythonParams: { units: 16, span: 1_000 },
      }),
    ).toBe('primes (Node: units=16, span=20000; Python: units=16, span=1000)');
    expect(
      workloadSizeText({ name: 'sleep', params: { units: 8, ms: 20 }, pythonParams: { units: 8, ms: 20 } }),
    ).toBe('sleep (units=8, ms=20; the same in Python)');
  });
});

describe('a report with per-family sizes', () => {
  const withSizes = (): Report => {
    const r = loadSample();
    return {
      ...r,
      config: {
        ...r.config,
        workloads: r.config.workloads.map((w) => ({ ...w, pythonParams: { ...w.params, units: 3 } })),
      },
    };
  };

  it('round-trips through JSON export and import, and an older report without them still opens', () => {
    const report = withSizes();
    const back = parseReport(textOf(EXPORTERS.json.export(report)), 'round-trip');
    expect(back).toEqual(report);
    expect(back.config.workloads[0]?.pythonParams?.units).toBe(3);
    expect(loadSample().config.workloads[0]?.pythonParams).toBeUndefined();
  });

  it('states the size each family ran in the Markdown and HTML exports', () => {
    const report = withSizes();
    const expected = workloadSizeText(report.config.workloads[0] ?? { name: '', params: {} });
    expect(expected).toContain('Python: ');
    for (const format of ['md', 'html'] as const)
      expect(textOf(EXPORTERS[format].export(report)), format).toContain(expected);
  });
});
