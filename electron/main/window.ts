/**
 * The one window and the hardening of its session: sandboxed renderer with context isolation, no Node, a
 * strict CSP, no navigation (of the page or of any frame in it), no new windows, no webviews, no permissions.
 */
import { BrowserWindow, shell, type Session, type WebContents } from 'electron';
import { APP_INDEX_URL, devCsp, shellCsp } from './app-protocol';
import { isAllowedExternalUrl, isTrustedUrl, type TrustedPage } from './guards';

/**
 * Denies every permission and sets the CSP header on everything the session loads (app:// responses carry
 * it already; this also covers the dev server, whose policy allows its own hot reload socket and nothing else).
 */
export function hardenSession(ses: Session, page: TrustedPage): void {
  const csp = page.kind === 'dev' ? devCsp(page.origin) : shellCsp();
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [csp],
        'X-Content-Type-Options': ['nosniff'],
      },
    });
  });
}

/** Applied to every web contents the app ever creates, so no path around the guards exists. */
export function guardContents(contents: WebContents, page: TrustedPage): void {
  contents.on('will-navigate', (event) => {
    if (!isTrustedUrl(event.url, page)) event.preventDefault();
  });
  // will-navigate sees only the main frame; this one sees every frame, so no iframe can be steered elsewhere.
  contents.on('will-frame-navigate', (event) => {
    if (!isTrustedUrl(event.url, page)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isTrustedUrl(event.url, page)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}

export interface WindowOptions {
  readonly preload: string;
  readonly page: TrustedPage;
}

export function createMainWindow(options: WindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 800,
    minHeight: 560,
    show: false,
    title: 'ThreadLab',
    backgroundColor: '#111418',
    autoHideMenuBar: false,
    webPreferences: {
      preload: options.preload,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      // Middle-click would otherwise try to open links in a new window (denied anyway by the open handler).
      disableBlinkFeatures: 'Auxclick',
    },
  });
  win.once('ready-to-show', () => win.show());
  if (options.page.kind === 'dev') void win.loadURL(options.page.origin);
  else void win.loadURL(APP_INDEX_URL);
  return win;
}
