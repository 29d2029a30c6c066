import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CSP_HEADER, CSP_META, cspHeader } from '../../../electron/lab/serve/csp';
import {
  isAllowedHost,
  isAllowedOrigin,
  isLoopbackAddress,
  isTrustedHostname,
} from '../../../electron/lab/serve/origin';
import { startLabServer, type LabServer } from '../../../electron/lab/serve/server';
import { mimeType, resolveRequestPath } from '../../../electron/lab/serve/static';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw request: the path goes out exactly as written (no client-side normalisation of `..`). */
function get(
  port: number,
  rawPath: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: rawPath, method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('static server', () => {
  let dir: string;
  let server: LabServer;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'threadlab-static-'));
    const root = path.join(dir, 'renderer');
    mkdirSync(path.join(root, 'assets'), { recursive: true });
    writeFileSync(path.join(root, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(path.join(root, 'assets', 'index-abc.js'), 'console.log(1)');
    writeFileSync(path.join(root, 'assets', 'index-abc.css'), 'body{}');
    // Far more than the loopback socket's buffers hold, so the server is still reading it when a client leaves.
    writeFileSync(path.join(root, 'assets', 'big.js'), Buffer.alloc(32 * 2 ** 20, 0x61));
    writeFileSync(path.join(root, '.env'), 'SECRET=1');
    writeFileSync(path.join(dir, 'package.json'), '{"name":"outside"}');
    symlinkSync(path.join(dir, 'package.json'), path.join(root, 'assets', 'link.json'));
    server = await startLabServer({ rendererDir: root, port: 0 });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves index.html at / with the strict CSP and security headers', async () => {
    const r = await get(server.port, '/');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers['content-security-policy']).toBe(cspHeader(server.port));
    // Sockets to the port in use only, not to every local port.
    expect(r.headers['content-security-policy']).toContain(
      `connect-src 'self' ws://127.0.0.1:${server.port} ws://localhost:${server.port};`,
    );
    expect(r.headers['content-security-policy']).not.toContain(':*');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.body).toContain('id="root"');
  });

  it('sends the right MIME types', async () => {
    expect((await get(server.port, '/assets/index-abc.js')).headers['content-type']).toBe(
      'text/javascript; charset=utf-8',
    );
    expect((await get(server.port, '/assets/index-abc.css')).headers['content-type']).toBe(
      'text/css; charset=utf-8',
    );
    const head = await get(server.port, '/assets/index-abc.js', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });

  it('refuses path traversal in every spelling', async () => {
    for (const p of [
      '/../package.json',
      '/%2e%2e/package.json',
      '/assets/..%2f..%2fpackage.json',
      '/assets/..\\..\\package.json',
    ]) {
      const r = await get(server.port, p);
      expect(r.status, p).toBe(403);
      expect(r.body, p).not.toContain('outside');
    }
    const link = await get(server.port, '/assets/link.json');
    expect(link.status).toBe(403);
    expect(link.body).not.toContain('outside');
  });

  it('lists no directories, serves no dotfiles, and takes only GET and HEAD', async () => {
    expect((await get(server.port, '/assets/')).status).toBe(404);
    expect((await get(server.port, '/assets')).status).toBe(404);
    expect((await get(server.port, '/.env')).status).toBe(404);
    expect((await get(server.port, '/missing.js')).status).toBe(404);
    expect((await get(server.port, '/', {}, 'POST')).status).toBe(405);
  });

  it('closes the file when a client leaves mid-download', async () => {
    const bigFile = path.join(dir, 'renderer', 'assets', 'big.js');
    // This process's descriptors open on the file (Linux: /proc/self/fd).
    const openOnBig = () =>
      readdirSync('/proc/self/fd').filter((fd) => {
        try {
          return readlinkSync(`/proc/self/fd/${fd}`) === bigFile;
        } catch {
          return false; // closed between the listing and the read
        }
      }).length;
    if (process.platform !== 'linux') {
      console.log('skipped: counting open files needs /proc/self/fd (Linux)');
      return;
    }
    await new Promise<void>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: server.port, path: '/assets/big.js' }, (res) => {
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.on('error', reject);
      req.end();
    });
    await vi.waitFor(() => expect(openOnBig()).toBe(0), { timeout: 10_000, interval: 50 });
  });

  it('answers only to trusted Host names (DNS rebinding)', async () => {
    expect((await get(server.port, '/', { Host: `evil.example:${server.port}` })).status).toBe(421);
    expect((await get(server.port, '/', { Host: `localhost:${server.port}` })).status).toBe(200);
  });
});

describe('origin rules', () => {
  it('knows loopback addresses', () => {
    for (const a of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1'])
      expect(isLoopbackAddress(a), a).toBe(true);
    for (const a of ['192.168.1.2', '::ffff:10.0.0.1', 'fd00::2', undefined])
      expect(isLoopbackAddress(a), String(a)).toBe(false);
  });

  it('trusts IP literals, localhost and the own machine name only', () => {
    expect(isTrustedHostname('10.0.0.5')).toBe(true);
    expect(isTrustedHostname('::1')).toBe(true);
    expect(isTrustedHostname('localhost')).toBe(true);
    expect(isTrustedHostname('mybox.local', 'MyBox')).toBe(true);
    expect(isTrustedHostname('attacker.example')).toBe(false);
    expect(isAllowedHost('127.0.0.1:5178', 5178)).toBe(true);
    expect(isAllowedHost('[::1]:5178', 5178)).toBe(true);
    expect(isAllowedHost('127.0.0.1:5179', 5178)).toBe(false);
    expect(isAllowedHost('user@127.0.0.1:5178', 5178)).toBe(false);
    expect(isAllowedHost(undefined, 5178)).toBe(false);
  });

  it('accepts only the served origin (or none, from non-browser clients)', () => {
    expect(isAllowedOrigin(undefined, '127.0.0.1:5178')).toBe(true);
    expect(isAllowedOrigin('http://127.0.0.1:5178', '127.0.0.1:5178')).toBe(true);
    expect(isAllowedOrigin('http://localhost:5178', '127.0.0.1:5178')).toBe(false);
    expect(isAllowedOrigin('https://127.0.0.1:5178', '127.0.0.1:5178')).toBe(false);
    expect(isAllowedOrigin('null', '127.0.0.1:5178')).toBe(false);
    expect(isAllowedOrigin('file://', '127.0.0.1:5178')).toBe(false);
  });

  it('resolves request paths inside the root only', () => {
    expect(resolveRequestPath('/srv/r', '/')).toEqual({ file: path.resolve('/srv/r/index.html') });
    expect(resolveRequestPath('/srv/r', '/a/b.js?x=1')).toEqual({ file: path.resolve('/srv/r/a/b.js') });
    expect(resolveRequestPath('/srv/r', '/%00')).toEqual({ status: 400 });
    expect(resolveRequestPath('/srv/r', '/%E0%A4%A')).toEqual({ status: 400 });
    expect(resolveRequestPath('/srv/r', 'http://x/')).toEqual({ status: 400 });
    expect(mimeType('a.woff2')).toBe('font/woff2');
    expect(mimeType('a.exe')).toBe('application/octet-stream');
  });

  it('keeps the meta CSP equal to the header minus header-only directives', () => {
    expect(CSP_HEADER).toContain("frame-ancestors 'none'");
    expect(CSP_META).not.toContain('frame-ancestors');
    expect(CSP_HEADER).toContain(CSP_META.split('; frame')[0] ?? '');
    expect(CSP_HEADER).not.toContain('unsafe');
  });
});
