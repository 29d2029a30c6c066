/**
 * The only place that touches `window.lab`. Everything else receives the LabApi through LabContext, so
 * components and hooks can be rendered in tests with the in-process engine and nothing global.
 */
import type { LabApi, Unsubscribe } from '../electron/common/api';

/** Commands a desktop shell may send from its menu (optional: the browser mode has no menu). */
export type MenuCommand = 'toggle-large-text' | 'toggle-theme';

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
  if (window.lab) return window.lab;
  const { ensureLabApi } = await import('./transport/install');
  return ensureLabApi();
}

/** Subscribes to menu commands if the shell offers them; otherwise does nothing. */
export function onMenuCommand(listener: (command: MenuCommand) => void): Unsubscribe {
  const lab = window.lab as (LabApi & LabShellExtras) | undefined;
  if (typeof lab?.onMenuCommand !== 'function') return () => undefined;
  return lab.onMenuCommand((command) => {
    if (command === 'toggle-large-text' || command === 'toggle-theme') listener(command);
  });
}
