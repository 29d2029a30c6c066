/**
 * Comparing two reports: for every (workload, model, workers) cell measured in both, the ratio of median
 * wall times and two-sample tests on the raw times (Mann-Whitney U, which suits skewed timings, and Welch's t
 * as a second opinion), with a verdict in plain words. Small samples are said to be small rather than
 * silently called "no difference": with 3 runs a side even a real 2x gap cannot reach p < 0.05. A cell whose
 * figures cannot be computed (times so large that sums overflow to Infinity) is marked 'not-computable' with
 * the reason, and every other cell's verdict stands.
 */
import type { Model } from './config';
import type { Machine, Report, ResultEntry } from './report';
import { mannWhitneyU, welchT } from './stats';
import { interpreterName } from './format';

/** Significance level of every verdict. */
export const COMPARE_ALPHA = 0.05;
/** Fewer runs a side than this and a verdict is flagged as not confident. */
export const COMPARE_MIN_RUNS = 5;

export type CompareVerdict = 'a-faster' | 'b-faster' | 'no-difference' | 'insufficient' | 'not-computable';

/** One cell present in both reports. */
export interface CompareCell {
  readonly workload: string;
  readonly model: Model;
  readonly workers: number;
  readonly medianA: number;
  readonly medianB: number;
  /** medianB / medianA: how many times faster A is (below 1: B is faster); NaN when not computable */
  readonly ratio: number;
  readonly nA: number;
  readonly nB: number;
  /** null when a side has no runs or the test could not be computed */
  readonly mannWhitney: { readonly u: number; readonly p: number } | null;
  /** null when a side has fewer than two runs or the test could not be computed */
  readonly welch: { readonly t: number; readonly df: number; readonly p: number } | null;
  readonly verdict: CompareVerdict;
  /** why the verdict is 'not-computable' (or why Welch's t is missing); null when everything was computed */
  readonly reason: string | null;
  /** fewer than COMPARE_MIN_RUNS runs on a side: the verdict is not confident */
  readonly smallSample: boolean;
  /** the verdict in words, e.g. "threads × 2 on A are 1.4x faster than on B (p < 0.01)" */
  readonly text: string;
}

/** Speedup of one model against workers in one report (from that report's own baseline). */
export interface SpeedupPoint {
  readonly workers: number;
  readonly speedup: number;
  readonly ciLow: number;
  readonly ciHigh: number;
}

/** Both reports' speedup series for one workload and model, for an overlay chart. */
export interface OverlaySeries {
  readonly workload: string;
  readonly model: Model;
  readonly a: readonly SpeedupPoint[];
  readonly b: readonly SpeedupPoint[];
}

/** A verdict over every compared cell of one model. */
export interface ModelVerdict {
  readonly model: Model;
  readonly cells: number;
  /** geometric mean of the cells' ratios (medianB / medianA) */
  readonly geomeanRatio: number;
  readonly aFaster: number;
  readonly bFaster: number;
  readonly noDifference: number;
  readonly insufficient: number;
  readonly notComputable: number;
  readonly text: string;
}

export interface ReportSide {
  readonly id: string;
  readonly label: string;
  readonly createdAt: string;
  readonly machine: string;
  readonly status: Report['status'];
}

export interface Comparison {
  readonly a: ReportSide;
  readonly b: ReportSide;
  readonly alpha: number;
  readonly cells: readonly CompareCell[];
  readonly models: readonly ModelVerdict[];
  /** the one-line summary over every cell */
  readonly overall: string;
  /** cells measured in only one report, as `workload/model×workers` */
  readonly onlyInA: readonly string[];
  readonly onlyInB: readonly string[];
  /** things that make the comparison less direct: other machine, other parameters, incomplete report */
  readonly notes: readonly string[];
  readonly overlay: readonly OverlaySeries[];
}

/** `p < 0.001`, `p < 0.01`, `p = 0.031`, `p = 0.31`. */
export function formatP(p: number): string {
  if (p < 0.001) return 'p < 0.001';
  if (p < 0.01) return 'p < 0.01';
  if (p < 0.1) return `p = ${p.toFixed(3)}`;
  return `p = ${p.toFixed(2)}`;
}

const key = (r: { workload: string; model: string; workers: number }) =>
  `${r.workload}/${r.model}×${r.workers}`;
const times = (r: ResultEntry) => r.wallMs?.raw ?? [];
const x = (v: number) => `${v >= 10 ? v.toFixed(0) : v.toFixed(1)}x`;

function side(r: Report): ReportSide {
  const m = r.machine;
  return {
    id: r.id,
    label: r.config.label,
    createdAt: r.createdAt,
    machine: `${m.cpuModel}, ${m.logicalCores} logical cores, ${m.os.platform} ${m.os.arch}, Node ${m.node}`,
    status: r.status,
  };
}

/** The value of `fn`, or the reason it could not be computed (a thrown error or a non-finite figure). */
function attempt<T>(what: string, fn: () => T, figures: (v: T) => readonly number[]): T | string {
  try {
    const v = fn();
    return figures(v).every(Number.isFinite) ? v : `${what} is not computable (a figure overflows)`;
  } catch (err) {
    return `${what} is not computable (${err instanceof Error ? err.message : String(err)})`;
  }
}

function compareCell(ra: ResultEntry, rb: ResultEntry): CompareCell | null {
  const a = times(ra);
  const b = times(rb);
  if (!ra.wallMs || !rb.wallMs || a.length === 0 || b.length === 0) return null;
  const medianA = ra.wallMs.median;
  const medianB = rb.wallMs.median;
  const ratio = medianA > 0 ? medianB / medianA : medianB > 0 ? Infinity : 1;
  const name = `${ra.workload} / ${ra.model} × ${ra.workers}`;
  const base = { workload: ra.workload, model: ra.model, workers: ra.workers, medianA, medianB };
  const nA = a.length;
  const nB = b.length;
  const smallSample = nA < COMPARE_MIN_RUNS || nB < COMPARE_MIN_RUNS;
  const mw = attempt(
    'the Mann-Whitney U test',
    () => mannWhitneyU(a, b),
    (r) => [r.u, r.p],
  );
  const problem = !Number.isFinite(ratio)
    ? `the ratio of the medians (${medianB} / ${medianA}) is not a finite number`
    : typeof mw === 'string'
      ? mw
      : null;
  if (problem !== null || typeof mw === 'string')
    return {
      ...base,
      ratio: NaN,
      nA,
      nB,
      mannWhitney: null,
      welch: null,
      verdict: 'not-computable',
      reason: problem,
      smallSample,
      text: `${name}: not computable (${problem})`,
    };
  const welchOrWhy =
    nA >= 2 && nB >= 2
      ? attempt(
          "Welch's t-test",
          () => welchT(a, b),
          (r) => [r.t, r.df, r.p],
        )
      : null;
  const welch = typeof welchOrWhy === 'string' ? null : welchOrWhy;
  let verdict: CompareVerdict;
  let text: string;
  if (nA < 2 || nB < 2) {
    verdict = 'insufficient';
    text = `${name}: too few runs to test (n = ${nA} and ${nB}); medians differ ${x(Math.max(ratio, 1 / ratio))}`;
  } else if (mw.p < COMPARE_ALPHA) {
    verdict = ratio >= 1 ? 'a-faster' : 'b-faster';
    const [fast, slow, by] = ratio >= 1 ? ['A', 'B', ratio] : ['B', 'A', 1 / ratio];
    text = `${name} on ${fast} are ${x(by)} faster than on ${slow} (${formatP(mw.p)})`;
  } else {
    verdict = 'no-difference';
    text = `${name}: no significant difference (${formatP(mw.p)})`;
  }
  if (welch && verdict !== 'insufficient' && welch.p < COMPARE_ALPHA !== mw.p < COMPARE_ALPHA)
    text += `; Welch's t-test disagrees (${formatP(welch.p)})`;
  if (typeof welchOrWhy === 'string') text += `; ${welchOrWhy}`;
  if (smallSample && verdict !== 'insufficient')
    text += ` — only ${nA} and ${nB} runs: too few for a confident verdict, measure ${COMPARE_MIN_RUNS} or more`;
  return {
    ...base,
    ratio,
    nA,
    nB,
    mannWhitney: { u: mw.u, p: mw.p },
    welch,
    verdict,
    reason: typeof welchOrWhy === 'string' ? welchOrWhy : null,
    smallSample,
    text,
  };
}

function geomean(values: readonly number[]): number {
  const finite = values.filter((v) => Number.isFinite(v) && v > 0);
  if (!finite.length) return 1;
  return Math.exp(finite.reduce((s, v) => s + Math.log(v), 0) / finite.length);
}

interface Tally {
  readonly geomeanRatio: number;
  readonly aFaster: number;
  readonly bFaster: number;
  readonly noDifference: number;
  readonly insufficient: number;
  readonly notComputable: number;
}

function tally(cells: readonly CompareCell[]): Tally {
  const count = (v: CompareVerdict) => cells.filter((c) => c.verdict === v).length;
  return {
    geomeanRatio: geomean(cells.map((c) => c.ratio)),
    aFaster: count('a-faster'),
    bFaster: count('b-faster'),
    noDifference: count('no-difference'),
    insufficient: count('insufficient'),
    notComputable: count('not-computable'),
  };
}

/** "threads on A are 1.4x faster than on B (...)", or with no subject "A is 1.4x faster than B (...)". */
function tallyText(subject: string | null, t: Tally, cells: readonly CompareCell[]): string {
  const n = cells.length;
  const lead = subject ? `${subject}: ` : '';
  const faster = (fast: string, slow: string, by: number, sig: number) =>
    (subject
      ? `${subject} on ${fast} are ${x(by)} faster than on ${slow}`
      : `${fast} is ${x(by)} faster than ${slow}`) +
    ` (geometric mean of ${n} cells; ${sig} of ${n} significant at p < ${COMPARE_ALPHA})`;
  const tested = n - t.insufficient - t.notComputable;
  const gm = `geometric mean of the ratios: A ${t.geomeanRatio.toFixed(2)}x as fast as B`;
  let text: string;
  if (tested === 0)
    text = t.notComputable === n ? `${lead}no cell could be computed` : `${lead}too few runs to test`;
  else if (t.aFaster * 2 > tested && t.bFaster === 0) text = faster('A', 'B', t.geomeanRatio, t.aFaster);
  else if (t.bFaster * 2 > tested && t.aFaster === 0) text = faster('B', 'A', 1 / t.geomeanRatio, t.bFaster);
  else if (t.aFaster + t.bFaster === 0)
    text = `${lead}no significant difference in any of ${n} cells (${gm})`;
  else
    text =
      `${lead}A faster in ${t.aFaster}, B faster in ${t.bFaster}, no significant difference in ` +
      `${t.noDifference} of ${n} cells (${gm})`;
  if (t.notComputable)
    text += ` — ${t.notComputable} of ${n} cells not computable (their figures overflow); the rest stand`;
  const small = cells.filter((c) => c.smallSample && c.verdict !== 'not-computable').length;
  if (small)
    text += ` — ${small} of ${n} cells have under ${COMPARE_MIN_RUNS} runs a side, too few for a confident verdict`;
  return text;
}

function modelVerdict(model: Model, cells: readonly CompareCell[]): ModelVerdict {
  const t = tally(cells);
  return { model, cells: cells.length, ...t, text: tallyText(model, t, cells) };
}

function series(r: Report, workload: string, model: Model): SpeedupPoint[] {
  return r.results
    .filter((e) => e.workload === workload && e.model === model && e.speedup)
    .sort((p, q) => p.workers - q.workers)
    .map((e) => ({
      workers: e.workers,
      speedup: e.speedup?.median ?? 0,
      ciLow: e.speedup?.ciLow ?? 0,
      ciHigh: e.speedup?.ciHigh ?? 0,
    }));
}

/**
 * How the two machines' conditions differed (pyperf's metadata): "A ran on battery, B on mains". A condition
 * one side did not record or could not read is not compared: unknown is not a difference.
 */
export function machineRemarks(a: Machine, b: Machine): string[] {
  const remarks: string[] = [];
  const power = (onBattery: boolean) => (onBattery ? 'on battery' : 'on mains');
  if (a.onBattery != null && b.onBattery != null && a.onBattery !== b.onBattery)
    remarks.push(`A ran ${power(a.onBattery)}, B ${power(b.onBattery)}`);
  if (a.governor != null && b.governor != null && a.governor !== b.governor)
    remarks.push(`governor differs: ${a.governor} vs ${b.governor}`);
  if (a.virtualMachine != null && b.virtualMachine != null && a.virtualMachine !== b.virtualMachine)
    remarks.push(a.virtualMachine ? 'A was a VM, B was not' : 'B was a VM, A was not');
  const la = a.loadAverage?.oneMin;
  const lb = b.loadAverage?.oneMin;
  // Load averages wander by a few tenths on an idle machine; only a gap of half a core or more is worth a word.
  if (la != null && lb != null && Math.abs(la - lb) >= 0.5)
    remarks.push(`load average at start ${la.toFixed(1)} vs ${lb.toFixed(1)}`);
  const fa = a.cpuFrequency?.maxMhz;
  const fb = b.cpuFrequency?.maxMhz;
  if (fa != null && fb != null && fa !== fb) remarks.push(`maximum CPU clock ${fa} MHz vs ${fb} MHz`);
  return remarks;
}

/**
 * Which py-* models ran on a different Python in A than in B: "py-threads: A used CPython 3.11.7, B CPython
 * 3.13.0t free-threaded, GIL disabled". Models grouped by the pair they differ in. A side with no `python`
 * record (older reports) or that did not run the model is not compared: unknown is not a difference.
 */
export function interpreterRemarks(a: Report, b: Report): string[] {
  const byModel = (r: Report) =>
    new Map(
      (r.python?.interpreters ?? []).flatMap((i) => i.models.map((m) => [m, interpreterName(i)] as const)),
    );
  const ia = byModel(a);
  const ib = byModel(b);
  const pairs = new Map<string, { a: string; b: string; models: string[] }>();
  for (const [model, na] of ia) {
    const nb = ib.get(model);
    if (nb === undefined || nb === na) continue;
    const key = `${na}\u0000${nb}`;
    const pair = pairs.get(key) ?? { a: na, b: nb, models: [] };
    pair.models.push(model);
    pairs.set(key, pair);
  }
  return [...pairs.values()].map((p) => `${p.models.join(', ')}: A used ${p.a}, B ${p.b}`);
}

function notesOf(a: Report, b: Report): string[] {
  const notes: string[] = [];
  const sa = side(a);
  const sb = side(b);
  if (sa.machine !== sb.machine) notes.push(`different machines: A ran on ${sa.machine}; B on ${sb.machine}`);
  notes.push(...machineRemarks(a.machine, b.machine));
  notes.push(...interpreterRemarks(a, b));
  const wa = a.userWorkload;
  const wb = b.userWorkload;
  if (wa && wb && wa.meta.name === wb.meta.name && wa.sha256 !== wb.sha256)
    notes.push(
      `${wa.meta.name}: A and B ran different versions of the workload file (${wa.file} ${wa.sha256.slice(0, 12)}, ${wb.file} ${wb.sha256.slice(0, 12)})`,
    );
  for (const wa of a.config.workloads) {
    const wb = b.config.workloads.find((w) => w.name === wa.name);
    if (wb && JSON.stringify(wa.params) !== JSON.stringify(wb.params))
      notes.push(`${wa.name} ran with different parameters: the times measure different amounts of work`);
    // Python's own size (absent in older reports: Python then ran params) matters only where both ran Python.
    else if (
      wb &&
      wa.pythonParams &&
      wb.pythonParams &&
      JSON.stringify(wa.pythonParams) !== JSON.stringify(wb.pythonParams)
    )
      notes.push(
        `${wa.name} ran Python at different sizes: the Python times measure different amounts of work`,
      );
  }
  if (a.config.switchIntervalMs !== b.config.switchIntervalMs)
    notes.push(
      `different GIL switch intervals (${a.config.switchIntervalMs} ms and ${b.config.switchIntervalMs} ms)`,
    );
  for (const [n, r] of [
    ['A', a],
    ['B', b],
  ] as const)
    if (r.status !== 'complete')
      notes.push(`report ${n} is ${r.status}: only the runs that finished are compared`);
  return notes;
}

/** Compares report A with report B cell by cell. Pure and deterministic. */
export function compareReports(a: Report, b: Report): Comparison {
  const inB = new Map(b.results.map((r) => [key(r), r]));
  const inA = new Set(a.results.map(key));
  const cells: CompareCell[] = [];
  for (const ra of a.results) {
    const rb = inB.get(key(ra));
    const c = rb ? compareCell(ra, rb) : null;
    if (c) cells.push(c);
  }
  const models = [...new Set(cells.map((c) => c.model))].map((m) =>
    modelVerdict(
      m,
      cells.filter((c) => c.model === m),
    ),
  );
  const overlayKeys = [...new Set(cells.map((c) => `${c.workload}\u0000${c.model}`))];
  const overlay = overlayKeys.map((k) => {
    const [workload = '', model = 'sequential'] = k.split('\u0000') as [string, Model];
    return { workload, model, a: series(a, workload, model), b: series(b, workload, model) };
  });
  return {
    a: side(a),
    b: side(b),
    alpha: COMPARE_ALPHA,
    cells,
    models,
    overall: cells.length ? tallyText(null, tally(cells), cells) : 'no cell was measured in both reports',
    onlyInA: a.results.filter((r) => !inB.has(key(r))).map(key),
    onlyInB: b.results.filter((r) => !inA.has(key(r))).map(key),
    notes: notesOf(a, b),
    overlay,
  };
}
