/**
 * The application menu: File (import a report, export, quit), View (large text, theme; reload and devtools in
 * dev only), Help (about). Import and export are commands to the UI, which owns their dialogs.
 */
import { app, dialog, Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../common/menu-channel';

export interface MenuOptions {
  readonly dev: boolean;
  readonly getWindow: () => BrowserWindow | null;
  /** hands a command to the UI, which owns the state it toggles */
  readonly send: (command: MenuCommand) => void;
}

export function buildMenu(options: MenuOptions): Menu {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        {
          label: 'Import Report…',
          accelerator: 'CmdOrCtrl+O',
          click: () => options.send('import-report'),
        },
        {
          label: 'Export…',
          accelerator: 'CmdOrCtrl+Shift+E',
          click: () => options.send('export-report'),
        },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit', label: 'Quit ThreadLab' },
      ],
    },
    {
      label: '&View',
      submenu: [
        {
          label: 'Large Text',
          accelerator: 'CmdOrCtrl+Shift+L',
          click: () => options.send('toggle-large-text'),
        },
        {
          label: 'Light / Dark Theme',
          accelerator: 'CmdOrCtrl+Shift+T',
          click: () => options.send('toggle-theme'),
        },
        ...(options.dev
          ? [{ type: 'separator' as const }, { role: 'reload' as const }, { role: 'toggleDevTools' as const }]
          : []),
      ],
    },
    {
      label: '&Help',
      submenu: [{ label: 'About ThreadLab', click: () => void showAbout(options.getWindow()) }],
    },
  ];
  return Menu.buildFromTemplate(template);
}

async function showAbout(win: BrowserWindow | null): Promise<void> {
  const v = process.versions;
  const box = {
    type: 'info' as const,
    title: 'About ThreadLab',
    message: `ThreadLab ${app.getVersion()}`,
    detail:
      'See what threads, processes and a global interpreter lock do to real work on this machine.\n\n' +
      `Electron ${v.electron ?? '?'} · Chromium ${v.chrome ?? '?'} · Node ${v.node}`,
    buttons: ['OK'],
  };
  if (win && !win.isDestroyed()) await dialog.showMessageBox(win, box);
  else await dialog.showMessageBox(box);
}
