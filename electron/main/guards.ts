/**
 * The shell's trust decisions as plain functions (no 'electron' import), so they are unit-tested in Node:
 * which page may call the engine or navigate, which links may leave the app, what the export window loads.
 */
import { APP_HOST, APP_SCHEME } from './app-protocol';

/** The page the window is meant to show: the built UI on app://threadlab, or the dev server in `npm run dev`. */
export type TrustedPage = { readonly kind: 'app' } | { readonly kind: 'dev'; readonly origin: string };

export const APP_PAGE: TrustedPage = { kind: 'app' };

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

/**
 * Is a frame showing our origin? Every file app://threadlab serves is our build output, so the origin is
 * the unit of trust (any path, hash or query). Node's URL gives a custom scheme an opaque origin ('null'),
 * so the parts are compared instead: exactly app: and host threadlab, no port, no credentials.
 */
export function isTrustedUrl(frameUrl: string | undefined, page: TrustedPage): boolean {
  if (!frameUrl) return false;
  let url: URL;
  try {
    url = new URL(frameUrl);
  } catch {
    return false;
  }
  if (page.kind === 'dev') return url.origin === page.origin;
  return (
    url.protocol === `${APP_SCHEME}:` &&
    url.host.toLowerCase() === APP_HOST &&
    !url.username &&
    !url.password &&
    url.pathname.startsWith('/')
  );
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
export function isExportPageRequest(
  url: string,
  resourceType: string,
  pages: { has(url: string): boolean },
): boolean {
  if (url.startsWith('data:image/')) return resourceType === 'image';
  return resourceType === 'mainFrame' && pages.has(url);
}
