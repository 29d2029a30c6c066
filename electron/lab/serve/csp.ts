/**
 * The one Content-Security-Policy of the UI, shared by the Electron shell (session header), the browser-mode
 * server (HTTP header) and the built index.html (meta tag, injected by the renderer build), so the three
 * cannot drift apart. No inline script, no eval, nothing from other origins.
 */

const DIRECTIVES: readonly (readonly [string, string])[] = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  // Styles come from the built CSS file; React and recharts set styles through the CSSOM, which CSP allows.
  ['style-src', "'self'"],
  // 'self' covers ws:// to the serving host in browser mode; the loopback entry is for the Electron window.
  ['connect-src', "'self' ws://127.0.0.1:* ws://localhost:*"],
  ['img-src', "'self' data:"],
  ['font-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
  ['frame-ancestors', "'none'"],
];

/** Directives a <meta> tag cannot carry (browsers ignore them there and log a warning). */
const HEADER_ONLY = new Set(['frame-ancestors']);

/** For the Content-Security-Policy response header. */
export const CSP_HEADER = DIRECTIVES.map(([name, value]) => `${name} ${value}`).join('; ');

/** For `<meta http-equiv="Content-Security-Policy" content="...">` in index.html. */
export const CSP_META = DIRECTIVES.filter(([name]) => !HEADER_ONLY.has(name))
  .map(([name, value]) => `${name} ${value}`)
  .join('; ');

/** Other headers every served page carries. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CSP_HEADER,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=()',
};
