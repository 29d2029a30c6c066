/**
 * Files leave the app as ordinary browser downloads: a Blob, an object URL and a click on an <a download>.
 * In a browser that is the download bar; the Electron shell turns it into a save dialog (it lets through
 * only our own page's blob: downloads).
 */
import type { ExportedFile } from '../../../electron/common/api';

export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** Offers a Blob as a download under a suggested name. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoking at once can cancel a download that has not started reading the blob yet.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Offers an engine export (base64 bytes) as a download. */
export function saveExport(file: ExportedFile): void {
  saveBlob(new Blob([base64ToBytes(file.base64)], { type: file.mime }), file.fileName);
}

/** A file-name stem from any title: letters, digits and dashes. */
export function slugify(text: string, fallback = 'chart'): string {
  const slug = text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || fallback;
}
