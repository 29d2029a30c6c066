/**
 * The one contract between the engine and any UI, as ONE method table (after VS Code's
 * ProxyChannel.fromService/toService): each LabApi method once, with its argument schema, its result type and
 * whether it is a control action. The LabApi type, the Electron IPC handlers (electron/main/ipc.ts), the
 * preload's window.lab, the WebSocket bridge (electron/lab/serve/ws-bridge.ts) and the browser client
 * (renderer/transport/ws-client.ts) are all derived from it, so a new method is one entry here plus its
 * implementation in the engine (electron/lab/api/lab-service.ts), and a changed signature is a compile error
 * everywhere. Arguments are checked by these schemas wherever a call crosses a process or network boundary;
 * the experiment config and a demo's parameter values are then validated by the engine, which names each bad
 * field, and a report's text by parseReport.
 */
import { z } from 'zod';
import type {
  DemoPythonRun,
  HistoryEntrySummary,
  ExportedFile,
  LabEvent,
  LabInfo,
  QuietCheck,
  Unsubscribe,
} from './api-types';
import type { ExperimentConfigInput } from './config';
import type { DemoMeta, DemoSpeed } from './demos';
import { LabError, type LabErrorCode, type LabErrorData, type FieldIssue } from './errors';
import { isRenderedFormat, REPORT_FILE_FORMATS } from './export/types';
import type { Report } from './report';
import { USER_WORKLOAD_LIMITS, type UserWorkloadRecord } from './user-workload';

export type * from './api-types';
export { REPORT_FILE_FORMATS, type ReportFileFormat } from './export/types';

/**
 * The largest report file ThreadLab reads, in UTF-8 bytes: an import, and a saved report or history entry
 * (a real report is well under 5 MiB).
 */
export const MAX_REPORT_BYTES = 50 * 2 ** 20;
/**
 * The largest request (the UTF-8 bytes of its JSON) the WebSocket transport carries for a client that may
 * write: a report at the import limit, JSON-escaped, fits. Watch-only clients get far less.
 */
export const MAX_REQUEST_BYTES = 2 * MAX_REPORT_BYTES + 2 ** 20;

declare const RESULT: unique symbol;
/** A method's result: its type for the compiler only, and whether there is a value to carry at all. */
interface Returns<T> {
  /** false for methods that resolve with nothing: their reply carries null, their callers get undefined */
  readonly hasValue: boolean;
  readonly [RESULT]?: T;
}
const returns = <T>(): Returns<T> => ({ hasValue: true });
const NOTHING: Returns<void> = { hasValue: false };

interface MethodSpec {
  /** the exact argument list: extra arguments are refused, not ignored */
  readonly args: z.ZodTuple;
  readonly result: Returns<unknown>;
  /**
   * A control action (it runs, cancels, stores or deletes something, or costs the machine a browser
   * engine): refused to watch-only clients. A function decides from the arguments as sent, before they
   * are checked.
   */
  readonly control: boolean | ((args: readonly unknown[]) => boolean);
  /** takes the asking client's AbortSignal as one more, last argument (aborted when that client leaves) */
  readonly takesSignal?: true;
  /** the LabError code of a refused argument list, when not 'invalid-config' */
  readonly badArgsCode?: LabErrorCode;
}

const id = (what: string) =>
  z
    .string({ error: `must be ${what}` })
    .min(1, { error: 'must not be empty' })
    .max(100, { error: 'must be at most 100 characters' });
const RUN_ID = id('a run id');
const ENTRY_ID = id('a history entry id');

const DEMO_SPEEDS = ['normal', 'slow'] as const satisfies readonly DemoSpeed[];
/**
 * Built on first use (z.lazy), not at import: the browser client and the UI import this table for its
 * names, and constructing a zod object probes `new Function`, which the page's strict CSP reports as a
 * violation even though zod catches it. Any object schema in the table must be lazy for the same reason.
 */
const DEMO_OPTIONS = z.lazy(() =>
  z.strictObject(
    {
      // Names and ranges are the demo's own (checked by the engine); here only the shape and a sane size.
      params: z
        .record(
          z.string().max(64, { error: 'names must be at most 64 characters' }),
          z.number({ error: 'must be a number' }),
          { error: 'must be an object of name: number' },
        )
        .refine((p) => Object.keys(p).length <= 32, { error: 'has too many parameters' })
        .optional(),
      speed: z.enum(DEMO_SPEEDS, { error: "must be 'normal' or 'slow'" }).optional(),
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? `has unknown option(s) ${issue.keys.join(', ')} (known: params, speed)`
          : 'must be an options object { params?, speed? }',
    },
  ),
);
/** How a demo is started: overrides checked against its catalog params, and slow motion for a presenter. */
export type DemoStartOptions = z.output<typeof DEMO_OPTIONS>;

/** A plain object, as JSON or a structured clone delivers one (not an array, a Date or a Map). */
function isPlainObject(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Every LabApi request method, once. Methods reject with a LabError (code + field issues); transports rebuild
 * it on the far side with LabError.fromData so callers can show which field is wrong.
 */
export const LAB_METHOD_TABLE = {
  getInfo: { args: z.tuple([]), result: returns<LabInfo>(), control: false },
  /**
   * Watches the machine for about a second and says whether other programs use more than a fifth of a core,
   * and which use most: the UI asks before a run, and again each time while it waits for quiet. Concurrent
   * calls share one check, so watchers asking at once cost the machine nothing more.
   */
  checkQuiet: { args: z.tuple([]), result: returns<QuietCheck>(), control: false },
  /** Validates and starts an experiment; resolves with its id as soon as it has started. */
  startExperiment: {
    // The config is validated by the engine, which reports field-level issues; here it only has to be an object.
    args: z.tuple([
      z.custom<ExperimentConfigInput>(isPlainObject, { error: 'must be an experiment config object' }),
    ]),
    result: returns<{ readonly runId: string }>(),
    control: true,
  },
  /** Stops the experiment: workers terminated, processes killed; the partial report is kept as 'cancelled'. */
  cancelExperiment: { args: z.tuple([RUN_ID]), result: NOTHING, control: true },
  /** The classroom demos, in lesson order. */
  listDemos: { args: z.tuple([]), result: returns<DemoMeta[]>(), control: false },
  /**
   * Starts a demo; resolves with its id once the demo is under way (after 'demo-started'). Then come
   * 'demo-event's and one 'demo-finished' or 'demo-failed'. One demo at a time, and none during an
   * experiment (LabError 'busy'); a bad id or parameter is a LabError('invalid-config') naming it.
   */
  startDemo: {
    args: z.tuple([id('a demo id'), DEMO_OPTIONS.optional()]),
    result: returns<{ readonly runId: string }>(),
    control: true,
  },
  /** Ends the demo and everything it started; resolves once all of it is gone ('demo-failed', 'cancelled'). */
  cancelDemo: { args: z.tuple([RUN_ID]), result: NOTHING, control: true },
  /**
   * Runs the demo's Python for real with the first interpreter found, under the demo's time limit, and
   * resolves with its output (or why it could not run). One at a time: a new call stops the one before, and
   * the interpreter is killed when the asking client leaves, so a page left behind leaves no process. Refused
   * 'busy' while an experiment measures, and stopped by an experiment that starts.
   */
  runDemoPython: {
    args: z.tuple([id('a demo id')]),
    result: returns<DemoPythonRun>(),
    control: true,
    takesSignal: true,
  },
  /**
   * Stops this demo's Python snippet if it is the one running (its runDemoPython then resolves as
   * cancelled), and resolves once its interpreter is gone; nothing to stop is not an error. The page calls it
   * when the user leaves the demo: the client is still connected, so nothing else would stop it before its
   * time limit.
   */
  stopDemoPython: { args: z.tuple([id('a demo id')]), result: NOTHING, control: true },
  /** Every recorded run and imported report, newest first. */
  listHistory: { args: z.tuple([]), result: returns<HistoryEntrySummary[]>(), control: false },
  /** A recorded or imported report, schema-valid (a run being recorded: its results so far). */
  getReport: { args: z.tuple([ENTRY_ID]), result: returns<Report>(), control: false },
  /** Deletes an entry ('busy' while that run is still being recorded). */
  deleteReport: { args: z.tuple([ENTRY_ID]), result: NOTHING, control: true },
  /**
   * Validates a report file's text (nothing in it is executed) and keeps it among the imported entries
   * under a fresh id, which the returned report carries. LabError('invalid-report') names the bad field.
   */
  importReport: {
    args: z.tuple([
      // Characters, not bytes: a first bound; the engine checks the exact UTF-8 size.
      z
        .string({ error: 'must be the text of a report file' })
        .max(MAX_REPORT_BYTES, { error: `must be at most ${MAX_REPORT_BYTES / 2 ** 20} MiB` }),
      z
        .string({ error: 'must be a file name' })
        .min(1, { error: 'must not be empty' })
        .max(255, { error: 'must be at most 255 characters' }),
    ]),
    result: returns<Report>(),
    control: true,
    badArgsCode: 'invalid-report',
  },
  /**
   * A history entry as a file; pdf and png need a browser engine (LabError 'not-found' without one). Those
   * two are control actions: each costs the machine a Chromium.
   */
  exportReport: {
    args: z.tuple([
      ENTRY_ID,
      z.enum(REPORT_FILE_FORMATS, { error: `must be one of ${REPORT_FILE_FORMATS.join(', ')}` }),
    ]),
    result: returns<ExportedFile>(),
    control: (args) => isRenderedFormat(args[1]),
    takesSignal: true,
  },
  /**
   * Opens the user's own workload file (its name and text, as a file picker read it): the engine keeps it in
   * a folder of its own, checks it (LabError 'invalid-config' naming the file and the problem) and answers
   * with what it declares; an experiment may then name the workload by `meta.name`. A control action: it
   * makes the engine run code, so only the person at the machine may, never a watcher.
   */
  openWorkloadFile: {
    args: z.tuple([
      z
        .string({ error: 'must be a file name' })
        .min(1, { error: 'must not be empty' })
        .max(255, { error: 'must be at most 255 characters' }),
      z.string({ error: 'must be the text of a .mjs or .py file' }).max(USER_WORKLOAD_LIMITS.fileBytes, {
        error: `must be at most ${USER_WORKLOAD_LIMITS.fileBytes / 2 ** 20} MiB`,
      }),
    ]),
    result: returns<UserWorkloadRecord>(),
    control: true,
  },
  /**
   * The user workloads this lab holds now, as openWorkloadFile answered for them (at most one: the file opened
   * last), so a page that reloads offers it again: the engine, not the page, knows what was opened. Refused
   * to watchers like a control action, though it changes nothing (so it is not among MUTATING_METHODS): what
   * code the person at the machine opened is theirs to see.
   */
  listWorkloadFiles: { args: z.tuple([]), result: returns<UserWorkloadRecord[]>(), control: () => true },
} as const satisfies Record<string, MethodSpec>;

type Table = typeof LAB_METHOD_TABLE;
/** The request/response methods, i.e. everything but onEvent. */
export type LabMethod = keyof Table;
export type LabMethodArgs<M extends LabMethod> = z.output<Table[M]['args']>;
export type LabMethodResult<M extends LabMethod> = Table[M]['result'] extends Returns<infer R> ? R : never;
/** The request methods of LabApi, as the table says. */
export type LabMethods = {
  [M in LabMethod]: (...args: LabMethodArgs<M>) => Promise<LabMethodResult<M>>;
};

/** Implemented in-process by the engine; carried by Electron IPC (preload) and the WebSocket bridge. */
export interface LabApi extends LabMethods {
  /** Subscribes to every event; returns the function that removes the listener. */
  onEvent(listener: (event: LabEvent) => void): Unsubscribe;
}

type SignalMethod = {
  [M in LabMethod]: Table[M] extends { readonly takesSignal: true } ? M : never;
}[LabMethod];
/** A LabApi whose methods may take the asking client's signal (the engine's does; any LabApi fits). */
export type ClientLabApi = Omit<LabApi, SignalMethod> & {
  [M in SignalMethod]: (...args: [...LabMethodArgs<M>, signal?: AbortSignal]) => Promise<LabMethodResult<M>>;
};

export const LAB_METHODS = Object.keys(LAB_METHOD_TABLE) as LabMethod[];

export function isLabMethod(name: unknown): name is LabMethod {
  return typeof name === 'string' && Object.hasOwn(LAB_METHOD_TABLE, name);
}

/** Invoke-style Electron channel names (request/response), one per method. */
export const LAB_CHANNELS = Object.fromEntries(LAB_METHODS.map((m) => [m, `lab:${m}`])) as {
  readonly [M in LabMethod]: `lab:${M}`;
};
/** The one push channel: main -> renderer events, as a LabEventMessage (electron/common/event-batch.ts). */
export const LAB_EVENT_CHANNEL = 'lab:event';

/** Methods that always change something (run, cancel, delete, store). */
export const MUTATING_METHODS: ReadonlySet<LabMethod> = new Set(
  LAB_METHODS.filter((m) => LAB_METHOD_TABLE[m].control === true),
);

/**
 * Is this call a control action, refused to watch-only clients? Everything that changes something, and a
 * PDF/PNG export, which costs the machine a browser engine. `args` are as sent, not yet checked.
 */
export function isControlCall(method: LabMethod, args: readonly unknown[]): boolean {
  const control: MethodSpec['control'] = LAB_METHOD_TABLE[method].control;
  return typeof control === 'function' ? control(args) : control;
}

/**
 * The arguments checked against the method's schema; throws LabError('invalid-config') naming `args[i]`
 * ('invalid-report' for importReport's).
 */
export function parseLabArgs<M extends LabMethod>(method: M, args: readonly unknown[]): LabMethodArgs<M> {
  const schema: z.ZodTuple = LAB_METHOD_TABLE[method].args;
  const parsed = schema.safeParse(args);
  if (parsed.success) return parsed.data as LabMethodArgs<M>;
  throw badArgs(
    method,
    parsed.error.issues.map((i) => ({
      field: `${method}(${i.path.length ? `args[${i.path.map(String).join('][')}]` : 'args'})`,
      message: i.message,
    })),
  );
}

/** The LabError for arguments of `method` that are refused: field issues, with the method's own code. */
export function badArgs(method: LabMethod, issues: readonly FieldIssue[]): LabError {
  const spec: MethodSpec = LAB_METHOD_TABLE[method];
  return LabError.invalid(issues, spec.badArgsCode ?? 'invalid-config');
}

/**
 * Checks the arguments and calls the method, the one dispatch of every transport's server side; resolves
 * with what the reply carries (null for a method that resolves with nothing). `signal` aborts when the
 * calling client leaves; methods that take it get it as their last argument.
 */
export async function callLabMethod(
  api: ClientLabApi,
  method: LabMethod,
  args: readonly unknown[],
  signal?: AbortSignal,
): Promise<unknown> {
  const spec: MethodSpec = LAB_METHOD_TABLE[method];
  const parsed: readonly unknown[] = parseLabArgs(method, args);
  // Every declared argument, an omitted optional one as undefined, so the signal lands in its own place.
  const full = Array.from({ length: spec.args.def.items.length }, (_, i) => parsed[i]);
  // The signal only when there is one: a plain LabApi gets exactly its own arguments.
  if (spec.takesSignal && signal) full.push(signal);
  const fn = api[method] as (...a: readonly unknown[]) => Promise<unknown>;
  const value = await fn.apply(api, full);
  return spec.result.hasValue ? value : null;
}

/** What every request gets back, over IPC and over the WebSocket: a value, or the LabError as data. */
export type LabReply =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: LabErrorData };

/** The failure reply for anything thrown: a LabError keeps its code and field issues. */
export function errorReply(err: unknown): LabReply {
  return { ok: false, error: LabError.toData(err) };
}

/** callLabMethod's outcome as a reply; never rejects. */
export function replyTo(
  api: ClientLabApi,
  method: LabMethod,
  args: readonly unknown[],
  signal?: AbortSignal,
): Promise<LabReply> {
  return callLabMethod(api, method, args, signal).then((value) => ({ ok: true, value }), errorReply);
}

/**
 * A client's request methods, derived from the table: each sends only the arguments given (trailing
 * undefined ones dropped: JSON would turn them into null, which the schemas refuse) through `send`, and
 * resolves with the reply's value (undefined for methods that resolve with nothing).
 */
export function labMethodsOver(
  send: (method: LabMethod, args: readonly unknown[]) => Promise<unknown>,
): LabMethods {
  const entries = LAB_METHODS.map((method) => {
    const { hasValue } = LAB_METHOD_TABLE[method].result;
    const fn = async (...args: unknown[]): Promise<unknown> => {
      let length = args.length;
      while (length > 0 && args[length - 1] === undefined) length--;
      const value = await send(method, args.slice(0, length));
      return hasValue ? value : undefined;
    };
    return [method, fn] as const;
  });
  return Object.fromEntries(entries) as unknown as LabMethods;
}
