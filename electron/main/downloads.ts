/**
 * Exports become files through the browser's own download: the UI makes a blob of the exported report and
 * clicks a download link. Here the shell lets only our window's blob:/data: downloads through and has
 * Electron show its save dialog with the suggested name (setSaveDialogOptions keeps the dialog
 * asynchronous, so the engine in this process goes on meanwhile).
 */
import path from 'node:path';
import { app, type BrowserWindow, type Session } from 'electron';
import { isAllowedDownload, safeDownloadName, saveDialogFilters } from './download-policy';
import type { TrustedPage } from './guards';

export function handleDownloads(
  ses: Session,
  getWindow: () => BrowserWindow | null,
  page: TrustedPage,
): void {
  ses.on('will-download', (event, item, contents) => {
    const win = getWindow();
    if (
      !win ||
      win.isDestroyed() ||
      contents !== win.webContents ||
      !isAllowedDownload(item.getURL(), page)
    ) {
      event.preventDefault();
      return;
    }
    const name = safeDownloadName(item.getFilename());
    item.setSaveDialogOptions({
      title: 'Export report',
      defaultPath: path.join(app.getPath('downloads'), name),
      buttonLabel: 'Save',
      filters: saveDialogFilters(name),
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    });
  });
}
