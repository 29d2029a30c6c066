/**
 * What the engine, the UIs and the workload kernels say about a workload: its kind, its parameters and the
 * resources the host provides to its units. Pure types; the contract a kernel implements is in
 * workloads/types.ts.
 */

/** What kind of work a workload does; drives the headline chart grouping and the GIL behaviour. */
export type WorkloadKind = 'cpu' | 'io' | 'native' | 'mixed' | 'diagnostic';

/** One numeric parameter of a workload, validated against its bounds before anything runs. */
export interface ParamSpec {
  readonly name: string;
  readonly description: string;
  readonly min: number;
  readonly max: number;
  readonly default: number;
  /** true when the value must be a whole number */
  readonly integer: boolean;
  readonly unit?: string;
}

/** Validated parameter values, by ParamSpec name. */
export type Params = Readonly<Record<string, number>>;

/** Resources the host provides to units (resolved before timing starts). */
export interface UnitEnv {
  /** Port of the TCP echo server on 127.0.0.1 that the runner started, when the workload needs one. */
  readonly echoPort?: number;
  /** A private temporary folder for file I/O, created and removed by the runner. */
  readonly tmpDir?: string;
}

/**
 * How much work one unit does, as far as sizing and estimates need to know: the parameter that sets it, how
 * the work grows with it, and how fast each family runs it. CPython runs pure-Python loops many times slower
 * than V8 runs the same loop, while waiting (sleep, sockets, files) and native hashing take the same time in
 * both, so a run of both families gives Python units of the same duration by shrinking this parameter.
 */
export interface UnitSize {
  /** the parameter that sets a unit's work */
  readonly param: string;
  /** work per unit grows as param^exponent (1: linear; 3: a matrix side) */
  readonly exponent: number;
  /** about how many times longer CPython 3.11 takes than V8 for the same unit (1: no difference) */
  readonly pythonSlowdown: number;
  /** a rough time of one unit at the parameter's default on V8, for estimates before any run */
  readonly roughUnitMs: number;
}
