// `npm start` where the Electron binary is missing: it runs the electron package's own installer against a
// loopback mirror of this test's own (ELECTRON_MIRROR), never the real network, and never starts Electron.
// The installer writes dist/ and path.txt next to itself, so every test works on a temporary copy of the
// electron package folder (the shared node_modules is never written), with scripts/start.mjs copied beside it.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installElectron } from '../../scripts/start.mjs';
import { makeZip } from '../support/zip';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const SHARED_MODULES = realpathSync(path.join(ROOT, 'node_modules'));
const { version } = JSON.parse(
  readFileSync(path.join(SHARED_MODULES, 'electron', 'package.json'), 'utf8'),
) as {
  version: string;
};
// What install.js asks for on this machine (it maps nothing for linux, darwin or win32 on x64 and arm64).
const ZIP_NAME = `electron-v${version}-${process.platform}-${process.arch}.zip`;
const BINARY_NAME =
  { darwin: 'Electron.app/Contents/MacOS/Electron', win32: 'electron.exe' }[process.platform as string] ??
  'electron';

interface Mirror {
  url: string;
  requests: string[];
  close(): Promise<void>;
}

/** A loopback HTTP server that records every path asked for; it serves `zip` for the release zip, else 404. */
async function startMirror(zip?: Buffer): Promise<Mirror> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    if (zip && req.url === `/v${version}/${ZIP_NAME}`) {
      res.setHeader('content-length', zip.length);
      res.end(zip);
      return;
    }
    res.statusCode = 404;
    res.end('not here');
  });
  // As a proxy it refuses every tunnel: Node's fetch reaches an HTTP(S) proxy with CONNECT.
  server.on('connect', (req: http.IncomingMessage, socket: Duplex) => {
    requests.push(`CONNECT ${req.url ?? ''}`);
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * A project root with scripts/start.mjs, a copy of the electron package without any binary, and links to the
 * shared @electron/get and zip extractor the installer requires.
 */
function projectCopy(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'threadlab-start-'));
  const source = path.join(SHARED_MODULES, 'electron');
  cpSync(source, path.join(dir, 'node_modules', 'electron'), {
    recursive: true,
    filter: (from) =>
      !['node_modules', 'dist', 'path.txt'].includes(path.relative(source, from).split(path.sep)[0] ?? ''),
  });
  for (const scope of ['@electron', '@electron-internal'])
    symlinkSync(path.join(SHARED_MODULES, scope), path.join(dir, 'node_modules', scope), 'junction');
  mkdirSync(path.join(dir, 'scripts'));
  for (const file of ['start.mjs', 'electron-fetch-report.mjs'])
    cpSync(path.join(ROOT, 'scripts', file), path.join(dir, 'scripts', file));
  return dir;
}

/** This process's environment without any electron download setting of the user's, plus the test's own. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/electron|proxy/i.test(key)));
  return { ...env, ...extra };
}

function runStart(dir: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [path.join(dir, 'scripts', 'start.mjs')], { cwd: dir, env });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, output })));
}

/** Where @electron/get 5 keeps a download: <cache>/<sha256 of the URL's folder>/<file name> (its Cache.ts). */
function cachePath(cacheRoot: string, mirrorUrl: string): string {
  const folder = new URL(`${mirrorUrl}v${version}/${ZIP_NAME}`);
  folder.pathname = path.posix.dirname(folder.pathname);
  return path.join(cacheRoot, createHash('sha256').update(folder.toString()).digest('hex'), ZIP_NAME);
}

/** Makes the copy's checksums.json (which @electron/get checks every zip against) name this zip. */
function trustZip(dir: string, zip: Buffer): void {
  writeFileSync(
    path.join(dir, 'node_modules', 'electron', 'checksums.json'),
    JSON.stringify({ [ZIP_NAME]: createHash('sha256').update(zip).digest('hex') }),
  );
}

describe('npm start without the Electron binary', () => {
  let dir: string;
  let mirror: Mirror;
  beforeEach(async () => {
    dir = projectCopy();
    mirror = await startMirror();
  });
  afterEach(async () => {
    await mirror.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('asks the mirror for the release zip, and a 404 ends in what was tried, why, and npm run serve', async () => {
    const { code, output } = await runStart(
      dir,
      cleanEnv({ ELECTRON_MIRROR: mirror.url, ELECTRON_CACHE: path.join(dir, 'cache') }),
    );
    const url = `${mirror.url}v${version}/${ZIP_NAME}`;
    expect(mirror.requests).toEqual([`/v${version}/${ZIP_NAME}`]);
    expect(output).toContain(`downloading ${url}`);
    expect(output).toContain(`tried:  ${url}`);
    expect(output).toContain('reason: HTTP 404 Not Found');
    expect(output).toContain('npm run serve');
    expect(output).not.toMatch(/^\s+at /m);
    expect(output).not.toContain('HTTPError');
    expect(code).toBe(1);
    expect(existsSync(path.join(dir, 'node_modules', 'electron', 'path.txt'))).toBe(false);
  });

  it('goes through the proxy in HTTP_PROXY, and names the proxy’s refusal as the reason', async () => {
    // The loopback server plays the proxy; the mirror's host does not exist, so only a proxied request gets out.
    const { code, output } = await runStart(
      dir,
      cleanEnv({
        ELECTRON_MIRROR: 'http://electron-mirror.invalid/',
        HTTP_PROXY: mirror.url,
        ELECTRON_CACHE: path.join(dir, 'cache'),
      }),
    );
    expect(mirror.requests).toEqual(['CONNECT electron-mirror.invalid:80']);
    expect(output).toContain(`tried:  http://electron-mirror.invalid/v${version}/${ZIP_NAME}`);
    expect(output).toMatch(/reason: .*403/);
    expect(output).not.toMatch(/^\s+at /m);
    expect(code).toBe(1);
  });

  it('names a refused connection as the reason', async () => {
    await mirror.close();
    const { code, output } = await runStart(
      dir,
      cleanEnv({ ELECTRON_MIRROR: mirror.url, ELECTRON_CACHE: path.join(dir, 'cache') }),
    );
    expect(output).toContain(`tried:  ${mirror.url}v${version}/${ZIP_NAME}`);
    expect(output).toContain('reason: connection refused (ECONNREFUSED)');
    expect(output).not.toMatch(/^\s+at /m);
    expect(code).toBe(1);
    mirror = await startMirror(); // afterEach closes one
  });

  it('downloads from the mirror, says so, installs, and keeps the zip in the cache for the next start', async () => {
    const zip = makeZip({ [BINARY_NAME]: '#!/bin/sh\nexit 0\n', version: `v${version}` });
    trustZip(dir, zip);
    await mirror.close();
    mirror = await startMirror(zip);
    const cacheRoot = path.join(dir, 'cache');
    const lines: string[] = [];
    const result = await installElectron(dir, {
      env: cleanEnv({ ELECTRON_MIRROR: mirror.url, ELECTRON_CACHE: cacheRoot }),
      log: (line) => lines.push(line),
    });
    expect(mirror.requests).toEqual([`/v${version}/${ZIP_NAME}`]);
    expect(lines.join('\n')).toContain(`downloading ${mirror.url}v${version}/${ZIP_NAME}`);
    expect(result).toEqual({
      ok: true,
      binary: path.join(dir, 'node_modules', 'electron', 'dist', BINARY_NAME),
      downloaded: true,
    });
    expect(readFileSync(cachePath(cacheRoot, mirror.url))).toEqual(zip);
  });

  // @electron/get checks a cached zip against the checksums bundled in the electron package, so a zip of our
  // own passes only if the copy's checksums.json names it. This proves the cache layout and that a zip there
  // whose checksum matches is unpacked with no request at all; it does not prove that GitHub's real zip
  // matches the bundled checksum (that is the electron package's own promise).
  it('installs from a correctly placed cached zip without a single request to the mirror', async () => {
    const zip = makeZip({ [BINARY_NAME]: '#!/bin/sh\nexit 0\n', version: `v${version}` });
    const cacheRoot = path.join(dir, 'cache');
    const cached = cachePath(cacheRoot, mirror.url);
    mkdirSync(path.dirname(cached), { recursive: true });
    writeFileSync(cached, zip);
    trustZip(dir, zip);
    const lines: string[] = [];
    const result = await installElectron(dir, {
      env: cleanEnv({ ELECTRON_MIRROR: mirror.url, ELECTRON_CACHE: cacheRoot }),
      log: (line) => lines.push(line),
    });
    expect(mirror.requests).toEqual([]);
    expect(result).toEqual({
      ok: true,
      binary: path.join(dir, 'node_modules', 'electron', 'dist', BINARY_NAME),
      downloaded: false,
    });
    expect(lines.join('\n')).toContain('from the download cache, without the network');
  });

  it('does not trust a cached zip that the bundled checksums do not name: it asks the mirror again', async () => {
    const cached = cachePath(path.join(dir, 'cache'), mirror.url);
    mkdirSync(path.dirname(cached), { recursive: true });
    writeFileSync(cached, makeZip({ [BINARY_NAME]: 'not electron' }));
    const result = await installElectron(dir, {
      env: cleanEnv({ ELECTRON_MIRROR: mirror.url, ELECTRON_CACHE: path.join(dir, 'cache') }),
      log: () => undefined,
    });
    expect(mirror.requests).toEqual([`/v${version}/${ZIP_NAME}`]);
    expect(result.ok).toBe(false);
  });
});
