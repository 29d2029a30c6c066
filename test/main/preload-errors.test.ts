/**
 * The Electron transport's error path, short of Electron itself: the preload rejects with plain LabErrorData
 * (what survives contextBridge), and the renderer's transport turns it back into a LabError.
 */
import { describe, expect, it } from 'vitest';
import type { LabApi } from '../../electron/common/api';
import { LabError } from '../../electron/common/errors';
import { toLabError, withLabErrors } from '../../renderer/transport/normalize';

/** What contextBridge does to a rejection: an Error keeps only its message, a plain object is copied. */
function acrossBridge(value: unknown): unknown {
  if (value instanceof Error) return new Error(value.message);
  return structuredClone(value);
}

function fakeBridgedApi(reject: unknown): LabApi & { onMenuCommand(): () => void } {
  const fail = () => Promise.reject(acrossBridge(reject));
  return {
    getInfo: fail,
    checkQuiet: fail,
    startExperiment: fail,
    cancelExperiment: fail,
    listDemos: fail,
    startDemo: fail,
    cancelDemo: fail,
    runDemoPython: fail,
    stopDemoPython: fail,
    listHistory: fail,
    getReport: fail,
    deleteReport: fail,
    importReport: fail,
    exportReport: fail,
    openWorkloadFile: fail,
    listWorkloadFiles: fail,
    onEvent: () => () => undefined,
    onMenuCommand: () => () => undefined,
  };
}

describe('LabError across contextBridge', () => {
  it('an Error thrown in the preload would lose its code and issues (why the preload sends data)', () => {
    const crossed = acrossBridge(LabError.invalid([{ field: 'workers[0]', message: 'must be at most 256' }]));
    expect(toLabError(crossed).code).toBe('internal');
    expect(toLabError(crossed).issues).toEqual([]);
  });

  it('plain LabErrorData comes back as a LabError with its code and issues', async () => {
    const data = {
      name: 'LabError',
      ...LabError.invalid([{ field: 'workers[0]', message: 'must be at most 256' }]).toData(),
    };
    const api = withLabErrors(fakeBridgedApi(data));
    const err = await api
      .startExperiment({ workloads: [], models: [], workers: [] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LabError);
    expect((err as LabError).code).toBe('invalid-config');
    expect((err as LabError).issues).toEqual([{ field: 'workers[0]', message: 'must be at most 256' }]);
    expect(((await api.getInfo().catch((e: unknown) => e)) as LabError).code).toBe('invalid-config');
  });

  it('restores LabErrors from every method, the demo and report ones included', async () => {
    const data = {
      name: 'LabError',
      ...LabError.invalid(
        [{ field: 'results[0].wallMs.median', message: 'must not be negative' }],
        'invalid-report',
      ).toData(),
    };
    const api = withLabErrors(fakeBridgedApi(data));
    const calls: (() => Promise<unknown>)[] = [
      () => api.listDemos(),
      () => api.startDemo('race', { speed: 'slow' }),
      () => api.cancelDemo('d'),
      () => api.listHistory(),
      () => api.getReport('e'),
      () => api.deleteReport('e'),
      () => api.importReport('{}', 'a.json'),
      () => api.exportReport('e', 'pdf'),
    ];
    for (const call of calls) {
      const err = await call().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(LabError);
      expect((err as LabError).code).toBe('invalid-report');
      expect((err as LabError).issues[0]?.field).toBe('results[0].wallMs.median');
    }
  });

  it('keeps what the shell adds to window.lab', () => {
    const api = withLabErrors(fakeBridgedApi(null)) as LabApi & { onMenuCommand?: unknown };
    expect(typeof api.onMenuCommand).toBe('function');
  });

  it('turns anything unreadable into an internal LabError', () => {
    expect(toLabError('boom').code).toBe('internal');
    expect(toLabError({ code: 'rm -rf', message: 'x', issues: [] }).code).toBe('internal');
    expect(
      toLabError({ code: 'busy', message: 'x', issues: [{ field: 1 }, { field: 'a', message: 'b' }] }).issues,
    ).toEqual([{ field: 'a', message: 'b' }]);
  });
});
