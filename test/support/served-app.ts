/**
 * The app as a browser test meets it: the UI built from the current sources, `serve` on a free port with its
 * history in a temp folder, and on the way out every process the server started checked to be gone.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { KEY_QUERY_PARAM } from '../../electron/common/lab-socket';
import { findChromium } from '../../electron/lab/report/chromium';
import { descendants, isAlive } from './processes';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
/** The Chromium the browser tests drive: the one the engine would find, else Debian's usual place. */
export const CHROMIUM = findChromium() ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

/** A running `serve` and the processes it has been seen to start. */
export interface ServedApp {
  /** The address `serve` printed, with its control key, e.g. http://127.0.0.1:41234/?token=... */
  readonly url: string;
  /** The same without the key, e.g. http://127.0.0.1:41234/: what every request of the page starts with. */
  readonly origin: string;
  /**
   * With `public`: the loopback address with the watch-only key, taken from the network link `serve`
   * printed; null without `public`, or on a machine with no network address (no link is printed then).
   */
  readonly watchUrl: string | null;
  readonly pid: number;
  /** Records the server's current descendants for the check in stop(), and returns them. */
  track(): number[];
  /**
   * SIGTERM, the temp history removed, then up to 5 s for every tracked process to end; returns those
   * still alive (none, when the server cleans up after itself).
   */
  stop(): Promise<number[]>;
}

/**
 * Builds the UI (out/lab is built by the global setup) and starts `serve` with a `threadlab-<name>-` home;
 * with `public`, as `serve --public`, which also makes a watch-only key.
 */
export async function startServedApp(
  name: string,
  options: { readonly public?: boolean } = {},
): Promise<ServedApp> {
  execFileSync(
    path.join(ROOT, 'node_modules', '.bin', 'electron-vite'),
    ['build', '--mode', 'renderer', '--logLevel', 'warn'],
    { cwd: ROOT, stdio: 'inherit' },
  );
  const home = mkdtempSync(path.join(os.tmpdir(), `threadlab-${name}-`));
  // Runs start without the quiet check's banner: other suites keep this machine busy, and the banner has its
  // own renderer test.
  const args = [
    'out/lab/serve.js',
    '--port',
    '0',
    '--no-quiet-check',
    ...(options.public ? ['--public'] : []),
  ];
  const server = spawn(process.execPath, args, {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
    // history goes to a temp folder, never to the user's ~/.threadlab
    env: { ...process.env, THREADLAB_HOME: home },
  });
  let url: string;
  let watchKey: string | null;
  try {
    ({ url, watchKey } = await new Promise<{ url: string; watchKey: string | null }>((resolve, reject) => {
      let text = '';
      server.stdout?.on('data', (d: Buffer) => {
        text += d.toString();
        const m = /running at (http:\/\/\S+)/.exec(text);
        // The links come before this line, so once it is there every one of them has been printed.
        if (!m?.[1] || !text.includes('Runs are recorded in')) return;
        const watch = /on the network \(watch only\): (http:\/\/\S+)/.exec(text)?.[1];
        resolve({ url: m[1], watchKey: watch ? new URL(watch).searchParams.get(KEY_QUERY_PARAM) : null });
      });
      server.once('exit', (code) =>
        reject(new Error(`serve exited with ${code} before it listened:\n${text}`)),
      );
    }));
  } catch (e) {
    rmSync(home, { recursive: true, force: true });
    throw e;
  }
  const pid = server.pid ?? 0;
  const seen = new Set<number>();
  const track = () => {
    const now = descendants(pid);
    for (const c of now) seen.add(c);
    return now;
  };
  const stop = async () => {
    // a server killed by a signal has a signalCode and no exitCode, and will never emit 'exit' again
    if (server.exitCode === null && server.signalCode === null) {
      track();
      const exited = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
      await exited;
    }
    rmSync(home, { recursive: true, force: true });
    const deadline = Date.now() + 5000;
    while ([...seen].some(isAlive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    return [...seen].filter(isAlive);
  };
  const origin = `${new URL(url).origin}/`;
  // The watch key works from loopback too: a test need not depend on reaching a network address.
  const watchUrl = watchKey === null ? null : `${origin}?${KEY_QUERY_PARAM}=${watchKey}`;
  return { url, origin, watchUrl, pid, track, stop };
}

/**
 * Collects what must never happen on a page of the app: an uncaught error, a console error, or a request
 * that leaves the app (`allowed` adds prefixes such as the page's own blob: downloads). Each one is pushed
 * onto `problems` as it happens. `appUrl` may carry the key: only its origin counts.
 */
export function watchPage(
  page: Page,
  appUrl: string,
  problems: string[],
  allowed: readonly string[] = [],
): void {
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  const origin = `${new URL(appUrl).origin}/`;
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !allowed.some((a) => u.startsWith(a)))
      problems.push(`request outside the app: ${u}`);
  });
}
