/**
 * The desktop app end to end through Playwright's Electron driver: a sandboxed window whose `window.lab` is
 * the preload's LabApi and nothing more, a real tiny experiment over IPC, field errors that survive
 * contextBridge, and quitting mid-run leaving no worker process. Needs the Electron binary (and a display on
 * Linux, e.g. xvfb-run); where it is missing the tests are skipped and the reason is printed.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { _electron as electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAB_METHODS, type LabEvent } from '../../electron/common/api';
import type { Report } from '../../electron/common/report';
import { APP_INDEX_URL } from '../../electron/main/app-protocol';
import { electronBinary } from '../../scripts/start.mjs';
import { cmdline, descendants } from '../support/processes';

const ROOT = path.resolve('.');
const binary = electronBinary(ROOT);
const skipReason =
  'the Electron binary is not installed (node_modules/electron/path.txt or dist/ missing: it downloads from GitHub, ' +
  'which this machine cannot reach). Browser mode is covered by test/lab/serve/browser.test.ts.';
if (!binary) console.warn(`test/e2e/electron.test.ts: SKIPPED, ${skipReason}`);

const TINY = {
  workloads: [{ name: 'primes', params: { units: 4, span: 2000 } }],
  models: ['threads'],
  workers: [1, 2],
  repeat: 1,
  warmup: 0,
};
const LONG = {
  ...TINY,
  workloads: [{ name: 'primes', params: { units: 8, span: 200_000 } }],
  models: ['processes'],
  repeat: 200,
};

describe('desktop app (Electron)', () => {
  let app: ElectronApplication;
  let page: Page;

  beforeAll(async () => {
    if (!binary) return;
    execFileSync(
      process.execPath,
      [path.join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build', '--logLevel', 'warn'],
      {
        cwd: ROOT,
        stdio: 'inherit',
      },
    );
    // Chromium refuses to run as root with its sandbox (CI containers); the renderer sandbox flag stays on.
    const args = process.getuid?.() === 0 ? ['--no-sandbox', '.'] : ['.'];
    app = await electron.launch({ executablePath: binary, args, cwd: ROOT });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  }, 120_000);

  afterAll(async () => {
    await app?.close().catch(() => undefined);
  });

  it.skipIf(!binary)('window.lab is the LabApi and nothing else; no Node in the page', async () => {
    const keys = await page.evaluate(() => Object.keys(window.lab ?? {}).sort());
    // Every method of the table (a list kept here by hand fell behind it), the event stream and the menu.
    expect(keys).toEqual([...LAB_METHODS, 'onEvent', 'onMenuCommand'].sort());
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
    expect(await page.evaluate(() => Object.keys(window).filter((k) => /ipc|electron/i.test(k)))).toEqual([]);
  });

  it.skipIf(!binary)('runs a tiny experiment over IPC and reports field errors whole', async () => {
    const result = await page.evaluate(async (config) => {
      const lab = window.lab;
      if (!lab) throw new Error('no window.lab');
      const info = await lab.getInfo();
      const finished = new Promise<Report>((resolve) =>
        lab.onEvent((e: LabEvent) => {
          if (e.type === 'experiment-finished') resolve(e.report);
        }),
      );
      await lab.startExperiment(config as never);
      const report = await finished;
      const err = (await lab
        .startExperiment({ ...config, workers: [10000] } as never)
        .catch((e: unknown) => e)) as {
        code?: string;
        issues?: { field: string }[];
      };
      return {
        transport: info.transport,
        status: report.status,
        results: report.results.length,
        code: err.code,
        fields: err.issues?.map((i) => i.field),
      };
    }, TINY);
    expect(result).toEqual({
      transport: 'electron',
      status: 'complete',
      results: 3,
      code: 'invalid-config',
      fields: ['workers[0]'],
    });
  });

  it.skipIf(!binary)(
    "shows the UI from app://threadlab, where connect-src 'none' stops any socket",
    async () => {
      expect(page.url().startsWith(APP_INDEX_URL)).toBe(true);
      const blocked = await page.evaluate(
        () =>
          new Promise<string>((resolve) => {
            document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective), {
              once: true,
            });
            try {
              new WebSocket('ws://127.0.0.1:5178/lab');
            } catch {
              // refused outright; the violation event still fires
            }
            setTimeout(() => resolve('not blocked'), 2000);
          }),
      );
      expect(blocked).toBe('connect-src');
    },
  );

  it.skipIf(!binary)('refuses to navigate away or open windows', async () => {
    const before = page.url();
    await page.evaluate(() => {
      window.open('https://example.com/');
      window.location.href = 'https://example.com/';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toBe(before);
    expect(app.windows()).toHaveLength(1);
  });

  it.skipIf(!binary)('quitting mid-run cancels it and leaves no worker process', async () => {
    await page.evaluate(async (config) => {
      const lab = window.lab;
      if (!lab) throw new Error('no window.lab');
      const measuring = new Promise<void>((resolve) =>
        lab.onEvent((e: LabEvent) => {
          if (e.type === 'progress' && e.progress.phase === 'measuring') resolve();
        }),
      );
      await lab.startExperiment(config as never);
      await measuring;
    }, LONG);
    const pid = app.process().pid ?? 0;
    const workers = descendants(pid).filter((p) => cmdline(p).includes('process-entry'));
    if (process.platform === 'linux') expect(workers.length).toBeGreaterThanOrEqual(2);
    await app.close();
    const alive = workers.filter((p) => {
      try {
        process.kill(p, 0);
        return true;
      } catch {
        return false;
      }
    });
    expect(alive).toEqual([]);
  });
});
