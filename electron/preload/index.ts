/**
 * The renderer's only door to the engine: `window.lab`, a LabApi of fixed methods over fixed channels, plus
 * onMenuCommand for the app menu. ipcRenderer itself is never exposed. Built as CommonJS (index.cjs) because
 * sandboxed preloads cannot be ES modules.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  LAB_CHANNELS,
  LAB_EVENT_CHANNEL,
  type DemoStartOptions,
  type ExportedFile,
  type HistoryEntrySummary,
  type LabApi,
  type LabEvent,
  type LabInfo,
  type ReportFileFormat,
} from '../common/api';
import type { ExperimentConfigInput } from '../common/config';
import type { DemoMeta } from '../common/demos';
import type { Report } from '../common/report';
import type { LabErrorData } from '../common/errors';
import { isMenuCommand, MENU_CHANNEL, type LabShellExtras, type MenuCommand } from '../main/menu-channel';

type Reply = { ok: true; value: unknown } | { ok: false; error: LabErrorData };

/**
 * Rejects with plain LabErrorData, not an Error: contextBridge copies only an Error's message into the page,
 * while a plain object arrives whole. renderer/transport/normalize.ts turns it back into a LabError.
 */
async function invoke(channel: string, ...args: unknown[]): Promise<unknown> {
  const reply = (await ipcRenderer.invoke(channel, ...args)) as Reply;
  if (reply.ok) return reply.value;
  const { code, message, issues } = reply.error;
  const error: LabErrorData & { name: string } = { name: 'LabError', code, message, issues: [...issues] };
  throw error; // an Error would lose code and issues on the way through contextBridge
}

// One IPC subscription fans out to every UI listener, so unsubscribing never touches ipcRenderer's list.
const listeners = new Set<(event: LabEvent) => void>();
ipcRenderer.on(LAB_EVENT_CHANNEL, (_event: IpcRendererEvent, labEvent: LabEvent) => {
  for (const listener of [...listeners]) {
    try {
      listener(labEvent);
    } catch (err) {
      console.error(err);
    }
  }
});

const menuListeners = new Set<(command: MenuCommand) => void>();
ipcRenderer.on(MENU_CHANNEL, (_event: IpcRendererEvent, command: unknown) => {
  if (!isMenuCommand(command)) return;
  for (const listener of [...menuListeners]) listener(command);
});

const api = {
  getInfo: () => invoke(LAB_CHANNELS.getInfo) as Promise<LabInfo>,
  startExperiment: (config: ExperimentConfigInput) =>
    invoke(LAB_CHANNELS.startExperiment, config) as Promise<{ readonly runId: string }>,
  cancelExperiment: async (runId: string) => {
    await invoke(LAB_CHANNELS.cancelExperiment, runId);
  },
  listDemos: () => invoke(LAB_CHANNELS.listDemos) as Promise<DemoMeta[]>,
  // Only the arguments given are sent: the main side refuses extra ones and checks every one of these.
  startDemo: (id: string, options?: DemoStartOptions) =>
    (options === undefined
      ? invoke(LAB_CHANNELS.startDemo, id)
      : invoke(LAB_CHANNELS.startDemo, id, options)) as Promise<{ readonly runId: string }>,
  cancelDemo: async (runId: string) => {
    await invoke(LAB_CHANNELS.cancelDemo, runId);
  },
  listHistory: () => invoke(LAB_CHANNELS.listHistory) as Promise<HistoryEntrySummary[]>,
  getReport: (id: string) => invoke(LAB_CHANNELS.getReport, id) as Promise<Report>,
  deleteReport: async (id: string) => {
    await invoke(LAB_CHANNELS.deleteReport, id);
  },
  importReport: (text: string, fileName: string) =>
    invoke(LAB_CHANNELS.importReport, text, fileName) as Promise<Report>,
  exportReport: (id: string, format: ReportFileFormat) =>
    invoke(LAB_CHANNELS.exportReport, id, format) as Promise<ExportedFile>,
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
