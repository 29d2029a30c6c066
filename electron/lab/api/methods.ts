/**
 * The argument shapes of every LabApi method, checked where a call crosses a process or network boundary
 * (ipcMain in the Electron shell, the WebSocket bridge) before it reaches the engine. The experiment
 * config and a demo's parameter values are validated by the engine, which names each bad field; a report's
 * text by parseReport.
 */
import { z } from 'zod';
import {
  LAB_CHANNELS,
  MAX_IMPORT_BYTES,
  REPORT_FILE_FORMATS,
  type ExportedFile,
  type LabApi,
  type ReportFileFormat,
} from '../../common/api';
import type { ExperimentConfigInput } from '../../common/config';
import { LabError, type LabErrorCode } from '../../common/errors';

/** The request/response methods, i.e. everything but onEvent. */
export type LabMethod = keyof typeof LAB_CHANNELS;
export const LAB_METHODS = Object.keys(LAB_CHANNELS) as LabMethod[];

const id = (what: string) =>
  z
    .string({ error: `must be ${what}` })
    .min(1, { error: 'must not be empty' })
    .max(100, { error: 'must be at most 100 characters' });
const RUN_ID = id('a run id');

const DEMO_OPTIONS = z
  .strictObject(
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
      speed: z.enum(['normal', 'slow'], { error: "must be 'normal' or 'slow'" }).optional(),
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? `has unknown option(s) ${issue.keys.join(', ')} (known: params, speed)`
          : 'must be an options object { params?, speed? }',
    },
  )
  .optional();

/** Per method, the exact argument list (extra arguments are refused, not ignored). */
export const METHOD_ARGS = {
  getInfo: z.tuple([]),
  // The config is validated by the engine, which reports field-level issues; here it only has to be an object.
  startExperiment: z.tuple([
    z.record(z.string(), z.unknown(), { error: 'must be an experiment config object' }),
  ]),
  cancelExperiment: z.tuple([RUN_ID]),
  listDemos: z.tuple([]),
  startDemo: z.tuple([id('a demo id'), DEMO_OPTIONS]),
  cancelDemo: z.tuple([RUN_ID]),
  listHistory: z.tuple([]),
  getReport: z.tuple([id('a history entry id')]),
  deleteReport: z.tuple([id('a history entry id')]),
  importReport: z.tuple([
    // Characters, not bytes: a first bound; the engine checks the exact UTF-8 size.
    z
      .string({ error: 'must be the text of a report file' })
      .max(MAX_IMPORT_BYTES, { error: `must be at most ${MAX_IMPORT_BYTES / 2 ** 20} MiB` }),
    z
      .string({ error: 'must be a file name' })
      .min(1, { error: 'must not be empty' })
      .max(255, { error: 'must be at most 255 characters' }),
  ]),
  exportReport: z.tuple([
    id('a history entry id'),
    z.enum(REPORT_FILE_FORMATS, { error: `must be one of ${REPORT_FILE_FORMATS.join(', ')}` }),
  ]),
} as const satisfies Record<LabMethod, z.ZodType>;

/** Methods that change something (run, cancel, delete, store): refused to watch-only clients. */
export const MUTATING_METHODS: ReadonlySet<LabMethod> = new Set<LabMethod>([
  'startExperiment',
  'cancelExperiment',
  'startDemo',
  'cancelDemo',
  'deleteReport',
  'importReport',
]);

/** Export formats rendered by a browser engine: each costs a Chromium, so asking for one is a control action. */
const RENDERED_FORMATS: ReadonlySet<unknown> = new Set<ReportFileFormat>(['pdf', 'png']);

/**
 * Is this call a control action, refused to watch-only clients? Everything that changes something, and a
 * PDF/PNG export, which costs the machine a browser engine.
 */
export function isControlCall(method: LabMethod, args: readonly unknown[]): boolean {
  return MUTATING_METHODS.has(method) || (method === 'exportReport' && RENDERED_FORMATS.has(args[1]));
}

/** A LabApi whose exports may take the asking client's signal (the engine's does; any LabApi fits). */
export interface ClientLabApi extends LabApi {
  exportReport(id: string, format: ReportFileFormat, signal?: AbortSignal): Promise<ExportedFile>;
}

export function isLabMethod(name: unknown): name is LabMethod {
  return typeof name === 'string' && Object.hasOwn(LAB_CHANNELS, name);
}

/**
 * Checks the arguments and calls the method; rejects with LabError('invalid-config') naming `args[i]`
 * ('invalid-report' for importReport's). `signal` aborts when the calling client leaves.
 */
export async function callLabMethod(
  api: ClientLabApi,
  method: LabMethod,
  args: readonly unknown[],
  signal?: AbortSignal,
): Promise<unknown> {
  switch (method) {
    case 'getInfo':
      parseArgs(method, args);
      return api.getInfo();
    case 'startExperiment': {
      const [config] = parseArgs(method, args);
      return api.startExperiment(config as ExperimentConfigInput);
    }
    case 'cancelExperiment': {
      const [runId] = parseArgs(method, args);
      await api.cancelExperiment(runId);
      return null;
    }
    case 'listDemos':
      parseArgs(method, args);
      return api.listDemos();
    case 'startDemo': {
      const [demoId, options] = parseArgs(method, args);
      return api.startDemo(demoId, options);
    }
    case 'cancelDemo': {
      const [runId] = parseArgs(method, args);
      await api.cancelDemo(runId);
      return null;
    }
    case 'listHistory':
      parseArgs(method, args);
      return api.listHistory();
    case 'getReport': {
      const [entry] = parseArgs(method, args);
      return api.getReport(entry);
    }
    case 'deleteReport': {
      const [entry] = parseArgs(method, args);
      await api.deleteReport(entry);
      return null;
    }
    case 'importReport': {
      const [text, fileName] = parseArgs(method, args);
      return api.importReport(text, fileName);
    }
    case 'exportReport': {
      const [entry, format] = parseArgs(method, args);
      // The signal only when there is one: a plain LabApi gets exactly its two arguments.
      return signal ? api.exportReport(entry, format, signal) : api.exportReport(entry, format);
    }
  }
}

function parseArgs<M extends LabMethod>(
  method: M,
  args: readonly unknown[],
): z.output<(typeof METHOD_ARGS)[M]> {
  const parsed = METHOD_ARGS[method].safeParse(args);
  if (parsed.success) return parsed.data as z.output<(typeof METHOD_ARGS)[M]>;
  const code: LabErrorCode = method === 'importReport' ? 'invalid-report' : 'invalid-config';
  throw LabError.invalid(
    parsed.error.issues.map((i) => ({
      field: `${method}(${i.path.length ? `args[${i.path.map(String).join('][')}]` : 'args'})`,
      message: i.message,
    })),
    code,
  );
}
