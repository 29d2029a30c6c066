import { describe, expect, it } from 'vitest';
import type { LabApi } from '../../electron/common/api';
import { LabError } from '../../electron/common/errors';
import { callLabMethod, isLabMethod, LAB_METHODS } from '../../electron/lab/api/methods';

const calls: string[] = [];
const api: LabApi = {
  getInfo: () => {
    calls.push('getInfo');
    return Promise.reject(new Error('not needed'));
  },
  startExperiment: () => {
    calls.push('start');
    return Promise.resolve({ runId: 'r1' });
  },
  cancelExperiment: (runId) => {
    calls.push(`cancel:${runId}`);
    return Promise.resolve();
  },
  onEvent: () => () => undefined,
};

async function rejection(p: Promise<unknown>): Promise<LabError> {
  const err = await p.catch((e: unknown) => e);
  expect(err).toBeInstanceOf(LabError);
  return err as LabError;
}

describe('method dispatch at the process boundary', () => {
  it('knows exactly the request methods', () => {
    expect(LAB_METHODS.sort()).toEqual(['cancelExperiment', 'getInfo', 'startExperiment']);
    for (const bad of ['onEvent', 'constructor', '__proto__', 'toString', 42, null])
      expect(isLabMethod(bad)).toBe(false);
  });

  it('passes well-formed calls through', async () => {
    calls.length = 0;
    expect(await callLabMethod(api, 'startExperiment', [{ workloads: [] }])).toEqual({ runId: 'r1' });
    expect(await callLabMethod(api, 'cancelExperiment', ['r1'])).toBeNull();
    expect(calls).toEqual(['start', 'cancel:r1']);
  });

  it('refuses wrong argument lists before the engine sees them, naming the argument', async () => {
    calls.length = 0;
    expect((await rejection(callLabMethod(api, 'getInfo', [1]))).code).toBe('invalid-config');
    const extra = await rejection(callLabMethod(api, 'cancelExperiment', ['r1', 'more']));
    expect(extra.message).toContain('cancelExperiment');
    const notString = await rejection(callLabMethod(api, 'cancelExperiment', [{ runId: 'r1' }]));
    expect(notString.issues[0]?.field).toBe('cancelExperiment(args[0])');
    await rejection(callLabMethod(api, 'cancelExperiment', ['x'.repeat(101)]));
    await rejection(callLabMethod(api, 'startExperiment', ['not an object']));
    await rejection(callLabMethod(api, 'startExperiment', [[1, 2]]));
    await rejection(callLabMethod(api, 'startExperiment', []));
    expect(calls).toEqual([]);
  });
});
