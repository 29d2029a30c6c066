/**
 * The method table (electron/common/api.ts) is the only list of LabApi methods: every entry must be bound on
 * every transport derived from it, and every transport must refuse a bad argument naming it. The Electron
 * path runs preload -> ipcRenderer -> ipcMain handlers -> engine against stand-ins for the electron module
 * (as test/main/ipc.test.ts and preload.test.ts do); the WebSocket path runs the browser client against the
 * real bridge on port 0. The engine is a recording fake, so each call's arrival is seen exactly.
 */
import { EventEmitter } from 'node:events';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  LAB_CHANNELS,
  LAB_METHOD_TABLE,
  LAB_METHODS,
  MUTATING_METHODS,
  isControlCall,
  type ClientLabApi,
  type LabApi,
  type LabMethod,
} from '../../electron/common/api';
import { LabError } from '../../electron/common/errors';
import { APP_INDEX_URL } from '../../electron/main/app-protocol';
import { APP_PAGE } from '../../electron/main/guards';
import { withLabErrors } from '../../renderer/transport/normalize';
import { connectLab, type LabConnection } from '../../renderer/transport/ws-client';
import { exposed, handlers, invokeFrom } from '../support/fake-electron';
import { bridgeServer, NodeSocket } from '../support/lab-socket';

const ownUrl = `${APP_INDEX_URL}#/lab`;
// an emitter, as Electron's webContents is: ipc.ts ends a page's calls on its 'did-start-loading'
const webContents = Object.assign(new EventEmitter(), { getURL: () => ownUrl, send: () => undefined });
const win = { isDestroyed: () => false, webContents };
const fromUs = { sender: webContents, senderFrame: { url: ownUrl, parent: null } };

// One stand-in serves both sides: what the preload invokes reaches the handlers ipc.ts registered.
vi.mock('electron', () => import('../support/fake-electron'));
invokeFrom.event = fromUs;

/** Good arguments for every method (a Record, so a new table entry does not compile until it has some). */
const GOOD_ARGS: Readonly<Record<LabMethod, readonly unknown[]>> = {
  getInfo: [],
  checkQuiet: [],
  startExperiment: [{ workloads: ['primes'] }],
  cancelExperiment: ['r1'],
  listDemos: [],
  startDemo: ['race', { speed: 'slow' }],
  cancelDemo: ['d1'],
  runDemoPython: ['race'],
  stopDemoPython: ['race'],
  listHistory: [],
  getReport: ['e1'],
  deleteReport: ['e1'],
  importReport: ['{}', 'a.json'],
  exportReport: ['e1', 'csv'],
  openWorkloadFile: ['k.mjs', 'export const meta = {};'],
  listWorkloadFiles: [],
};

/** The engine as a recorder: each method logs its arguments and resolves with its own name. */
const arrived: { method: string; args: unknown[] }[] = [];
const fakeEngine = {
  ...Object.fromEntries(
    LAB_METHODS.map((method) => [
      method,
      (...args: unknown[]) => {
        arrived.push({ method, args: args.filter((a) => !(a instanceof AbortSignal)) });
        return Promise.resolve(LAB_METHOD_TABLE[method].result.hasValue ? { from: method } : undefined);
      },
    ]),
  ),
  onEvent: () => () => undefined,
} as unknown as ClientLabApi;

type AnyCall = (...args: unknown[]) => Promise<unknown>;
const callOf = (api: LabApi, method: LabMethod): AnyCall => {
  const fn = api[method] as AnyCall;
  return (...args) => fn.apply(api, args);
};

let ipcApi: LabApi;
let wsApi: LabConnection;
let unregister: () => void;
let closeServer: () => Promise<void>;

beforeAll(async () => {
  const { registerLabIpc } = await import('../../electron/main/ipc');
  unregister = registerLabIpc(fakeEngine, () => win as never, APP_PAGE);
  await import('../../electron/preload/index');
  if (!exposed.api) throw new Error('the preload exposed nothing');
  // As the UI sees it: install.ts wraps the preload's object so rejections are LabErrors again.
  ipcApi = withLabErrors(exposed.api as LabApi);
  const server = await bridgeServer(fakeEngine, {});
  closeServer = server.close;
  wsApi = await connectLab(server.url, { WebSocketImpl: NodeSocket });
});

afterAll(async () => {
  wsApi.close();
  await closeServer();
  unregister();
});

const transports = (): [string, LabApi][] => [
  ['electron ipc (preload)', ipcApi],
  ['websocket', wsApi],
];

describe('the method table', () => {
  it('has an IPC channel and handler, a preload method and a WebSocket client method for every entry', () => {
    expect(Object.keys(LAB_CHANNELS).sort()).toEqual([...LAB_METHODS].sort());
    expect([...handlers.keys()].sort()).toEqual(LAB_METHODS.map((m) => `lab:${m}`).sort());
    const preload = exposed.api as Record<string, unknown>;
    for (const method of LAB_METHODS) {
      expect({ method, preload: typeof preload[method] }).toEqual({ method, preload: 'function' });
      expect({ method, ws: typeof wsApi[method] }).toEqual({ method, ws: 'function' });
    }
  });

  it('says which methods are control actions, and the budgets read it from there', () => {
    for (const method of LAB_METHODS) {
      const control = LAB_METHOD_TABLE[method].control;
      expect(MUTATING_METHODS.has(method)).toBe(control === true);
      if (typeof control === 'boolean') expect(isControlCall(method, GOOD_ARGS[method])).toBe(control);
    }
    expect(isControlCall('exportReport', ['e1', 'pdf'])).toBe(true);
    expect(isControlCall('exportReport', ['e1', 'png'])).toBe(true);
    expect(isControlCall('exportReport', ['e1', 'md'])).toBe(false);
  });

  it('carries every method to the engine with its arguments and back, on every transport', async () => {
    for (const [transport, api] of transports()) {
      for (const method of LAB_METHODS) {
        arrived.length = 0;
        const value = await callOf(api, method)(...GOOD_ARGS[method]);
        expect({ transport, arrived }).toEqual({
          transport,
          arrived: [{ method, args: [...GOOD_ARGS[method]] }],
        });
        // getInfo over the WebSocket also says which transport and whether the client may only watch.
        if (LAB_METHOD_TABLE[method].result.hasValue)
          expect({ transport, method, value }).toMatchObject({ transport, method, value: { from: method } });
        else expect({ transport, method, value }).toEqual({ transport, method, value: undefined });
      }
    }
  });

  it('refuses a bad argument on every transport, naming it, before the engine sees it', async () => {
    for (const [transport, api] of transports()) {
      for (const method of LAB_METHODS) {
        const good = GOOD_ARGS[method];
        // 42 is wrong for every first argument (all strings or an object); a method without any refuses one.
        const bad = good.length ? [42, ...good.slice(1)] : [42];
        const field = good.length ? `${method}(args[0])` : `${method}(args)`;
        arrived.length = 0;
        const err = await callOf(
          api,
          method,
        )(...bad).then(
          () => null,
          (e: unknown) => e,
        );
        expect({ transport, method, isLabError: err instanceof LabError }).toEqual({
          transport,
          method,
          isLabError: true,
        });
        const { code, issues } = err as LabError;
        expect({ transport, code }).toEqual({
          transport,
          code: method === 'importReport' ? 'invalid-report' : 'invalid-config',
        });
        expect({ transport, fields: issues.map((i) => i.field) }).toEqual({ transport, fields: [field] });
        expect(arrived).toEqual([]);
      }
    }
  });
});
