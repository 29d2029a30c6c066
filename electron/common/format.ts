/**
 * Number formatting for labels, tables, tooltips and the CLI: short, with units, readable from a distance.
 * One place, so a demo metric reads the same in the app and in the terminal.
 */
import type { ExperimentConfig } from './config';
import type { DemoMetric } from './demos';
import type { Interpreter, Machine, PythonRun, ResultEntry } from './report';
import type { UserWorkloadRecord } from './user-workload';

export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(2)} ms`;
}

/** A setting as the user typed it: "5 ms", "0.5 ms", without padding zeros. */
export function formatInterval(ms: number): string {
  return `${Number(ms.toPrecision(4))} ms`;
}

/** "about 12 s left" style durations. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${String(s % 60).padStart(2, '0')} s`;
}

export function formatSpeedup(x: number): string {
  return `${x.toFixed(2)}×`;
}

export function formatPct(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v >= 10 || i === 0 ? v.toFixed(0) : v.toFixed(1)} ${units[i]}`;
}

/**
 * The machine's recorded conditions as label/value rows, for the machine panel and the HTML, Markdown and
 * terminal reports alike. A condition an older report did not record has no row; one this machine would not
 * say reads "unknown".
 */
export function machineConditionRows(m: Machine): [string, string][] {
  const known = <T>(v: T | null, text: (v: T) => string) => (v === null ? 'unknown' : text(v));
  const mhz = (v: number | null) => known(v, (x) => `${Math.round(x)} MHz`);
  const rows: [string, string][] = [];
  const f = m.cpuFrequency;
  if (f)
    rows.push([
      'CPU clock',
      f.currentMhz === null && f.minMhz === null && f.maxMhz === null
        ? 'unknown'
        : `${mhz(f.currentMhz)} at start (range ${mhz(f.minMhz)} – ${mhz(f.maxMhz)})`,
    ]);
  if (m.governor !== undefined) rows.push(['Governor', known(m.governor, (g) => g)]);
  if (m.onBattery !== undefined)
    rows.push(['Power', known(m.onBattery, (b) => (b ? 'on battery' : 'mains'))]);
  if (m.loadAverage !== undefined)
    rows.push([
      'Load average at start',
      known(m.loadAverage, (l) => [l.oneMin, l.fiveMin, l.fifteenMin].map((x) => x.toFixed(2)).join(', ')),
    ]);
  if (m.virtualMachine !== undefined)
    rows.push(['Virtual machine', known(m.virtualMachine, (v) => (v ? 'yes' : 'no'))]);
  return rows;
}

/** What an interpreter says of itself, whether the lab found it (LabInfo) or a report's py-* models ran on it. */
type InterpreterFacts = Pick<
  Interpreter,
  'implementation' | 'version' | 'gilEnabled' | 'freeThreadedBuild' | 'executable'
>;

/** "CPython 3.11.7", "CPython 3.13.0t free-threaded, GIL disabled": the interpreter in a few words. */
export function interpreterName(i: InterpreterFacts): string {
  const build = i.freeThreadedBuild ? ` free-threaded, GIL ${i.gilEnabled ? 'enabled' : 'disabled'}` : '';
  return `${i.implementation} ${i.version}${build}`;
}

/** "CPython 3.11.2, GIL enabled (free-threaded build): /usr/bin/python3" */
export function describeInterpreter(i: InterpreterFacts): string {
  const gil = i.gilEnabled ? 'GIL enabled' : 'GIL disabled';
  const build = i.freeThreadedBuild ? ' (free-threaded build)' : '';
  return `${i.implementation} ${i.version}, ${gil}${build}: ${i.executable}`;
}

/** The Python side of a report as label/value rows (unescaped): who ran which py-* models, and what could not run. */
export function pythonRunRows(python: PythonRun): [string, string][] {
  return [
    ...python.interpreters.map((i): [string, string] => [
      `Python for ${i.models.join(', ')}`,
      describeInterpreter(i),
    ]),
    ...python.unavailable.map((u): [string, string] => [`Not run: ${u.models.join(', ')}`, u.reason]),
  ];
}

/** The user's own workload a report measured, as label/value rows (unescaped: the file and meta are anyone's). */
export function userWorkloadRows(w: UserWorkloadRecord): [string, string][] {
  const m = w.meta;
  const params = Object.entries(m.params).map(
    ([name, p]) => `${name} = ${p.default} (${p.min}–${p.max})${p.description ? `: ${p.description}` : ''}`,
  );
  return [
    ['File', `${w.file} (${w.language === 'js' ? 'JavaScript' : 'Python'})`],
    ['SHA-256', w.sha256],
    ['Name', m.title ? `${m.title} (${m.name})` : m.name],
    ...(m.description ? [['Description', m.description] as [string, string]] : []),
    ['Kind', m.kind === 'cpu' ? 'CPU-bound' : 'I/O-bound'],
    ['Units', String(m.units)],
    ...(params.length ? [['Parameters', params.join('; ')] as [string, string]] : []),
  ];
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** A count with thousands separators, as the outcome sentences write them. */
export function formatCount(n: number): string {
  return grouped.format(n);
}

/** A demo metric: its number in the unit's usual form, and the unit word to put beside it ('' for none). */
export function formatMetric(m: Pick<DemoMetric, 'value' | 'unit'>): {
  readonly value: string;
  readonly unit: string;
} {
  switch (m.unit) {
    case 'ms':
      return { value: formatMs(m.value), unit: '' };
    case 'µs':
      return {
        value: m.value >= 10_000 ? formatMs(m.value / 1000) : `${grouped.format(m.value)} µs`,
        unit: '',
      };
    case 'count':
      return { value: grouped.format(m.value), unit: '' };
    case 'req/s':
      return { value: grouped.format(m.value), unit: 'per second' };
    case 'x':
      return { value: `${m.value.toFixed(m.value >= 10 ? 0 : 2)}×`, unit: '' };
    case 'pid':
      return { value: String(m.value), unit: 'pid' };
    case 'value':
      return { value: String(m.value), unit: '' };
    default:
      return { value: Number(m.value.toPrecision(4)).toLocaleString('en-US'), unit: m.unit };
  }
}

/** Every workload parameter as `name=value`, in the order the config lists them. */
export const paramsText = (params: Readonly<Record<string, number>>): string =>
  Object.entries(params)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');

/**
 * The size each family ran a workload at: `primes (units=16, span=20000)`, with Python's own parameters
 * where a py-* model ran (`primes (Node: units=16, span=20000; Python: units=16, span=1000)`).
 */
export function workloadSizeText(choice: ExperimentConfig['workloads'][number]): string {
  const node = paramsText(choice.params);
  const python = choice.pythonParams && paramsText(choice.pythonParams);
  if (python === undefined) return `${choice.name} (${node})`;
  if (python === node) return `${choice.name} (${node}; the same in Python)`;
  return `${choice.name} (Node: ${node}; Python: ${python})`;
}

/**
 * How many measured runs each cell had, in words: "3 measured runs", or for adaptive runs "5 to 15 measured
 * runs (until the median's 95% interval is within ±5%)". The CLI table, the results view and its table say
 * it the same way.
 */
export function describeRuns(
  config: Pick<ExperimentConfig, 'repeat' | 'minRuns' | 'maxRuns' | 'targetCiPct' | 'minTimeMs'>,
): string {
  const runs =
    config.targetCiPct === undefined
      ? plural(config.repeat, 'measured run')
      : `${config.minRuns ?? '?'} to ${config.maxRuns ?? '?'} measured runs (until the median's 95% interval is within ±${config.targetCiPct}%)`;
  if (config.minTimeMs === undefined) return runs;
  return `${runs}, each repeating a shorter job until it lasts at least ${formatInterval(config.minTimeMs)} (calibrated as pyperf does; times are per job)`;
}

/**
 * One cell's adaptive runs, for the runs column of every table (terminal, results view, HTML, Markdown): the
 * runs it took and how tight its median got, "7 ±3.2%", with "(not reached)" when that is wider than the
 * target (it used every run allowed, or was stopped first); '-' for a fixed number of runs. A calibrated cell
 * whose runs each repeated its job says so: "7 × 3 jobs ±3.2%".
 */
export function formatCellRuns(adaptive: ResultEntry['adaptive'], loops?: number): string {
  if (!adaptive) return '-';
  const tight = adaptive.medianCiPct === null ? '' : ` ±${adaptive.medianCiPct.toFixed(1)}%`;
  const jobs = loops !== undefined && loops > 1 ? ` × ${loops} jobs` : '';
  return `${adaptive.runs}${jobs}${tight}${adaptive.reached ? '' : ' (not reached)'}`;
}

/** What the runs column means, said under every table that has one. */
export function describeRunsColumn(targetCiPct: number): string {
  return `Runs: the measured runs each cell took (× the jobs each run repeated, where calibrated) and how tightly they pin its median (the ± of its 95% interval, in % of the median); "(not reached)" where that is still wider than the ±${targetCiPct}% target.`;
}
