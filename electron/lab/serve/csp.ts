/**
 * The one Content-Security-Policy of the UI, shared by the Electron shell (session header), the browser-mode
 * server (HTTP header) and the built index.html (meta tag, injected by the renderer build), so the three
 * cannot drift apart. No inline script, no eval, nothing from other origins.
 */

/**
 * Where the page may open sockets. 'self' covers ws:// to the serving host and port in browser mode; the
 * loopback entries are for a page that is not served over http (the Electron window), on `wsPort` when the
 * port is known and on any port otherwise (the built page's meta tag cannot know it). A page carrying both
 * the meta tag and a header gets the narrower of the two.
 */
function connectSrc(wsPort?: number): string {
  const port = wsPort === undefined ? '*' : String(wsPort);
  return `'self' ws://127.0.0.1:${port} ws://localhost:${port}`;
}

function directives(wsPort?: number): readonly (readonly [string, string])[] {
  return [
    ['default-src', "'self'"],
    ['script-src', "'self'"],
    // Styles come from the built CSS file; React and recharts set styles through the CSSOM, which CSP allows.
    ['style-src', "'self'"],
    ['connect-src', connectSrc(wsPort)],
    ['img-src', "'self' data:"],
    ['font-src', "'self'"],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'none'"],
    ['frame-ancestors', "'none'"],
  ];
}

/** Directives a <meta> tag cannot carry (browsers ignore them there and log a warning). */
const HEADER_ONLY = new Set(['frame-ancestors']);

/** The Content-Security-Policy response header; with `wsPort`, sockets only to that loopback port. */
export function cspHeader(wsPort?: number): string {
  return directives(wsPort)
    .map(([name, value]) => `${name} ${value}`)
    .join('; ');
}

/** For the Content-Security-Policy response header, when the port is not known. */
export const CSP_HEADER = cspHeader();

/** For `<meta http-equiv="Content-Security-Policy" content="...">` in index.html. */
export const CSP_META = directives()
  .filter(([name]) => !HEADER_ONLY.has(name))
  .map(([name, value]) => `${name} ${value}`)
  .join('; ');

/** Every header a served page carries; with `wsPort`, its CSP allows sockets to that port only. */
export function securityHeaders(wsPort?: number): Readonly<Record<string, string>> {
  return {
    'Content-Security-Policy': cspHeader(wsPort),
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=()',
  };
}

/** Other headers every served page carries, when the port is not known. */
export const SECURITY_HEADERS = securityHeaders();
