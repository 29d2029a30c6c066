/**
 * Makes sure `window.lab` exists before the app renders: in Electron the preload has already set it; in a
 * browser (`npm run serve`) it connects to the WebSocket of the server that served this page. The app should
 * use the LabApi this resolves with: in Electron it restores LabError instances, which contextBridge cannot
 * carry across.
 */
import type { LabApi } from '../../electron/common/api';
import { withLabErrors } from './normalize';
import { connectLab } from './ws-client';

let pending: Promise<LabApi> | null = null;

/** The socket URL of the server this page came from. */
export function labSocketUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/lab`;
}

/** Resolves with the LabApi, connecting first if this is browser mode. Every call gets the same object. */
export function ensureLabApi(): Promise<LabApi> {
  if (pending) return pending;
  const fromPreload = window.lab;
  pending = fromPreload
    ? Promise.resolve(withLabErrors(fromPreload))
    : connectLab(labSocketUrl(window.location), { reconnect: true }).then(
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
