/**
 * Stand-ins for the electron module that join the preload to electron/main/ipc.ts in one Node process:
 * what the preload invokes reaches the handler ipc.ts registered, as if sent by `invokeFrom.event`, and
 * `exposed.api` is what the preload gave contextBridge. Use as `vi.mock('electron', () =>
 * import('../support/fake-electron'))`; each test file gets its own copy of this state.
 */
import type { LabReply } from '../../electron/common/api';

type Handler = (event: unknown, ...args: unknown[]) => Promise<LabReply>;
type RendererListener = (event: unknown, payload: unknown) => void;

export const handlers = new Map<string, Handler>();
/** The preload's ipcRenderer.on listeners, by channel: a fake webContents.send calls them. */
export const rendererListeners = new Map<string, RendererListener>();
/** The IpcMainInvokeEvent the handlers see (our window's top frame, unless a test says otherwise). */
export const invokeFrom: { event: unknown } = { event: null };
export const exposed: { api: unknown } = { api: null };

export const ipcMain = {
  handle: (channel: string, handler: Handler) => handlers.set(channel, handler),
  removeHandler: (channel: string) => handlers.delete(channel),
};

export const ipcRenderer = {
  invoke: (channel: string, ...args: unknown[]) => {
    const handler = handlers.get(channel);
    if (!handler) return Promise.reject(new Error(`no handler for ${channel}`));
    return handler(invokeFrom.event, ...args);
  },
  on: (channel: string, listener: RendererListener) => {
    rendererListeners.set(channel, listener);
  },
};

export const contextBridge = {
  exposeInMainWorld: (_key: string, api: unknown) => {
    exposed.api = api;
  },
};
