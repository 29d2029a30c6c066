/**
 * Which downloads the shell lets through and how it offers them, as plain functions (no 'electron' import)
 * so they are unit-tested in Node. The UI turns an exported report into a download; the shell asks where to
 * save it.
 */
import { APP_ORIGIN } from './app-protocol';
import type { TrustedPage } from './guards';

/**
 * Downloads the main window may start: the exports the UI builds (a blob: of our own origin, or a data: URL).
 * Anything else, such as a link to a remote file, is cancelled.
 */
export function isAllowedDownload(url: string, page: TrustedPage): boolean {
  if (url.startsWith('data:')) return true;
  if (!url.startsWith('blob:')) return false;
  const inner = url.slice('blob:'.length);
  if (page.kind === 'dev') return inner.startsWith(`${page.origin}/`);
  return inner.startsWith(`${APP_ORIGIN}/`);
}

/** A suggested name made safe to offer in a save dialog: no folders, no control or reserved characters. */
export function safeDownloadName(name: string): string {
  const base = name.replace(/^.*[\\/]/, '');
  const clean = Array.from(base)
    .filter((c) => {
      const code = c.codePointAt(0) ?? 0;
      return code >= 0x20 && code !== 0x7f && !'<>:"|?*'.includes(c);
    })
    .join('')
    .replace(/^[.\s]+/, '')
    .trim()
    .slice(0, 200);
  return clean || 'threadlab-export';
}

const KINDS: readonly { readonly ending: string; readonly name: string }[] = [
  { ending: '.trace.json', name: 'Chrome trace' },
  { ending: '.json', name: 'ThreadLab report' },
  { ending: '.csv', name: 'CSV table' },
  { ending: '.md', name: 'Markdown' },
  { ending: '.html', name: 'Web page' },
  { ending: '.pdf', name: 'PDF document' },
  { ending: '.png', name: 'PNG image' },
];

/** The save dialog's file type choice for a name: its own type first, then "All files". */
export function saveDialogFilters(name: string): { name: string; extensions: string[] }[] {
  const lower = name.toLowerCase();
  const kind = KINDS.find((k) => lower.endsWith(k.ending));
  const all = { name: 'All files', extensions: ['*'] };
  // Dialogs take the last extension only ('json' for .trace.json).
  return kind ? [{ name: kind.name, extensions: [kind.ending.split('.').pop() ?? ''] }, all] : [all];
}
