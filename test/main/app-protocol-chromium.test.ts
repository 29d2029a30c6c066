/**
 * The built UI served by the app:// handler into a real Chromium, under the desktop CSP, with window.lab
 * provided the way the preload does it (here over a Playwright binding to an in-process engine, since the
 * Electron binary is not on this machine). Chromium cannot register app://, so requests to a stand-in
 * origin are answered by the very handler protocol.handle gets. Shows that module scripts and styles load
 * with the types and policy the handler gives them, that the UI starts with no CSP violation, and that
 * `connect-src 'none'` stops a socket or fetch to any port.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callLabMethod, LAB_METHODS, type LabMethod } from '../../electron/common/api';
import { createLabService, type LabService } from '../../electron/lab/api/lab-service';
import { APP_ORIGIN, createAppHandler } from '../../electron/main/app-protocol';
import { launchTestChromium } from '../support/chromium';
import { CHROMIUM, hasChromium, ROOT } from '../support/served-app';

if (!hasChromium) console.warn(`app-protocol-chromium.test: SKIPPED, no Chromium at ${CHROMIUM}`);

const RENDERER = path.join(ROOT, 'out', 'renderer');
/** Stands in for app://threadlab: same handler, an origin Chromium lets us route. */
const STAND_IN = 'http://threadlab.test';

/** What the preload puts on window.lab: the methods, failures as plain LabErrorData, and onEvent. */
const PRELOAD_STAND_IN = `
(() => {
  const listeners = new Set();
  window.__labEmit = (event) => { for (const l of [...listeners]) l(event); };
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) =>
    window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
  const call = (method) => async (...args) => {
    const reply = await window.__labCall(method, args);
    if (reply.ok) return reply.value;
    throw { name: 'LabError', ...reply.error };
  };
  const methods = ${JSON.stringify(LAB_METHODS)};
  window.lab = Object.freeze({
    ...Object.fromEntries(methods.map((m) => [m, call(m)])),
    onEvent: (listener) => { listeners.add(listener); return () => listeners.delete(listener); },
    onMenuCommand: () => () => undefined,
  });
})();
`;

describe.skipIf(!hasChromium)('the UI over app:// in Chromium, under the desktop CSP', () => {
  let browser: Browser;
  let page: Page;
  let service: LabService;
  let historyDir: string;

  beforeAll(async () => {
    if (!existsSync(path.join(RENDERER, 'index.html'))) {
      execFileSync(
        path.join(ROOT, 'node_modules', '.bin', 'electron-vite'),
        ['build', '--mode', 'renderer', '--logLevel', 'warn'],
        { cwd: ROOT, stdio: 'inherit' },
      );
    }
    historyDir = mkdtempSync(path.join(os.tmpdir(), 'threadlab-app-chromium-'));
    service = createLabService({ historyDir, sampleCpu: false, transport: 'electron' });
    const handle = createAppHandler({ root: RENDERER });
    browser = await launchTestChromium(CHROMIUM);
    page = await browser.newPage();
    await page.exposeFunction('__labCall', async (method: LabMethod, args: unknown[]) => {
      try {
        return { ok: true, value: await callLabMethod(service, method, args) };
      } catch (err) {
        return {
          ok: false,
          error: (err as { toData?: () => unknown }).toData?.() ?? { message: String(err) },
        };
      }
    });
    service.onEvent(
      (event) =>
        void page
          .evaluate((e) => (window as never as { __labEmit(x: unknown): void }).__labEmit(e), event)
          .catch(() => undefined),
    );
    await page.addInitScript(PRELOAD_STAND_IN);
    // Everything the page asks for goes through the handler; nothing reaches a network.
    await page.route('**/*', async (route) => {
      const url = route.request().url();
      if (!url.startsWith(`${STAND_IN}/`)) return route.abort('blockedbyclient');
      const res = await handle({
        url: APP_ORIGIN + url.slice(STAND_IN.length),
        method: route.request().method(),
      });
      return route.fulfill({
        status: res.status,
        headers: Object.fromEntries(res.headers),
        body: Buffer.from(await res.arrayBuffer()),
      });
    });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await service?.close();
    if (historyDir) rmSync(historyDir, { recursive: true, force: true });
  });

  it('starts the UI from the handler with no CSP violation', async () => {
    const scripts: string[] = [];
    page.on('response', (r) => {
      if (r.request().resourceType() === 'script') scripts.push(r.headers()['content-type'] ?? '');
    });
    await page.goto(`${STAND_IN}/index.html`);
    await page.getByTestId('headline-run').waitFor({ timeout: 60_000 });
    expect(scripts.length).toBeGreaterThan(0);
    for (const type of scripts) expect(type).toMatch(/^text\/javascript/);
    const violations = await page.evaluate(
      () => (window as never as { __violations: string[] }).__violations,
    );
    // zod probes once whether eval is allowed (`new Function('')` in a try) and takes its eval-free path when
    // the policy refuses; that refusal is the policy working, not the page breaking.
    expect(violations.filter((v) => v !== 'script-src eval')).toEqual([]);
  });

  it("stops a WebSocket to any port, and fetch even to its own origin (connect-src 'none')", async () => {
    const outcome = await page.evaluate(async (own) => {
      const w = window as never as { __violations: string[] };
      w.__violations.length = 0;
      let socketThrew = false;
      try {
        const ws = new WebSocket('ws://127.0.0.1:5178/lab');
        await new Promise((resolve) => {
          ws.onerror = resolve;
          ws.onclose = resolve;
          setTimeout(resolve, 2000);
        });
      } catch {
        socketThrew = true;
      }
      const fetched = await fetch(`${own}/index.html`).then(
        () => 'loaded',
        () => 'refused',
      );
      await new Promise((resolve) => setTimeout(resolve, 100));
      return { socketThrew, fetched, violations: [...w.__violations] };
    }, STAND_IN);
    expect(outcome.fetched).toBe('refused');
    expect(outcome.violations.filter((v) => v.startsWith('connect-src'))).toHaveLength(2);
  });
});
