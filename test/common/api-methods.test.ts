import { describe, expect, it } from 'vitest';
import {
  callLabMethod,
  isLabMethod,
  LAB_METHODS,
  MAX_REPORT_BYTES,
  MUTATING_METHODS,
  type LabApi,
} from '../../electron/common/api';
import { LabError } from '../../electron/common/errors';

const calls: string[] = [];
const log =
  <T>(name: string, value: T) =>
  (...args: unknown[]): Promise<T> => {
    calls.push(`${name}:${JSON.stringify(args)}`);
    return Promise.resolve(value);
  };
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
  checkQuiet: log('checkQuiet', { otherCores: 0, thresholdCores: 0.2, quiet: true, top: [], windowMs: 1000 }),
  listDemos: log('listDemos', []),
  startDemo: log('startDemo', { runId: 'd1' }),
  cancelDemo: log('cancelDemo', undefined),
  runDemoPython: log('runDemoPython', { ran: false, id: 'race', reason: 'none here' }),
  stopDemoPython: log('stopDemoPython', undefined),
  listHistory: log('listHistory', []),
  getReport: () => Promise.reject(new Error('not needed')),
  deleteReport: log('deleteReport', undefined),
  importReport: () => Promise.reject(new Error('not needed')),
  exportReport: log('exportReport', { fileName: 'x.csv', mime: 'text/csv', base64: '' }),
  openWorkloadFile: () => Promise.reject(new Error('not needed')),
  listWorkloadFiles: log('listWorkloadFiles', []),
  onEvent: () => () => undefined,
};

async function rejection(p: Promise<unknown>): Promise<LabError> {
  const err = await p.catch((e: unknown) => e);
  expect(err).toBeInstanceOf(LabError);
  return err as LabError;
}

describe('method dispatch at the process boundary', () => {
  it('knows exactly the request methods', () => {
    expect([...LAB_METHODS].sort()).toEqual([
      'cancelDemo',
      'cancelExperiment',
      'checkQuiet',
      'deleteReport',
      'exportReport',
      'getInfo',
      'getReport',
      'importReport',
      'listDemos',
      'listHistory',
      'listWorkloadFiles',
      'openWorkloadFile',
      'runDemoPython',
      'startDemo',
      'startExperiment',
      'stopDemoPython',
    ]);
    for (const bad of ['onEvent', 'constructor', '__proto__', 'toString', 42, null])
      expect(isLabMethod(bad)).toBe(false);
  });

  it('marks every method that changes something as mutating, and no read', () => {
    expect([...MUTATING_METHODS].sort()).toEqual([
      'cancelDemo',
      'cancelExperiment',
      'deleteReport',
      'importReport',
      'openWorkloadFile',
      'runDemoPython',
      'startDemo',
      'startExperiment',
      'stopDemoPython',
    ]);
  });

  it('passes well-formed calls through', async () => {
    calls.length = 0;
    expect(await callLabMethod(api, 'startExperiment', [{ workloads: [] }])).toEqual({ runId: 'r1' });
    expect(await callLabMethod(api, 'cancelExperiment', ['r1'])).toBeNull();
    expect(await callLabMethod(api, 'startDemo', ['race'])).toEqual({ runId: 'd1' });
    await callLabMethod(api, 'startDemo', ['race', { params: { runs: 1 }, speed: 'slow' }]);
    expect(await callLabMethod(api, 'cancelDemo', ['d1'])).toBeNull();
    expect(await callLabMethod(api, 'deleteReport', ['e1'])).toBeNull();
    await callLabMethod(api, 'exportReport', ['e1', 'md']);
    expect(calls).toEqual([
      'start',
      'cancel:r1',
      'startDemo:["race",null]',
      'startDemo:["race",{"params":{"runs":1},"speed":"slow"}]',
      'cancelDemo:["d1"]',
      'deleteReport:["e1"]',
      'exportReport:["e1","md"]',
    ]);
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

  it('checks the new methods the same way', async () => {
    calls.length = 0;
    const fields = async (method: Parameters<typeof callLabMethod>[1], args: unknown[]) =>
      (await rejection(callLabMethod(api, method, args))).issues.map((i) => i.field);
    expect(await fields('listDemos', ['x'])).toEqual(['listDemos(args)']);
    expect(await fields('startDemo', [])).toEqual(['startDemo(args)']);
    expect(await fields('startDemo', [7])).toEqual(['startDemo(args[0])']);
    expect(await fields('startDemo', ['race', { speed: 'fast' }])).toEqual(['startDemo(args[1][speed])']);
    expect(await fields('startDemo', ['race', { params: { runs: '2' } }])).toEqual([
      'startDemo(args[1][params][runs])',
    ]);
    const unknown = await rejection(callLabMethod(api, 'startDemo', ['race', { shell: 'rm -rf /' }]));
    expect(unknown.message).toContain('shell');
    expect(await fields('startDemo', ['race', {}, 'extra'])).toEqual(['startDemo(args)']);
    expect(await fields('cancelDemo', [null])).toEqual(['cancelDemo(args[0])']);
    expect(await fields('getReport', [''])).toEqual(['getReport(args[0])']);
    expect(await fields('deleteReport', [['id']])).toEqual(['deleteReport(args[0])']);
    expect(await fields('exportReport', ['e1', 'docx'])).toEqual(['exportReport(args[1])']);
    expect(await fields('exportReport', ['e1'])).toEqual(['exportReport(args)']);
    expect(await fields('importReport', [{}, 'a.json'])).toEqual(['importReport(args[0])']);
    expect(await fields('importReport', ['{}', ''])).toEqual(['importReport(args[1])']);
    expect(await fields('importReport', ['{}', 'x'.repeat(256)])).toEqual(['importReport(args[1])']);
    expect(calls).toEqual([]);
  });

  it("refuses an import's arguments as 'invalid-report', a huge text included", async () => {
    const huge = await rejection(
      callLabMethod(api, 'importReport', ['x'.repeat(MAX_REPORT_BYTES + 1), 'a.json']),
    );
    expect(huge.code).toBe('invalid-report');
    expect(huge.issues[0]?.field).toBe('importReport(args[0])');
    expect((await rejection(callLabMethod(api, 'importReport', [1, 'a.json']))).code).toBe('invalid-report');
  });

  it('drops a __proto__ key in demo params instead of passing it on', async () => {
    calls.length = 0;
    await callLabMethod(api, 'startDemo', JSON.parse('["race",{"params":{"__proto__":{"x":1},"runs":1}}]'));
    expect(calls).toEqual(['startDemo:["race",{"params":{"runs":1}}]']);
    expect(({} as Record<string, unknown>)['x']).toBeUndefined();
  });
});
