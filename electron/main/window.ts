/**
 * The one window and the hardening of its session: sandboxed renderer with context isolation, no Node, a
 * strict CSP, no navigation, no new windows, no permissions.
 */
import { BrowserWindow, shell, type Session, type WebContents } from 'electron';
import { CSP_HEADER } from '../lab/serve/csp';
import { isAllowedExternalUrl, isTrustedUrl, type TrustedPage } from './guards';

/** Vite's dev server needs an inline preamble (React refresh) and its HMR socket; only in `npm run dev`. */
const DEV_CSP =
  "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; " +
  "connect-src 'self' ws://localhost:* ws://127.0.0.1:*; img-src 'self' data:; object-src 'none'; base-uri 'none'";

/** Denies every permission and sets the CSP header on everything the session loads. */
export function hardenSession(ses: Session, dev: boolean): void {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [dev ? DEV_CSP : CSP_HEADER],
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
  /** the built index.html, loaded when page.kind is 'file' */
  readonly rendererHtml: string;
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
  else void win.loadFile(options.rendererHtml);
  return win;
}
