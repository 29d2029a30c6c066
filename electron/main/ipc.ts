/**
 * LabApi over Electron IPC, main side: one ipcMain.handle per LAB_CHANNELS entry. A call is served only if it
 * comes from our window's top frame showing our page; the arguments are checked before the engine sees
 * them. Replies are an envelope, because Electron reduces a thrown error to its message and the UI needs the
 * LabError's code and field issues.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { LAB_CHANNELS, LAB_EVENT_CHANNEL, type LabApi } from '../common/api';
import { LabError, type LabErrorData } from '../common/errors';
import { callLabMethod, LAB_METHODS } from '../lab/api/methods';
import { isTrustedUrl, type TrustedPage } from './guards';

/** What every lab:* invoke resolves with. */
export type IpcReply =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: LabErrorData };

export function registerLabIpc(
  api: LabApi,
  getWindow: () => BrowserWindow | null,
  page: TrustedPage,
): () => void {
  const fromOurPage = (event: IpcMainInvokeEvent): boolean => {
    const win = getWindow();
    const frame = event.senderFrame;
    return (
      win !== null &&
      !win.isDestroyed() &&
      event.sender === win.webContents &&
      frame !== null &&
      frame.parent === null &&
      isTrustedUrl(frame.url, page)
    );
  };

  for (const method of LAB_METHODS) {
    ipcMain.handle(LAB_CHANNELS[method], async (event, ...args: unknown[]): Promise<IpcReply> => {
      if (!fromOurPage(event)) {
        return {
          ok: false,
          error: new LabError(
            'internal',
            'refused: the call did not come from the ThreadLab window',
          ).toData(),
        };
      }
      try {
        return { ok: true, value: await callLabMethod(api, method, args) };
      } catch (err) {
        return { ok: false, error: LabError.toData(err) };
      }
    });
  }

  const unsubscribe = api.onEvent((event) => {
    const win = getWindow();
    // Only our window, and only while it shows our page (not after some navigation we failed to stop).
    if (win && !win.isDestroyed() && isTrustedUrl(win.webContents.getURL(), page)) {
      win.webContents.send(LAB_EVENT_CHANNEL, event);
    }
  });

  return () => {
    unsubscribe();
    for (const method of LAB_METHODS) ipcMain.removeHandler(LAB_CHANNELS[method]);
  };
}
