/**
 * The app://threadlab protocol handler in Node (it is a plain Request -> Response function; Electron's
 * protocol.handle only calls it): what it serves, with which type and policy, and what it refuses.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSP_HEADER } from '../../electron/lab/serve/csp';
import {
  APP_INDEX_URL,
  APP_SCHEME_PRIVILEGES,
  createAppHandler,
  devCsp,
  shellCsp,
} from '../../electron/main/app-protocol';

const directives = (csp: string) =>
  new Map(
    csp
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => [d.split(/\s+/)[0] ?? '', d] as const),
  );

describe('app://threadlab', () => {
  let root: string;
  let outside: string;
  let handle: ReturnType<typeof createAppHandler>;
  const get = (url: string, method = 'GET') => handle({ url, method });

  beforeAll(() => {
    const parent = mkdtempSync(path.join(os.tmpdir(), 'threadlab-app-protocol-'));
    root = path.join(parent, 'renderer');
    outside = path.join(parent, 'secret.txt');
    mkdirSync(path.join(root, 'assets'), { recursive: true });
    writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>ThreadLab</title>');
    writeFileSync(path.join(root, 'assets', 'index-abc.js'), 'export {};');
    writeFileSync(path.join(root, 'assets', 'index-abc.css'), 'body{}');
    writeFileSync(path.join(root, 'assets', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    writeFileSync(path.join(root, '.env'), 'SECRET=1');
    writeFileSync(outside, 'not for the page');
    handle = createAppHandler({ root });
  });
  afterAll(() => rmSync(path.dirname(root), { recursive: true, force: true }));

  it('serves index.html with the desktop CSP as a response header', async () => {
    for (const url of [APP_INDEX_URL, 'app://threadlab/', 'app://threadlab', `${APP_INDEX_URL}?x=1#/lab`]) {
      const res = await get(url);
      expect(res.status, url).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-security-policy')).toBe(shellCsp());
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await res.text()).toContain('<title>ThreadLab</title>');
    }
  });

  it('gives scripts, styles and images their MIME types (module scripts need a JavaScript type)', async () => {
    const types: [string, RegExp][] = [
      ['assets/index-abc.js', /^text\/javascript\b/],
      ['assets/index-abc.css', /^text\/css\b/],
      ['assets/logo.svg', /^image\/svg\+xml$/],
    ];
    for (const [file, type] of types) {
      const res = await get(`app://threadlab/${file}`);
      expect(res.status, file).toBe(200);
      expect(res.headers.get('content-type'), file).toMatch(type);
    }
    const head = await get(APP_INDEX_URL, 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('refuses ../ in every spelling, and never serves a file outside the folder', async () => {
    for (const url of [
      'app://threadlab/../secret.txt',
      'app://threadlab/assets/../../secret.txt',
      'app://threadlab/%2e%2e/secret.txt',
      'app://threadlab/..%2fsecret.txt',
      'app://threadlab/..%5csecret.txt',
      'app://threadlab/assets/%2E%2E%2F%2E%2E%2Fsecret.txt',
    ]) {
      const res = await get(url);
      expect(res.status, url).toBe(403);
      expect(await res.text()).not.toContain('not for the page');
    }
    expect((await get('app://threadlab/%00index.html')).status).toBe(400);
    expect((await get('app://threadlab/%E0%A4%A')).status).toBe(400);
  });

  it('refuses other hosts, ports and credentials', async () => {
    for (const url of [
      'app://evil/index.html',
      'app://threadlab.evil/index.html',
      'app://threadlab:8080/index.html',
      'app://user@threadlab/index.html',
      'app://export/index.html',
      'file:///index.html',
    ]) {
      expect((await get(url)).status, url).toBe(403);
    }
  });

  it('answers 404 for what is missing, a folder or a dotfile, and 405 for other methods', async () => {
    for (const url of ['app://threadlab/nope.html', 'app://threadlab/assets', 'app://threadlab/.env']) {
      const res = await get(url);
      expect(res.status, url).toBe(404);
      expect(res.headers.get('content-security-policy'), url).toBe(shellCsp());
    }
    expect((await get(APP_INDEX_URL, 'POST')).status).toBe(405);
  });

  it('is registered with no privilege that weakens the page (no CSP bypass, CORS or service workers)', () => {
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ standard: true, secure: true });
    expect(Object.keys(APP_SCHEME_PRIVILEGES)).not.toContain('bypassCSP');
    expect(Object.keys(APP_SCHEME_PRIVILEGES)).not.toContain('corsEnabled');
    expect(Object.keys(APP_SCHEME_PRIVILEGES)).not.toContain('allowServiceWorkers');
  });
});

describe('the desktop CSP', () => {
  it("narrows connect-src to 'none' (IPC only, no socket to any port) and keeps the rest of the shared policy", () => {
    const shell = directives(shellCsp());
    const shared = directives(CSP_HEADER);
    expect(shell.get('connect-src')).toBe("connect-src 'none'");
    expect(shellCsp()).not.toMatch(/ws:|wss:|http:|\*/);
    for (const [name, value] of shared) if (name !== 'connect-src') expect(shell.get(name), name).toBe(value);
    expect([...shell.keys()].sort()).toEqual([...shared.keys()].sort());
  });

  it('adds connect-src when a policy has none, and replaces one wherever it stands', () => {
    expect(directives(shellCsp("default-src 'self'")).get('connect-src')).toBe("connect-src 'none'");
    expect(shellCsp("connect-src *; default-src 'self'")).toBe("connect-src 'none'; default-src 'self'");
  });

  it('in dev allows the hot reload socket of the dev server only, on its own port', () => {
    const dev = directives(devCsp('http://localhost:5173'));
    expect(dev.get('connect-src')).toBe("connect-src 'self' ws://localhost:5173");
    expect(dev.get('script-src')).toContain("'unsafe-inline'");
    expect(dev.get('object-src')).toBe("object-src 'none'");
  });
});
