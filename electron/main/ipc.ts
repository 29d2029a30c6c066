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
 *
 * Events are batched as over the WebSocket, by the same code (electron/common/event-batch.ts): a live run's
 * progress, CPU samples and results go to the page together at most once a second, since each IPC message
 * costs the renderer's main thread and the workers being measured lose that CPU. Any other event, and every
 * reply, first sends what is held, so the page sees things in the order they happened, as in browser mode.
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
import { createLabEventSender } from '../common/event-batch';
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

  // Only our window, and only while it shows our page (not after some navigation we failed to stop); checked
  // when a message goes, as the page may have changed while its events were held.
  const events = createLabEventSender((message) => {
    const win = getWindow();
    if (win && !win.isDestroyed() && isTrustedUrl(win.webContents.getURL(), page)) {
      win.webContents.send(LAB_EVENT_CHANNEL, message);
    }
  });
  // The page held events are for: when it reloads, navigates, crashes or goes, they are dropped (they were
  // that page's, and its state went with it) and the batch timer stops, rather than firing at a page that
  // is gone.
  let watched: WebContents | null = null;
  const pageGone = (): void => events.drop();
  const contentsGone = (): void => {
    events.drop();
    watch(null);
  };
  const watch = (win: BrowserWindow | null): void => {
    const contents = win && !win.isDestroyed() ? win.webContents : null;
    if (contents === watched) return;
    if (watched) {
      watched.removeListener('did-start-loading', pageGone);
      watched.removeListener('render-process-gone', pageGone);
      watched.removeListener('destroyed', contentsGone);
    }
    watched = contents;
    if (!contents) return;
    contents.on('did-start-loading', pageGone);
    contents.on('render-process-gone', pageGone);
    contents.on('destroyed', contentsGone);
  };

  for (const method of LAB_METHODS) {
    ipcMain.handle(LAB_CHANNELS[method], (event, ...args: unknown[]): Promise<LabReply> => {
      if (!fromOurPage(event)) {
        return Promise.resolve(
          errorReply(new LabError('internal', 'refused: the call did not come from the ThreadLab window')),
        );
      }
      return replyTo(api, method, args, pageSignal(event.sender)).then((reply) => {
        // Events the engine sent before this answer reach the page before it.
        events.flush();
        return reply;
      });
    });
  }

  const unsubscribe = api.onEvent((event) => {
    watch(getWindow());
    if (watched) events.push(event); // with no window there is no page to send to, nor a timer to run
  });

  return () => {
    unsubscribe();
    events.close();
    watch(null);
    for (const load of [...pageLoads.values()]) load.end();
    for (const method of LAB_METHODS) ipcMain.removeHandler(LAB_CHANNELS[method]);
  };
}
