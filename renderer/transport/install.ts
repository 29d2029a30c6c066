/**
 * The browser mode's way to the engine, loaded by renderer/lab.ts only when the preload set no `window.lab`:
 * it connects to the WebSocket of the server that served this page (`npm run serve`) and sets `window.lab` to
 * that client, whose rejections are LabError instances already. Given a preload's object instead, it wraps
 * it with withLabErrors to restore the LabError instances contextBridge cannot carry; but in Electron
 * connectLab returns the preload's object itself and never calls this, so there the UI receives the plain
 * LabErrorData the preload rejects with.
 */
import './no-eval';
import type { LabApi } from '../../electron/common/api';
import { LabError } from '../../electron/common/errors';
import { KEY_PATTERN, KEY_QUERY_PARAM, LAB_SOCKET_PATH } from '../../electron/common/lab-socket';
import { withLabErrors } from './normalize';
import { connectLab } from './ws-client';

let pending: Promise<LabApi> | null = null;
/** Where the key is kept for this tab, so a reload still connects after the address bar was cleaned. */
const KEY_STORAGE = 'threadlab.key';

/** The socket URL of the server this page came from. */
export function labSocketUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}${LAB_SOCKET_PATH}`;
}

/**
 * The key from the page's URL (`?token=`, as `serve` prints it), which is then removed from the address bar
 * so it shows in no screenshot, bookmark or shared link; else the one this tab was opened with.
 */
export function takePageKey(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get(KEY_QUERY_PARAM);
  if (fromUrl !== null) {
    url.searchParams.delete(KEY_QUERY_PARAM);
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
    if (KEY_PATTERN.test(fromUrl)) {
      window.sessionStorage.setItem(KEY_STORAGE, fromUrl);
      return fromUrl;
    }
  }
  return window.sessionStorage.getItem(KEY_STORAGE);
}

/** Resolves with the LabApi, connecting first if this is browser mode. Every call gets the same object. */
export function ensureLabApi(): Promise<LabApi> {
  if (pending) return pending;
  const fromPreload = window.lab;
  pending = fromPreload
    ? Promise.resolve(withLabErrors(fromPreload))
    : connectBrowserMode().then(
        (api) => {
          window.lab = api;
          return api;
        },
        (err: unknown) => {
          // Let a later call (a "retry" button) try again.
          pending = null;
          throw err;
        },
      );
  return pending;
}

function connectBrowserMode(): Promise<LabApi> {
  const key = takePageKey();
  if (key === null)
    return Promise.reject(
      new LabError(
        'internal',
        'this page was opened without the key of the lab: open the link `npm run serve` printed ' +
          `(it ends in ?${KEY_QUERY_PARAM}=...)`,
      ),
    );
  return connectLab(labSocketUrl(window.location), { key, reconnect: true });
}
