/**
 * The UI's own scheme, app://threadlab/, as plain functions (no 'electron' import) so they are unit-tested in
 * Node. Electron's security checklist advises a custom protocol over file://: a file:// page may read any
 * other file:// URL and shares one opaque origin with every local file, whereas app://threadlab is one real
 * origin that serves the built renderer folder and nothing else. index.ts registers the scheme as privileged
 * before 'ready' and hands createAppHandler to protocol.handle.
 */
import { readFile, stat } from 'node:fs/promises';
import { HTML_CSP } from '../common/export/html';
import { CSP_HEADER } from '../lab/serve/csp';
import { mimeType, resolveRequestPath } from '../lab/serve/static';

export const APP_SCHEME = 'app';
export const APP_HOST = 'threadlab';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;
/** The host of the hidden export window's pages, served from memory in that window's own session. */
export const EXPORT_ORIGIN = `${APP_SCHEME}://export`;

/**
 * The scheme's privileges for protocol.registerSchemesAsPrivileged: standard (real origin, relative URLs),
 * secure (like https), and fetch for the module scripts. Never bypassCSP, corsEnabled or service workers.
 */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  codeCache: true,
} as const;

/**
 * The desktop page's policy: the shared one (electron/lab/serve/csp.ts) with `connect-src 'none'`, because
 * the desktop renderer talks to the engine over IPC only and needs no socket or fetch to any port. The
 * built index.html still carries the shared policy as a meta tag; Chromium enforces both, so the narrower
 * header wins.
 */
export function shellCsp(shared: string = CSP_HEADER): string {
  return withConnectSrc(shared, "'none'");
}

/**
 * `npm run dev` only: Vite's React refresh needs an inline preamble, and its hot reload socket is on the
 * dev server's own host and port, so connect-src names exactly that one.
 */
export function devCsp(devOrigin: string): string {
  const ws = devOrigin.replace(/^http:/, 'ws:');
  const relaxed = CSP_HEADER.split(';')
    .map((d) => d.trim())
    .map((d) =>
      /^(script-src|style-src)\s/.test(d) && !d.includes("'unsafe-inline'") ? `${d} 'unsafe-inline'` : d,
    )
    .join('; ');
  return withConnectSrc(relaxed, `'self' ${ws}`);
}

function withConnectSrc(policy: string, sources: string): string {
  const directives = policy
    .split(';')
    .map((d) => d.trim())
    .filter(Boolean);
  const connect = `connect-src ${sources}`;
  const at = directives.findIndex((d) => /^connect-src(\s|$)/.test(d));
  if (at >= 0) directives[at] = connect;
  else directives.push(connect);
  return directives.join('; ');
}

/** Headers on every app:// response; the CSP travels as a header, so even a 404 page is covered. */
function headers(csp: string, contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache',
  };
}

function refuse(status: 400 | 403 | 404 | 405, csp: string): Response {
  const text = { 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed' }[status];
  return new Response(`${status} ${text}\n`, { status, headers: headers(csp, 'text/plain; charset=utf-8') });
}

export interface AppHandlerOptions {
  /** the built renderer folder (out/renderer), the only place app:// reads from */
  readonly root: string;
  /** the Content-Security-Policy header; the desktop policy by default */
  readonly csp?: string;
}

/**
 * The protocol.handle handler for app://. GET and HEAD of files under `root` on host `threadlab`; another
 * host, a path leading out of the root (`..`, percent-encoded or not), a dotfile or a folder are refused.
 * The request path is checked by the same resolver as browser mode's static server. Symlinks are not
 * followed out of the root because the root is the read-only build output inside app.asar, where an
 * attacker who could plant a link could as well rewrite the scripts.
 */
export function createAppHandler(
  options: AppHandlerOptions,
): (request: Pick<Request, 'url' | 'method'>) => Promise<Response> {
  const csp = options.csp ?? shellCsp();
  return async (request) => {
    const raw = request.url;
    // Exactly our origin: no other host, no port, no credentials (app://threadlab.evil/, app://x@threadlab/).
    if (raw !== APP_ORIGIN && !raw.startsWith(`${APP_ORIGIN}/`)) return refuse(403, csp);
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405, csp);
    // The path as it came, so `..` in any spelling that survived the URL parser is refused, not rewritten.
    const target = resolveRequestPath(options.root, raw.slice(APP_ORIGIN.length) || '/');
    if ('status' in target) return refuse(target.status, csp);
    try {
      const info = await stat(target.file);
      if (!info.isFile()) return refuse(404, csp);
      const body = request.method === 'HEAD' ? null : await readFile(target.file);
      return new Response(body, {
        status: 200,
        headers: { ...headers(csp, mimeType(target.file)), 'Content-Length': String(info.size) },
      });
    } catch {
      return refuse(404, csp);
    }
  };
}

/**
 * The handler for the export window's session: the HTML export being rendered, straight from memory (no
 * temporary file, no file://), under the HTML export's own policy (no script, nothing but inline styles and
 * data: images). `pages` maps each URL being rendered to its HTML; anything else is 404.
 */
export function createExportPageHandler(
  pages: ReadonlyMap<string, string>,
): (request: Pick<Request, 'url' | 'method'>) => Response {
  return (request) => {
    const html = request.method === 'GET' ? pages.get(request.url) : undefined;
    if (html === undefined) return refuse(404, HTML_CSP);
    return new Response(html, { status: 200, headers: headers(HTML_CSP, 'text/html; charset=utf-8') });
  };
}
