import { describe, expect, it } from 'vitest';
import { MODELS, validateExperiment } from '../../../electron/common/config';
import { LabError } from '../../../electron/common/errors';
import type { UserWorkloadRecord } from '../../../electron/common/user-workload';
import { formToInput, initialForm } from '../../../renderer/state/builder';
import {
  catalogWith,
  formRestoring,
  formWithOwn,
  openError,
  refuseBeforeReading,
  unfitModels,
} from '../../../renderer/state/own-workload';
import { workloadCatalog } from '../../../workloads/registry';

const MACHINE = { logicalCores: 2 } as Parameters<typeof initialForm>[0]['machine'];

const JS: UserWorkloadRecord = {
  file: 'my-kernel.mjs',
  language: 'js',
  sha256: '0'.repeat(64),
  meta: {
    name: 'my-kernel',
    kind: 'cpu',
    units: 8,
    params: { n: { default: 20000, min: 1, max: 10_000_000, description: 'numbers per unit' } },
    title: 'My kernel',
  },
};
const PY: UserWorkloadRecord = {
  ...JS,
  file: 'other_kernel.py',
  language: 'python',
  meta: { ...JS.meta, name: 'other-kernel', params: {} },
};

describe('own workload: before reading', () => {
  it('refuses a file that is not .mjs or .py, or is too large, naming it; passes one that may be read', () => {
    expect(refuseBeforeReading('notes.txt', 10)).toMatch(/^notes\.txt: .*must be a \.mjs .* or \.py/);
    expect(refuseBeforeReading('big.py', 1024 * 1024 + 1)).toBe(
      'big.py: is 1048577 bytes; a workload file may have at most 1048576 (1 MiB)',
    );
    expect(refuseBeforeReading('k.mjs', 1024 * 1024)).toBeNull();
    expect(refuseBeforeReading('k.py', 0)).toBeNull();
  });
});

describe('own workload: the engine refusing', () => {
  it("keeps the engine's message when it names the file, and puts the name in front otherwise", () => {
    const engine = new LabError('invalid-config', "bad.mjs: bad meta: meta.kind must be 'cpu' or 'io'", [
      { field: 'bad.mjs: meta.kind', message: "must be 'cpu' or 'io'" },
    ]);
    expect(openError('bad.mjs', engine)).toBe("bad.mjs: bad meta: meta.kind must be 'cpu' or 'io'");
    const args = LabError.invalid([{ field: 'openWorkloadFile(args[1])', message: 'must be at most 1 MiB' }]);
    expect(openError('k.py', args)).toBe('k.py: openWorkloadFile(args[1]) must be at most 1 MiB');
    expect(openError('k.py', new Error('the connection to the engine was lost'))).toBe(
      'k.py: the connection to the engine was lost',
    );
  });
});

describe('own workload: the builder once a file is open', () => {
  const catalog = workloadCatalog();
  const start = initialForm({ workloads: catalog, machine: MACHINE });

  it('offers it, chosen alone with its defaults, on its language models, as an experiment the engine accepts', () => {
    const form = formWithOwn(start, JS, null);
    const offered = catalogWith(catalog, JS);
    expect(offered.at(-1)).toMatchObject({ name: 'my-kernel', title: 'My kernel', kind: 'cpu' });
    expect(offered.at(-1)?.params.map((p) => [p.name, p.min, p.max, p.default])).toEqual([
      ['n', 1, 10_000_000, 20000],
    ]);
    const built = formToInput(form, offered);
    expect(built.issues).toEqual([]);
    expect(built.order).toEqual(['my-kernel']);
    expect(built.input.workloads).toEqual([{ name: 'my-kernel', params: { n: 20000 } }]);
    // The CLI's default for a .mjs file, the baseline left to the engine.
    expect(built.input.models).toEqual(['threads', 'processes', 'gil']);
    // As the engine validates it once the file is opened (prepareExperiment adds the same catalog entry).
    expect(() => validateExperiment(built.input, offered)).not.toThrow();
    expect(() => validateExperiment(built.input, catalog)).toThrow(LabError);
  });

  it('replaces a file opened before, and a Python file takes the Python models', () => {
    const form = formWithOwn(formWithOwn(start, JS, null), PY, JS);
    expect(form.workloads['my-kernel']).toBeUndefined();
    expect(form.workloads['other-kernel']).toEqual({ on: true, params: {} });
    expect(form.workloads.primes?.on).toBe(false);
    expect(form.models).toEqual(['py-threads', 'py-processes']);
    const built = formToInput(form, catalogWith(catalog, PY));
    expect(built.input.workloads).toEqual([{ name: 'other-kernel', params: {} }]);
  });

  it('restores a file the engine still holds as opened, or only offers it where the form came from a report', () => {
    expect(formRestoring(start, JS, false)).toEqual(formWithOwn(start, JS, null));
    const fromReport = formRestoring(start, JS, true);
    expect(fromReport.workloads['my-kernel']).toEqual({ on: false, params: { n: '20000' } });
    expect(fromReport.models).toEqual(start.models);
    expect(formToInput(fromReport, catalogWith(catalog, JS)).input.workloads).toEqual(
      formToInput(start, catalog).input.workloads,
    );
    // A form that already names it (the person chose it since) is left alone.
    const chosen = formWithOwn(start, JS, null);
    expect(formRestoring(chosen, JS, false)).toBe(chosen);
  });

  it("marks the other language's models as not fitting while the file is chosen, with the engine's reason", () => {
    const form = formWithOwn(start, PY, null);
    const unfit = unfitModels(PY, form, MODELS);
    expect(Object.keys(unfit)).toEqual(['sequential', 'threads', 'processes', 'async', 'gil']);
    expect(unfit.threads).toMatch(/^other_kernel\.py is Python: it runs on py-sequential, .* only$/);
    const off = { ...form, workloads: { ...form.workloads, 'other-kernel': { on: false, params: {} } } };
    expect(unfitModels(PY, off, MODELS)).toEqual({});
    expect(unfitModels(null, form, MODELS)).toEqual({});
  });
});
