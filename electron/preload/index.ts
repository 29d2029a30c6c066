/**
 * The renderer's only door to the engine: `window.lab`, the LabApi derived from the method table
 * (electron/common/api.ts), one channel per method, plus onMenuCommand for the app menu. Only functions are
 * exposed, ipcRenderer itself never. Built as CommonJS (index.cjs) because sandboxed preloads cannot be ES
 * modules; it imports only electron and electron/common.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  LAB_CHANNELS,
  LAB_EVENT_CHANNEL,
  labMethodsOver,
  type LabApi,
  type LabEvent,
  type LabReply,
} from '../common/api';
import type { LabErrorData } from '../common/errors';
import { labEventsIn } from '../common/event-batch';
import { isMenuCommand, MENU_CHANNEL, type LabShellExtras, type MenuCommand } from '../common/menu-channel';

/**
 * Rejects with plain LabErrorData, not an Error: contextBridge copies only an Error's message into the page,
 * while a plain object arrives whole. renderer/transport/normalize.ts turns it back into a LabError.
 */
const methods = labMethodsOver(async (method, args) => {
  // Only the arguments given are sent: the main side refuses extra ones and checks every one of these.
  const reply = (await ipcRenderer.invoke(LAB_CHANNELS[method], ...args)) as LabReply;
  if (reply.ok) return reply.value;
  const { code, message, issues } = reply.error;
  const error: LabErrorData & { name: string } = { name: 'LabError', code, message, issues: [...issues] };
  throw error; // an Error would lose code and issues on the way through contextBridge
});

// One IPC subscription fans out to every UI listener, so unsubscribing never touches ipcRenderer's list. A
// message carries one event or a live run's batch of them (electron/main/ipc.ts), handed on one by one.
const listeners = new Set<(event: LabEvent) => void>();
ipcRenderer.on(LAB_EVENT_CHANNEL, (_event: IpcRendererEvent, message: unknown) => {
  for (const labEvent of labEventsIn(message) ?? []) {
    for (const listener of [...listeners]) {
      try {
        listener(labEvent);
      } catch (err) {
        console.error(err);
      }
    }
  }
});

const menuListeners = new Set<(command: MenuCommand) => void>();
ipcRenderer.on(MENU_CHANNEL, (_event: IpcRendererEvent, command: unknown) => {
  if (!isMenuCommand(command)) return;
  for (const listener of [...menuListeners]) listener(command);
});

const api = {
  ...methods,
  onEvent: (listener: (event: LabEvent) => void) => {
    if (typeof listener !== 'function') throw new TypeError('onEvent needs a function');
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  },
  onMenuCommand: (listener: (command: MenuCommand) => void) => {
    if (typeof listener !== 'function') throw new TypeError('onMenuCommand needs a function');
    menuListeners.add(listener);
    return () => {
      menuListeners.delete(listener);
    };
  },
} satisfies LabApi & LabShellExtras;

contextBridge.exposeInMainWorld('lab', api);
