/**
 * Menu commands the shell sends to the UI (main -> renderer), shared by the menu and the preload. The UI owns
 * the state they toggle (theme, text size) and the dialogs they open (import: pick a file and call
 * importReport; export: choose a format for the report on screen and call exportReport), so the menu sends
 * commands rather than values.
 */
import type { Unsubscribe } from './api-types';

export const MENU_CHANNEL = 'lab:menu';
export const MENU_COMMANDS = ['toggle-large-text', 'toggle-theme', 'import-report', 'export-report'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

/** What the preload adds to window.lab beyond LabApi; the UI looks it up and copes with its absence. */
export interface LabShellExtras {
  onMenuCommand(listener: (command: MenuCommand) => void): Unsubscribe;
}

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value);
}
