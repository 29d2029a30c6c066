/**
 * The Electron shell: one hardened window, the engine in this process behind LabApi, and IPC between them.
 * Runs are recorded in <userData>/history; PDF and PNG exports render in a hidden, script-less window.
 * Quitting during a run cancels it and waits until every worker is gone and the history is written.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, Menu, protocol, session } from 'electron';
import { createLabService } from '../lab/api/lab-service';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppHandler } from './app-protocol';
import { handleDownloads } from './downloads';
import { renderInWindow } from './export-window';
import { APP_PAGE, devPage } from './guards';
import { registerLabIpc } from './ipc';
import { buildMenu } from './menu';
import { appPaths } from './paths';
import { MENU_CHANNEL } from '../common/menu-channel';
import { createMainWindow, guardContents, hardenSession } from './window';

/** Longest wait for the engine to stop on quit; a wedged worker must not keep the app from closing. */
const QUIT_TIMEOUT_MS = 15_000;

const paths = appPaths(path.dirname(fileURLToPath(import.meta.url)));
const dev = !app.isPackaged ? devPage(process.env.ELECTRON_RENDERER_URL) : null;
const page = dev ?? APP_PAGE;

// Every renderer sandboxed, even one created by a library by mistake.
app.enableSandbox();
// Must happen before 'ready': the UI's origin app://threadlab (see app-protocol.ts for why not file://).
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  const service = createLabService({
    entriesDir: paths.labDir,
    transport: 'electron',
    historyDir: path.join(app.getPath('userData'), 'history'),
    renderDocument: renderInWindow,
  });
  let win: BrowserWindow | null = null;
  const getWindow = () => (win && !win.isDestroyed() ? win : null);

  const openWindow = (): void => {
    win = createMainWindow({ preload: paths.preload, page });
    win.on('closed', () => {
      win = null;
    });
  };

  app.on('web-contents-created', (_event, contents) => guardContents(contents, page));

  app.on('second-instance', () => {
    const w = getWindow();
    if (w) {
      if (w.isMinimized()) w.restore();
      w.focus();
    }
  });

  let engineClosed = false;
  let closing = false;
  app.on('before-quit', (event) => {
    if (engineClosed) return;
    event.preventDefault();
    if (closing) return;
    closing = true;
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, QUIT_TIMEOUT_MS).unref());
    void Promise.race([service.close(), timeout])
      .catch((err: unknown) => console.error('threadlab: closing the engine failed', err))
      .finally(() => {
        engineClosed = true;
        app.quit();
      });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  void app.whenReady().then(() => {
    protocol.handle(APP_SCHEME, createAppHandler({ root: path.dirname(paths.rendererHtml) }));
    hardenSession(session.defaultSession, page);
    handleDownloads(session.defaultSession, getWindow, page);
    registerLabIpc(service, getWindow, page);
    Menu.setApplicationMenu(
      buildMenu({
        dev: dev !== null,
        getWindow,
        send: (command) => getWindow()?.webContents.send(MENU_CHANNEL, command),
      }),
    );
    openWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) openWindow();
    });
  });
}
