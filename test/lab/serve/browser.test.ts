/**
 * Browser mode in a real Chromium: a page served by the lab server, under its strict CSP, installs
 * window.lab over the WebSocket, runs a tiny experiment and gets LabErrors back whole. A page from another
 * origin cannot open the socket.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { launchTestChromium } from '../../support/chromium';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLabServer, type LabServer } from '../../../electron/lab/serve/server';

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium)
  console.warn(
    `test/lab/serve/browser.test.ts: SKIPPED, no Chromium at ${CHROMIUM} (apt-get install chromium)`,
  );

const PAGE_SCRIPT = `
import { ensureLabApi } from ${JSON.stringify(path.resolve('renderer/transport/install.ts'))};
import { LabError } from ${JSON.stringify(path.resolve('electron/common/errors.ts'))};
const out = {};
window.__done = (async () => {
  const lab = await ensureLabApi().catch((err) => err);
  if (lab instanceof Error) return { refused: lab.message, search: location.search };
  out.search = location.search;
  out.sameObject = lab === window.lab && (await ensureLabApi()) === lab;
  const info = await lab.getInfo();
  out.transport = info.transport;
  out.workloads = info.workloads.length;
  const events = [];
  const finished = new Promise((resolve) => lab.onEvent((e) => { events.push(e.type); if (e.type === 'experiment-finished') resolve(e.report); }));
  await lab.startExperiment({ workloads: [{ name: 'primes', params: { units: 4, span: 2000 } }], models: ['threads'], workers: [1, 2], repeat: 1, warmup: 0 });
  const report = await finished;
  out.status = report.status;
  out.results = report.results.length;
  out.sawProgress = events.includes('progress');
  try {
    await lab.startExperiment({ workloads: [{ name: 'primes', params: {} }], models: ['threads'], workers: [10000] });
  } catch (err) {
    out.errorIsLabError = err instanceof LabError;
    out.errorCode = err.code;
    out.errorFields = err.issues.map((i) => i.field);
  }
  return out;
})();
`;

describe.skipIf(!haveChromium)('browser mode in Chromium', () => {
  let dir: string;
  let server: LabServer;
  let other: Server;
  let browser: Browser;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'threadlab-browser-'));
    mkdirSync(path.join(dir, 'assets'));
    writeFileSync(path.join(dir, 'entry.js'), PAGE_SCRIPT);
    await build({
      entryPoints: [path.join(dir, 'entry.js')],
      outfile: path.join(dir, 'assets', 'app.js'),
      bundle: true,
      format: 'esm',
      platform: 'browser',
      logLevel: 'warning',
    });
    writeFileSync(
      path.join(dir, 'index.html'),
      '<!doctype html><html><head><script type="module" src="./assets/app.js"></script></head><body></body></html>',
    );
    server = await startLabServer({ rendererDir: dir, port: 0 });
    // Another site the user has open: it tries to drive the lab through the browser.
    other = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end(`<!doctype html><script>
        window.__done = new Promise((resolve) => {
          // It even knows the key: the Origin check still keeps it out.
          const ws = new WebSocket('ws://127.0.0.1:${server.port}/lab', ['threadlab', 'threadlab.key.${server.keys.control}']);
          ws.onopen = () => resolve('open');
          ws.onerror = () => resolve('refused');
        });
      </script>`);
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    browser = await launchTestChromium(CHROMIUM);
  });

  afterAll(async () => {
    await browser?.close();
    other?.closeAllConnections();
    other?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('installs window.lab over the WebSocket and runs an experiment under the strict CSP', async () => {
    const page = await browser.newPage();
    const violations: string[] = [];
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.exposeFunction('__cspViolation', (v: string) => violations.push(v));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        (window as unknown as { __cspViolation(v: string): void }).__cspViolation(
          `${e.violatedDirective} ${e.blockedURI}`,
        );
      });
    });
    await page.goto(server.url);
    const result = await page.evaluate(
      () => (window as unknown as { __done: Promise<Record<string, unknown>> }).__done,
    );
    expect(errors).toEqual([]);
    expect(violations).toEqual([]);
    expect(result).toMatchObject({
      // the key is gone from the address bar (and so from screenshots), kept for this tab only
      search: '',
      sameObject: true,
      transport: 'websocket',
      status: 'complete',
      results: 3,
      sawProgress: true,
      errorIsLabError: true,
      errorCode: 'invalid-config',
      errorFields: ['workers[0]'],
    });
    expect(result.workloads).toBeGreaterThan(3);
    await page.close();
  });

  it('says how to get in when the page was opened without its key', async () => {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${server.port}/`);
    const result = await page.evaluate(
      () => (window as unknown as { __done: Promise<Record<string, unknown>> }).__done,
    );
    expect(String(result.refused)).toContain('opened without the key of the lab');
    expect(server.service.busy).toBe(false);
    await page.close();
  });

  it('refuses a WebSocket from a page of another origin', async () => {
    const page = await browser.newPage();
    const { port } = other.address() as AddressInfo;
    await page.goto(`http://127.0.0.1:${port}/`);
    expect(await page.evaluate(() => (window as unknown as { __done: Promise<string> }).__done)).toBe(
      'refused',
    );
    expect(server.service.busy).toBe(false);
    await page.close();
  });
});
