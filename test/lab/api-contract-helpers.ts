/** Shared by the LabApi contract files: tiny experiments, event waiting, process and thread counts. */
import { expect } from 'vitest';
import type { LabApi, LabEvent } from '../../electron/common/api';
import type { ExperimentConfigInput } from '../../electron/common/config';
import { LabError } from '../../electron/common/errors';

export const TINY: ExperimentConfigInput = {
  workloads: [{ name: 'primes', params: { units: 4, span: 2000 } }],
  models: ['threads'],
  workers: [1, 2],
  repeat: 1,
  warmup: 0,
  sampleIntervalMs: 100,
};

/** Long enough to be cancelled mid-run (it never gets to finish), run in child processes we can count. */
export const LONG: ExperimentConfigInput = {
  workloads: [{ name: 'primes', params: { units: 8, span: 200_000 } }],
  models: ['processes'],
  workers: [2],
  repeat: 200,
  warmup: 0,
  timeline: false,
};

/** Resolves with the first event that matches, rejects after `timeoutMs`. */
export function nextEvent<T extends LabEvent>(
  api: LabApi,
  match: (e: LabEvent) => e is T,
  timeoutMs = 30_000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no matching event within ${timeoutMs} ms`));
    }, timeoutMs);
    const off = api.onEvent((e) => {
      if (!match(e)) return;
      clearTimeout(timer);
      off();
      resolve(e);
    });
  });
}

export const finishedOf =
  (runId: string) =>
  (e: LabEvent): e is Extract<LabEvent, { type: 'experiment-finished' }> =>
    e.type === 'experiment-finished' && e.runId === runId;

export async function rejection(p: Promise<unknown>): Promise<LabError> {
  const err = await p.then(
    () => new Error('expected a rejection'),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(LabError);
  return err as LabError;
}

/** Threads of this process right now: the one reader, kept with the demo helpers. */
export { osThreads } from '../support/demos';

export interface LabApiHarness {
  readonly api: LabApi;
  /** what getInfo().transport must say */
  readonly transport: string;
  /** the (temporary) history folder the lab records into */
  readonly historyDir: string;
  close(): Promise<void>;
}
