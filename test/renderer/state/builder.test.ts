import { beforeAll, describe, expect, it } from 'vitest';
import type { Machine } from '../../../electron/common/report';
import { runPolicy, validateExperiment } from '../../../electron/common/config';
import { LabError } from '../../../electron/common/errors';
import { machineInfo } from '../../../electron/lab/measure/machine';
import { workloadCatalog } from '../../../workloads/registry';
import {
  formFromConfig,
  formToInput,
  initialForm,
  parseWorkerList,
  type BuilderForm,
} from '../../../renderer/state/builder';
import { headlineConfig } from '../../../renderer/state/headline';
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

describe('builder run policy', () => {
  const catalog = () => workloadCatalog();
  const info = () => ({ workloads: catalog(), machine });
  const adaptive = (patch: Partial<BuilderForm> = {}): BuilderForm => ({
    ...initialForm(info()),
    runPolicy: 'adaptive',
    ...patch,
  });

  it('starts with a fixed number of runs, and the adaptive fields at the engine’s defaults', () => {
    const form = initialForm(info());
    expect(form.runPolicy).toBe('fixed');
    expect([form.minRuns, form.maxRuns, form.targetCiPct, form.minTimeMs]).toEqual(['5', '15', '5', '200']);
    const built = formToInput(form, catalog());
    expect(built.input).not.toHaveProperty('targetCiPct');
    expect(built.input.repeat).toBe(3);
  });

  it('"until the interval is tight" sends min runs, max runs and the target instead of repetitions', () => {
    // what was typed into the hidden Repetitions field is neither sent nor judged
    const built = formToInput(adaptive({ repeat: 'lots' }), catalog());
    expect(built.issues).toEqual([]);
    expect(built.input).toMatchObject({ minRuns: 5, maxRuns: 15, targetCiPct: 5 });
    expect(built.input).not.toHaveProperty('repeat');
    const config = validateExperiment(built.input, catalog());
    expect(runPolicy(config)).toEqual({ minRuns: 5, maxRuns: 15, targetCiPct: 5 });
  });

  it('puts the engine’s own messages on the field they name', () => {
    const cases: [Partial<BuilderForm>, string, string][] = [
      [{ minRuns: '2' }, 'minRuns', 'must be at least 3'],
      [{ minRuns: '6', maxRuns: '4' }, 'maxRuns', 'must be at least minRuns (6)'],
      [{ maxRuns: '1001' }, 'maxRuns', 'must be at most 1000'],
      [{ targetCiPct: '0' }, 'targetCiPct', 'must be at least 0.1'],
      [{ targetCiPct: '51' }, 'targetCiPct', 'must be at most 50'],
    ];
    for (const [patch, field, message] of cases) {
      const built = formToInput(adaptive(patch), catalog());
      expect(built.issues).toEqual([]);
      const issues = engineIssues(built.input)?.issues ?? [];
      expect(issues, JSON.stringify(patch)).toEqual([{ field, message }]);
      expect(issuesFor(issues, field, built.order)).toHaveLength(1);
    }
    expect(fieldTitle('minRuns', [])).toBe('Min runs (minRuns)');
    expect(fieldTitle('maxRuns', [])).toBe('Max runs (maxRuns)');
    expect(fieldTitle('targetCiPct', [])).toBe('Target interval (targetCiPct)');
  });

  it('catches text where a number belongs in the adaptive fields before sending', () => {
    const built = formToInput(adaptive({ targetCiPct: 'tight', maxRuns: '' }), catalog());
    expect(built.issues).toEqual([
      { field: 'maxRuns', message: 'must be a number' },
      { field: 'targetCiPct', message: "'tight' is not a number" },
    ]);
  });

  /** The builder's part of a config: what a form can give back. */
  const builderPart = (c: ReturnType<typeof validateExperiment>) => ({
    label: c.label,
    workloads: c.workloads,
    models: c.models,
    workers: c.workers,
    policy: runPolicy(c),
    minTimeMs: c.minTimeMs,
    warmup: c.warmup,
    switchIntervalMs: c.switchIntervalMs,
  });

  it('round-trips a report’s adaptive config: re-opened, it shows the policy and starts the same experiment', () => {
    const config = validateExperiment(
      { ...headlineConfig(machine.logicalCores, 'full'), minRuns: 4, maxRuns: 9, targetCiPct: 2.5 },
      catalog(),
    );
    const form = formFromConfig(config, info());
    expect(form.runPolicy).toBe('adaptive');
    expect([form.minRuns, form.maxRuns, form.targetCiPct, form.minTimeMs]).toEqual(['4', '9', '2.5', '200']);
    expect(form.workloads.primes?.on).toBe(true);
    expect(form.workloads.sleep?.on).toBe(true);
    const again = validateExperiment(formToInput(form, catalog()).input, catalog());
    expect(builderPart(again)).toEqual(builderPart(config));
  });

  it('round-trips an adaptive config without calibration: an empty field, and one job a run again', () => {
    const config = validateExperiment(
      { workloads: [{ name: 'primes' }], models: ['threads'], workers: [2], targetCiPct: 5 },
      catalog(),
    );
    const form = formFromConfig(config, info());
    expect(form.minTimeMs).toBe('');
    const input = formToInput(form, catalog()).input;
    expect(input).not.toHaveProperty('minTimeMs');
    expect(builderPart(validateExperiment(input, catalog()))).toEqual(builderPart(config));
  });

  it('sends a typed calibration, and names it when it is not a number', () => {
    const form = {
      ...formFromConfig(
        validateExperiment(
          { workloads: [{ name: 'primes' }], models: ['threads'], workers: [2], targetCiPct: 5 },
          catalog(),
        ),
        info(),
      ),
      minTimeMs: ' 150 ',
    };
    expect(formToInput(form, catalog()).input).toMatchObject({ minTimeMs: 150 });
    expect(formToInput({ ...form, minTimeMs: 'long' }, catalog()).issues).toEqual([
      { field: 'minTimeMs', message: "'long' is not a number" },
    ]);
  });

  it('round-trips a fixed config, and fills the adaptive fields with the defaults for a switch', () => {
    const config = validateExperiment(
      {
        label: 'mine',
        workloads: [{ name: 'sleep', params: { units: 4, ms: 3 } }],
        models: ['threads', 'async'],
        workers: [1, 3],
        repeat: 7,
        warmup: 0,
        switchIntervalMs: 0.5,
      },
      catalog(),
    );
    const form = formFromConfig(config, info());
    expect(form.runPolicy).toBe('fixed');
    expect(form.repeat).toBe('7');
    expect([form.minRuns, form.maxRuns, form.targetCiPct]).toEqual(['5', '15', '5']);
    expect(form.workloads.primes?.on).toBe(false);
    const again = validateExperiment(formToInput(form, catalog()).input, catalog());
    expect(builderPart(again)).toEqual(builderPart(config));
    expect(again.repeat).toBe(7);
  });

  it('round-trips the size Python ran at, keeping only what differs from the default for a later edit', () => {
    const config = validateExperiment(
      {
        workloads: [
          { name: 'primes', params: { units: 4, span: 8000 }, pythonParams: { span: 3000 } },
          { name: 'sleep', params: { units: 4, ms: 3 } },
        ],
        models: ['threads', 'py-threads'],
        workers: [1, 2],
      },
      catalog(),
    );
    const form = formFromConfig(config, info());
    // Python's span was chosen; its units follow Node's, as the engine defaults them.
    expect(form.workloads.primes?.pythonParams).toEqual({ span: '3000' });
    expect(form.workloads.sleep?.pythonParams).toBeUndefined();
    const again = validateExperiment(formToInput(form, catalog()).input, catalog());
    expect(builderPart(again)).toEqual(builderPart(config));
  });

  it('round-trips the size a Python-only run ran at', () => {
    const config = validateExperiment(
      {
        workloads: [{ name: 'primes', params: { units: 4, span: 8000 }, pythonParams: { span: 3000 } }],
        models: ['py-sequential', 'py-threads'],
        workers: [2],
      },
      catalog(),
    );
    expect(config.workloads[0]?.pythonParams).toMatchObject({ span: 3000 });
    const again = validateExperiment(formToInput(formFromConfig(config, info()), catalog()).input, catalog());
    expect(again.workloads.map((w) => w.pythonParams)).toEqual(config.workloads.map((w) => w.pythonParams));
  });

  it('leaves out a workload this lab does not know', () => {
    const config = validateExperiment(headlineConfig(2, 'quick'), catalog());
    const form = formFromConfig(
      { ...config, workloads: [...config.workloads, { name: 'user-file', params: {} }] },
      info(),
    );
    expect(form.workloads['user-file']).toBeUndefined();
    expect(formToInput(form, catalog()).order).toEqual(['primes', 'sleep']);
  });
});
