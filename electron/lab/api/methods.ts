/**
 * The argument shapes of every LabApi method, checked where a call crosses a process or network boundary
 * (ipcMain in the Electron shell, the WebSocket bridge) before it reaches the engine. The experiment
 * config itself is validated by the engine, which names each bad field.
 */
import { z } from 'zod';
import { LAB_CHANNELS, type LabApi } from '../../common/api';
import type { ExperimentConfigInput } from '../../common/config';
import { LabError } from '../../common/errors';

/** The request/response methods, i.e. everything but onEvent. */
export type LabMethod = keyof typeof LAB_CHANNELS;
export const LAB_METHODS = Object.keys(LAB_CHANNELS) as LabMethod[];

const RUN_ID = z
  .string({ error: 'must be a run id' })
  .min(1, { error: 'must not be empty' })
  .max(100, { error: 'must be at most 100 characters' });

/** Per method, the exact argument list (extra arguments are refused, not ignored). */
export const METHOD_ARGS = {
  getInfo: z.tuple([]),
  // The config is validated by the engine, which reports field-level issues; here it only has to be an object.
  startExperiment: z.tuple([
    z.record(z.string(), z.unknown(), { error: 'must be an experiment config object' }),
  ]),
  cancelExperiment: z.tuple([RUN_ID]),
} as const satisfies Record<LabMethod, z.ZodType>;

export function isLabMethod(name: unknown): name is LabMethod {
  return typeof name === 'string' && Object.hasOwn(LAB_CHANNELS, name);
}

/** Checks the arguments and calls the method; rejects with LabError('invalid-config') naming `args[i]`. */
export async function callLabMethod(
  api: LabApi,
  method: LabMethod,
  args: readonly unknown[],
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
  }
}

function parseArgs<M extends LabMethod>(
  method: M,
  args: readonly unknown[],
): z.output<(typeof METHOD_ARGS)[M]> {
  const parsed = METHOD_ARGS[method].safeParse(args);
  if (parsed.success) return parsed.data as z.output<(typeof METHOD_ARGS)[M]>;
  throw LabError.invalid(
    parsed.error.issues.map((i) => ({
      field: `${method}(${i.path.length ? `args[${i.path.map(String).join('][')}]` : 'args'})`,
      message: i.message,
    })),
  );
}
