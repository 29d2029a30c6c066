/**
 * LabApi over Electron IPC, main side: one ipcMain.handle per method of the table (electron/common/api.ts),
 * on its LAB_CHANNELS channel. A call is served only if it comes from our window's top frame showing our
 * page; the arguments are checked by the table's schemas before the engine sees them. Replies are the
 * LabReply envelope, because Electron reduces a thrown error to its message and the UI needs the LabError's
 * code and field issues.
 *
 * What a page starts ends with the page: each load of the window's page has one abort signal, aborted when
 * it reloads or navigates, its renderer dies or the window goes, as a WebSocket client's leaving does in
 * browser mode. So a "Run the Python" left running by a reload is killed, not left to its time limit.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent, type WebContents } from 'electron';
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

  const pageLoads = new Map<WebContents, { readonly signal: AbortSignal; readonly end: () => void }>();
  const pageSignal = (sender: WebContents): AbortSignal => {
    const known = pageLoads.get(sender);
    if (known) return known.signal;
    const load = new AbortController();
    const end = () => {
      sender.removeListener('did-start-loading', end);
      sender.removeListener('render-process-gone', end);
      sender.removeListener('destroyed', end);
      if (pageLoads.get(sender)?.end === end) pageLoads.delete(sender);
      load.abort();
    };
    sender.once('did-start-loading', end);
    sender.once('render-process-gone', end);
    sender.once('destroyed', end);
    pageLoads.set(sender, { signal: load.signal, end });
    return load.signal;
  };

  for (const method of LAB_METHODS) {
    ipcMain.handle(LAB_CHANNELS[method], (event, ...args: unknown[]): Promise<LabReply> => {
      if (!fromOurPage(event)) {
        return Promise.resolve(
          errorReply(new LabError('internal', 'refused: the call did not come from the ThreadLab window')),
        );
      }
      return replyTo(api, method, args, pageSignal(event.sender));
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
    for (const load of [...pageLoads.values()]) load.end();
    for (const method of LAB_METHODS) ipcMain.removeHandler(LAB_CHANNELS[method]);
  };
}
