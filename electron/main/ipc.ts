/**
 * LabApi over Electron IPC, main side: one ipcMain.handle per method of the table (electron/common/api.ts),
 * on its LAB_CHANNELS channel. A call is served only if it comes from our window's top frame showing our
 * page; the arguments are checked by the table's schemas before the engine sees them. Replies are the
 * LabReply envelope, because Electron reduces a thrown error to its message and the UI needs the LabError's
 * code and field issues.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import {
  errorReply,
  LAB_CHANNELS,
  LAB_EVENT_CHANNEL,
  LAB_METHODS,
  replyTo,
  type LabApi,
  type LabReply,
} from '../common/api';
import { LabError } from '../common/errors';
import { isTrustedUrl, type TrustedPage } from './guards';

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
    ipcMain.handle(LAB_CHANNELS[method], (event, ...args: unknown[]): Promise<LabReply> => {
      if (!fromOurPage(event)) {
        return Promise.resolve(
          errorReply(new LabError('internal', 'refused: the call did not come from the ThreadLab window')),
        );
      }
      return replyTo(api, method, args);
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
