/**
 * The shell's trust decisions as plain functions (no 'electron' import), so they are unit-tested in Node:
 * which page may call the engine, and which links may leave the app.
 */
import { pathToFileURL } from 'node:url';

/** The page the window is meant to show: the built index.html, or the dev server in `npm run dev`. */
export type TrustedPage =
  { readonly kind: 'file'; readonly url: string } | { readonly kind: 'dev'; readonly origin: string };

export function filePage(indexHtml: string): TrustedPage {
  return { kind: 'file', url: pathToFileURL(indexHtml).href };
}

/** The dev server URL electron-vite passes in, accepted only on loopback. */
export function devPage(rendererUrl: string | undefined): TrustedPage | null {
  if (!rendererUrl) return null;
  try {
    const url = new URL(rendererUrl);
    if (url.protocol !== 'http:' || !['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)) return null;
    return { kind: 'dev', origin: url.origin };
  } catch {
    return null;
  }
}

/** Is a frame showing our page (any hash or query, which the UI may use for its own state)? */
export function isTrustedUrl(frameUrl: string | undefined, page: TrustedPage): boolean {
  if (!frameUrl) return false;
  let url: URL;
  try {
    url = new URL(frameUrl);
  } catch {
    return false;
  }
  if (page.kind === 'dev') return url.origin === page.origin;
  if (url.protocol !== 'file:') return false;
  url.hash = '';
  url.search = '';
  return sameFileUrl(url.href, page.url);
}

/** Chromium and Node may percent-encode a path differently, and Windows paths ignore case. */
function sameFileUrl(a: string, b: string, windows = process.platform === 'win32'): boolean {
  const norm = (u: string) => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(u);
    } catch {
      return null;
    }
    return windows ? decoded.toLowerCase() : decoded;
  };
  const na = norm(a);
  return na !== null && na === norm(b);
}

/** Hosts the UI may link to (documentation); they open in the user's browser, never inside the app. */
export const EXTERNAL_HOSTS: readonly string[] = [
  'github.com',
  'nodejs.org',
  'developer.mozilla.org',
  'docs.python.org',
  'en.wikipedia.org',
];

export function isAllowedExternalUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return (
      url.protocol === 'https:' &&
      !url.username &&
      !url.password &&
      !url.port &&
      EXTERNAL_HOSTS.includes(url.hostname)
    );
  } catch {
    return false;
  }
}

/**
 * What the hidden export window may load: exactly the page being rendered, as its main frame, plus the
 * data: images the HTML export embeds. No other file, no network, no subframe.
 */
export function isExportPageRequest(url: string, resourceType: string, pages: ReadonlySet<string>): boolean {
  if (url.startsWith('data:image/')) return resourceType === 'image';
  return resourceType === 'mainFrame' && pages.has(url);
}
