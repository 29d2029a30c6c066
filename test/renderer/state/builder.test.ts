import { beforeAll, describe, expect, it } from 'vitest';
import type { Machine } from '../../../electron/common/report';
import { validateExperiment } from '../../../electron/common/config';
import { LabError } from '../../../electron/common/errors';
import { machineInfo } from '../../../electron/lab/measure/machine';
import { workloadCatalog } from '../../../workloads/registry';
import { formToInput, initialForm, parseWorkerList } from '../../../renderer/state/builder';
import { fieldKeyOf, fieldTitle, issuesFor, toErrorView } from '../../../renderer/state/errors';

let machine: Machine;
beforeAll(async () => {
  machine = await machineInfo();
});

/** What the engine says about a builder form, exactly as startExperiment would reject it. */
function engineIssues(input: unknown) {
  try {
    validateExperiment(input, workloadCatalog());
    return null;
  } catch (err) {
    expect(err).toBeInstanceOf(LabError);
    return toErrorView(err);
  }
}

describe('builder form', () => {
  it('starts from a valid experiment the engine accepts', () => {
    const form = initialForm({ workloads: workloadCatalog(), machine });
    const built = formToInput(form, workloadCatalog());
    expect(built.issues).toEqual([]);
    expect(built.order).toEqual(['primes']);
    expect(engineIssues(built.input)).toBeNull();
  });

  it('hides fault-injection workloads', () => {
    const form = initialForm({ workloads: workloadCatalog(), machine });
    const hidden = workloadCatalog().filter((w) => w.hidden);
    expect(hidden.length).toBeGreaterThan(0);
    for (const w of hidden) expect(form.workloads[w.name]).toBeUndefined();
  });

  it('sends out-of-range numbers for the engine to judge, and maps its issues back to the fields', () => {
    const form = initialForm({ workloads: workloadCatalog(), machine });
    const withSleep = {
      ...form,
      workloads: { ...form.workloads, sleep: { on: true, params: { units: '4', ms: '-3' } } },
    };
    const built = formToInput(withSleep, workloadCatalog());
    expect(built.issues).toEqual([]);
    expect(built.order).toEqual(['primes', 'sleep']);
    const error = engineIssues(built.input);
    expect(error?.issues).toEqual([{ field: 'workloads[1].params.ms', message: 'must be at least 0' }]);
    const issues = error?.issues ?? [];
    expect(issuesFor(issues, 'param:sleep:ms', built.order)).toHaveLength(1);
    expect(issuesFor(issues, 'param:primes:ms', built.order)).toHaveLength(0);
    expect(fieldTitle('workloads[1].params.ms', built.order)).toBe('sleep ms (workloads[1].params.ms)');
  });

  it("sends Python's own unit size only beside Node models, and maps the engine's issue back to it", () => {
    const form = initialForm({ workloads: workloadCatalog(), machine });
    const primes = { on: true, params: { units: '8', span: '20000' }, pythonParams: { span: '500' } };
    const typed = { ...form, workloads: { ...form.workloads, primes } };
    // Python models alone: the sizes typed are Python's, so there is no separate field to send.
    expect(formToInput({ ...typed, models: ['py-threads'] }, workloadCatalog()).input.workloads[0]).toEqual({
      name: 'primes',
      params: { units: 8, span: 20_000 },
    });
    const built = formToInput({ ...typed, models: ['threads', 'py-threads'] }, workloadCatalog());
    expect(built.input.workloads[0]).toEqual({
      name: 'primes',
      params: { units: 8, span: 20_000 },
      pythonParams: { span: 500 },
    });
    const error = engineIssues(built.input);
    expect(error?.issues).toEqual([
      { field: 'workloads[0].pythonParams.span', message: 'must be at least 1000' },
    ]);
    expect(issuesFor(error?.issues ?? [], 'pyparam:primes:span', built.order)).toHaveLength(1);
    expect(issuesFor(error?.issues ?? [], 'param:primes:span', built.order)).toHaveLength(0);
    expect(fieldTitle('workloads[0].pythonParams.span', built.order)).toBe(
      'primes Python span (workloads[0].pythonParams.span)',
    );
    // Left empty: the engine's default, Node's size shrunk for CPython.
    const empty = { ...primes, pythonParams: { span: ' ' } };
    const auto = formToInput(
      { ...typed, workloads: { ...form.workloads, primes: empty }, models: ['threads', 'py-threads'] },
      workloadCatalog(),
    );
    expect(auto.input.workloads[0]).toEqual({ name: 'primes', params: { units: 8, span: 20_000 } });
  });

  it('names worker count issues by index', () => {
    const form = initialForm({ workloads: workloadCatalog(), machine });
    const built = formToInput({ ...form, workers: '1, 2, 999' }, workloadCatalog());
    const issues = engineIssues(built.input)?.issues ?? [];
    expect(issues).toEqual([{ field: 'workers[2]', message: 'must be at most 256' }]);
    expect(fieldKeyOf('workers[2]', [])).toBe('workers');
    expect(fieldTitle('workers[2]', [])).toBe('Worker counts (workers[2])');
  });

  it('catches only what cannot be sent: text where a number belongs', () => {
    const issues: { field: string; message: string }[] = [];
    expect(parseWorkerList('1, 2;4  8', issues)).toEqual([1, 2, 4, 8]);
    expect(issues).toEqual([]);
    parseWorkerList('1, lots', issues);
    expect(issues).toEqual([{ field: 'workers[1]', message: "'lots' is not a number" }]);
    const form = initialForm({ workloads: workloadCatalog(), machine });
    const built = formToInput({ ...form, repeat: '' }, workloadCatalog());
    expect(built.issues).toEqual([{ field: 'repeat', message: 'must be a number' }]);
  });

  it('a plain Error becomes a message without field issues', () => {
    expect(toErrorView(new Error('socket closed'))).toEqual({ message: 'socket closed', issues: [] });
    expect(toErrorView('nope')).toEqual({ message: 'nope', issues: [] });
  });
});
