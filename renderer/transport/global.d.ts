import type { LabApi } from '../../electron/common/api';

declare global {
  interface Window {
    /** Set by the Electron preload (contextBridge) or, in browser mode, by ensureLabApi(). */
    lab?: LabApi;
  }
}

export {};
