/**
 * Who may talk to the browser-mode server. Three checks, each against a different attack:
 * - Host: a DNS-rebinding page (evil.example resolving to 127.0.0.1) sends its own name as Host, so only IP
 *   literals, localhost and this machine's own name are served.
 * - Origin: another web page open in the same browser may open a WebSocket to us; browsers always send its
 *   Origin, which must be the page we served.
 * - Remote address: with --public, anyone on the network may watch, only loopback clients may drive.
 * The key (keys.ts) is the fourth check: it keeps out other local processes and users, which pass all three.
 */
import { isIP } from 'node:net';
import os from 'node:os';

/** 127.0.0.0/8, ::1 and their IPv4-mapped IPv6 forms. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (isIP(v4) === 4) return v4.startsWith('127.');
  return address === '::1' || address === '0:0:0:0:0:0:0:1';
}

/** `host[:port]` of a Host header, with IPv6 brackets removed; null when it cannot be read. */
export function parseHostHeader(host: string | undefined): { hostname: string; port: number } | null {
  if (!host) return null;
  try {
    const url = new URL(`http://${host}`);
    if (url.username || url.password || url.pathname !== '/' || url.search || url.hash) return null;
    const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
    return { hostname, port: url.port ? Number(url.port) : 80 };
  } catch {
    return null;
  }
}

/** Names that cannot be rebound by a third party: IP literals, localhost, and this machine's own name. */
export function isTrustedHostname(hostname: string, machineName: string = os.hostname()): boolean {
  if (isIP(hostname)) return true;
  const name = hostname.replace(/\.$/, '');
  const own = machineName.toLowerCase();
  return name === 'localhost' || name.endsWith('.localhost') || name === own || name === `${own}.local`;
}

/** The Host header names a trusted host on the port we listen on. */
export function isAllowedHost(hostHeader: string | undefined, port: number): boolean {
  const host = parseHostHeader(hostHeader);
  return host !== null && host.port === port && isTrustedHostname(host.hostname);
}

/**
 * A browser page may connect only if it is the page we served (same scheme, host and port as the request's
 * Host). No Origin at all means a non-browser client (a script, a test), which no web page can pretend to be.
 */
export function isAllowedOrigin(origin: string | undefined, hostHeader: string | undefined): boolean {
  if (origin === undefined) return true;
  const host = parseHostHeader(hostHeader);
  if (!host) return false;
  try {
    const o = new URL(origin);
    const oHost = o.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
    const oPort = o.port ? Number(o.port) : o.protocol === 'https:' ? 443 : 80;
    return o.protocol === 'http:' && oHost === host.hostname && oPort === host.port;
  } catch {
    return false;
  }
}

/** A bind address that only this machine can reach: a loopback IP or localhost. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return bare === 'localhost' || isLoopbackAddress(bare);
}

/**
 * Why `serve` must not listen on `host`, or null. A network address without `--public` would hand every
 * machine that can reach it the controls; with `--public`, network clients only ever watch.
 */
export function hostProblem(host: string, isPublic: boolean): string | null {
  if (isPublic || isLoopbackHost(host)) return null;
  return (
    `--host ${host} would listen on the network without --public. Add --public to let other machines ` +
    'watch (they never get control), or leave --host out to listen on 127.0.0.1 only.'
  );
}
