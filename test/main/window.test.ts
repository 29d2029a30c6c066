/**
 * The window's guards and session hardening against a stand-in for 'electron': every navigation event
 * (will-navigate, will-frame-navigate for any frame, will-redirect) is denied unless it stays on
 * app://threadlab, new windows and webviews are refused, the window loads app://threadlab/index.html, and
 * the session answers with the desktop CSP and denies every permission.
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { APP_INDEX_URL, devCsp, shellCsp } from '../../electron/main/app-protocol';
import { APP_PAGE, devPage } from '../../electron/main/guards';

const opened: string[] = [];
const windows: { options: unknown; loaded: string[] }[] = [];

vi.mock('electron', () => ({
  shell: { openExternal: (url: string) => Promise.resolve(void opened.push(url)) },
  BrowserWindow: class {
    readonly loaded: string[] = [];
    constructor(readonly options: unknown) {
      windows.push(this);
    }
    once(): void {}
    loadURL(url: string): Promise<void> {
      this.loaded.push(url);
      return Promise.resolve();
    }
    loadFile(file: string): Promise<void> {
      this.loaded.push(`loadFile:${file}`);
      return Promise.resolve();
    }
  },
}));

const { createMainWindow, guardContents, hardenSession } = await import('../../electron/main/window');

type OpenHandler = (details: { url: string }) => { action: string };

/** A web contents that records its handlers; emit() returns whether the guard prevented the default. */
class FakeContents extends EventEmitter {
  openHandler: OpenHandler | null = null;
  setWindowOpenHandler(handler: OpenHandler): void {
    this.openHandler = handler;
  }
  fire(name: string, details: Record<string, unknown>): boolean {
    let prevented = false;
    this.emit(name, { ...details, preventDefault: () => (prevented = true) });
    return prevented;
  }
}

function guarded(page = APP_PAGE): FakeContents {
  const contents = new FakeContents();
  guardContents(contents as never, page);
  return contents;
}

describe('navigation guards', () => {
  it('denies will-frame-navigate of any frame, main or sub, to anything but app://threadlab', () => {
    const contents = guarded();
    expect(contents.listenerCount('will-frame-navigate')).toBe(1);
    for (const isMainFrame of [true, false]) {
      for (const url of [
        'https://example.com/',
        'file:///etc/passwd',
        'app://evil/index.html',
        'app://export/x.html',
        'about:blank',
        'javascript:alert(1)',
        'data:text/html,<script>1</script>',
      ]) {
        expect(contents.fire('will-frame-navigate', { url, isMainFrame }), url).toBe(true);
      }
      expect(contents.fire('will-frame-navigate', { url: `${APP_INDEX_URL}#/demos`, isMainFrame })).toBe(
        false,
      );
    }
  });

  it('denies will-navigate and will-redirect away from our origin', () => {
    const contents = guarded();
    for (const name of ['will-navigate', 'will-redirect']) {
      expect(contents.fire(name, { url: 'https://example.com/' }), name).toBe(true);
      expect(contents.fire(name, { url: 'file:///tmp/x.html' }), name).toBe(true);
      expect(contents.fire(name, { url: APP_INDEX_URL }), name).toBe(false);
    }
  });

  it('in dev allows only the dev server origin', () => {
    const dev = devPage('http://localhost:5173/');
    if (!dev) throw new Error('dev page');
    const contents = guarded(dev);
    expect(contents.fire('will-frame-navigate', { url: 'http://localhost:5173/x', isMainFrame: false })).toBe(
      false,
    );
    expect(contents.fire('will-frame-navigate', { url: APP_INDEX_URL, isMainFrame: true })).toBe(true);
    expect(contents.fire('will-navigate', { url: 'http://localhost:5174/' })).toBe(true);
  });

  it('refuses webviews and new windows; documentation links go to the browser', () => {
    const contents = guarded();
    expect(contents.fire('will-attach-webview', {})).toBe(true);
    opened.length = 0;
    expect(contents.openHandler?.({ url: 'https://nodejs.org/api/worker_threads.html' })).toEqual({
      action: 'deny',
    });
    expect(contents.openHandler?.({ url: APP_INDEX_URL })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://nodejs.org/api/worker_threads.html']);
  });
});

describe('the main window and its session', () => {
  it('loads the UI from app://threadlab, never file://', () => {
    windows.length = 0;
    createMainWindow({ preload: '/x/preload.cjs', page: APP_PAGE });
    expect(windows[0]?.loaded).toEqual([APP_INDEX_URL]);
    const prefs = (windows[0]?.options as { webPreferences: Record<string, unknown> }).webPreferences;
    expect(prefs).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
  });

  it('sends the desktop CSP (or the dev one) on every response and denies every permission', () => {
    for (const [page, csp] of [
      [APP_PAGE, shellCsp()],
      [devPage('http://127.0.0.1:5173'), devCsp('http://127.0.0.1:5173')],
    ] as const) {
      if (!page) throw new Error('page');
      type HeadersListener = (
        details: unknown,
        callback: (r: { responseHeaders: Record<string, string[]> }) => void,
      ) => void;
      const captured: { onHeaders?: HeadersListener } = {};
      const answers: boolean[] = [];
      const ses = {
        setPermissionRequestHandler: (h: (c: unknown, p: string, cb: (ok: boolean) => void) => void) =>
          h(null, 'media', (ok) => answers.push(ok)),
        setPermissionCheckHandler: (h: () => boolean) => answers.push(h()),
        setDevicePermissionHandler: (h: () => boolean) => answers.push(h()),
        webRequest: { onHeadersReceived: (h: HeadersListener) => (captured.onHeaders = h) },
      };
      hardenSession(ses as never, page);
      expect(answers).toEqual([false, false, false]);
      let headers: Record<string, string[]> = {};
      captured.onHeaders?.({ responseHeaders: { 'Content-Security-Policy': ['default-src *'] } }, (r) => {
        headers = r.responseHeaders;
      });
      expect(headers['Content-Security-Policy']).toEqual([csp]);
    }
  });
});
