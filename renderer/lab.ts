/**
 * The app's one reader of `window.lab`, which the preload sets in Electron and transport/install.ts sets in a
 * browser. Components and hooks receive the LabApi through LabContext instead, so they can be rendered in
 * tests with the in-process engine and nothing global.
 */
import type { LabApi, Unsubscribe } from '../electron/common/api';

/** Commands a desktop shell may send from its menu (optional: the browser mode has no menu). */
export type MenuCommand = 'toggle-large-text' | 'toggle-theme';
/** The File menu's report commands: they open the import picker or the export menu of the open report. */
export type ReportCommand = 'import-report' | 'export-report';

/** What a shell may add to window.lab beyond LabApi; both are optional and looked up at run time. */
interface LabShellExtras {
  onMenuCommand?: (listener: (command: string) => void) => Unsubscribe;
}

/**
 * Resolves with the engine's API: the preload's object in Electron, or a WebSocket bridge that the transport
 * installs in browser mode. The transport is loaded lazily so a failure to reach the engine is a rejected
 * promise the caller can show, not a blank page.
 */
export async function connectLab(): Promise<LabApi> {
  if (window.lab) {
    listenForReportCommands();
    return window.lab;
  }
  const { ensureLabApi } = await import('./transport/install');
  return ensureLabApi();
}

function shellMenu(): LabShellExtras['onMenuCommand'] | null {
  const lab = window.lab as (LabApi & LabShellExtras) | undefined;
  return typeof lab?.onMenuCommand === 'function' ? lab.onMenuCommand.bind(lab) : null;
}

/** Subscribes to menu commands if the shell offers them; otherwise does nothing. */
export function onMenuCommand(listener: (command: MenuCommand) => void): Unsubscribe {
  const subscribe = shellMenu();
  if (!subscribe) return () => undefined;
  return subscribe((command) => {
    if (command === 'toggle-large-text' || command === 'toggle-theme') listener(command);
  });
}

// Report commands must work from any section, but only the mounted section listens. A command nobody is
// listening for is kept for a moment and App is asked to show the Reports section, which picks the command
// up as it subscribes.
const reportListeners = new Map<ReportCommand, Set<() => void>>();
let pending: { command: ReportCommand; atMs: number } | null = null;
let shellListening = false;
const PENDING_MS = 5000;

function deliver(command: ReportCommand): void {
  const listeners = reportListeners.get(command);
  if (listeners?.size) {
    for (const listener of [...listeners]) listener();
    return;
  }
  pending = { command, atMs: Date.now() };
  for (const listener of [...sectionListeners]) listener('reports');
}

const sectionListeners = new Set<(sectionId: string) => void>();

/** App subscribes here: a menu command for a section that is not shown asks for that section. */
export function onSectionRequest(listener: (sectionId: string) => void): Unsubscribe {
  listenForReportCommands();
  sectionListeners.add(listener);
  return () => {
    sectionListeners.delete(listener);
  };
}

function listenForReportCommands(): void {
  const subscribe = shellMenu();
  if (shellListening || !subscribe) return;
  shellListening = true;
  subscribe((command) => {
    if (command === 'import-report' || command === 'export-report') deliver(command);
  });
}

/** Subscribes to one report command from the shell's menu; returns the unsubscribe. */
export function onReportCommand(command: ReportCommand, listener: () => void): Unsubscribe {
  listenForReportCommands();
  const set = reportListeners.get(command) ?? new Set<() => void>();
  reportListeners.set(command, set);
  set.add(listener);
  if (pending?.command === command) {
    const fresh = Date.now() - pending.atMs < PENDING_MS;
    pending = null;
    if (fresh) listener();
  }
  return () => {
    set.delete(listener);
  };
}
