/**
 * PDF and PNG exports in the shell, without any browser but Electron's own: the self-contained HTML export
 * is loaded into a hidden window that is sandboxed, runs no JavaScript, has no preload and lives in its own
 * in-memory session that may load nothing but that one page, served from memory on app://export/ (no
 * temporary file, no file://). A hostile report gets no more power here than its HTML file opened by hand.
 */
import { randomUUID } from 'node:crypto';
import { BrowserWindow, session, type Session } from 'electron';
import { LabError } from '../common/errors';
import type { DocumentRenderer } from '../lab/api/lab-service';
import { APP_SCHEME, createExportPageHandler, EXPORT_ORIGIN } from './app-protocol';
import { isExportPageRequest } from './guards';

const LOAD_TIMEOUT_MS = 30_000;
/** The tallest page captured for a PNG without a chart; past it the image is cut (a very long report). */
const MAX_CAPTURE_PX = 8000;
const PAGE_WIDTH_PX = 1100;

let exportSession: Session | null = null;
/** The pages being rendered now, by URL: the only thing the export session may load. */
const pages = new Map<string, string>();

/** The export windows' session (in memory: no 'persist:'): no permission, no request but the page itself. */
function isolatedSession(): Session {
  if (exportSession) return exportSession;
  const ses = session.fromPartition('threadlab-export', { cache: false });
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.protocol.handle(APP_SCHEME, createExportPageHandler(pages));
  ses.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isExportPageRequest(details.url, details.resourceType, pages) });
  });
  ses.on('will-download', (event) => event.preventDefault());
  exportSession = ses;
  return ses;
}

/** A DocumentRenderer for createLabService, to be called after app 'ready'. */
export const renderInWindow: DocumentRenderer = async (html, format) => {
  const win = new BrowserWindow({
    show: false,
    width: PAGE_WIDTH_PX,
    height: 900,
    webPreferences: {
      session: isolatedSession(),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      javascript: false,
      webSecurity: true,
      webviewTag: false,
      images: true,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
      // Hidden windows still paint for capturePage.
      offscreen: format === 'png',
    },
  });
  const url = `${EXPORT_ORIGIN}/${randomUUID()}.html`;
  pages.set(url, html);
  try {
    await withTimeout(win.loadURL(url), `loading the ${format} export`);
    if (format === 'pdf') {
      return await win.webContents.printToPDF({ printBackground: true, preferCSSPageSize: true });
    }
    return await capturePng(win);
  } finally {
    pages.delete(url);
    if (!win.isDestroyed()) win.destroy();
  }
};

/**
 * The first speedup chart (the whole page when there is none), as exported by the Chromium renderer. The
 * page runs no script, so its geometry comes from the DevTools protocol, which needs none.
 */
async function capturePng(win: BrowserWindow): Promise<Uint8Array> {
  const dbg = win.webContents.debugger;
  dbg.attach('1.3');
  let rect: { x: number; y: number; width: number; height: number } | null = null;
  let pageHeight = 900;
  try {
    const metrics = (await dbg.sendCommand('Page.getLayoutMetrics')) as {
      cssContentSize?: { height: number };
    };
    pageHeight = Math.ceil(metrics.cssContentSize?.height ?? pageHeight);
    const { root } = (await dbg.sendCommand('DOM.getDocument', { depth: 0 })) as { root: { nodeId: number } };
    const { nodeId } = (await dbg.sendCommand('DOM.querySelector', {
      nodeId: root.nodeId,
      selector: 'svg.speedup',
    })) as { nodeId: number };
    if (nodeId) {
      const { model } = (await dbg.sendCommand('DOM.getBoxModel', { nodeId })) as {
        model: { border: number[]; width: number; height: number };
      };
      const [x = 0, y = 0] = model.border;
      rect = {
        x: Math.floor(x),
        y: Math.floor(y),
        width: Math.ceil(model.width),
        height: Math.ceil(model.height),
      };
    }
  } finally {
    dbg.detach();
  }
  // capturePage sees only the window's area: make it as tall as the page (up to a bound).
  win.setContentSize(PAGE_WIDTH_PX, Math.min(Math.max(pageHeight, 1), MAX_CAPTURE_PX));
  await new Promise((resolve) => setTimeout(resolve, 150));
  const image = await win.webContents.capturePage(rect ?? undefined);
  if (image.isEmpty()) throw new LabError('internal', 'the PNG export came out empty');
  return image.toPNG();
}

async function withTimeout<T>(p: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new LabError('internal', `${what} took longer than ${LOAD_TIMEOUT_MS / 1000} s`)),
      LOAD_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
