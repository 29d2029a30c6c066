/**
 * "Open your own workload…" in real Chromium against the real engine (`serve --public` on a free port): the
 * JavaScript fixture opened through the file input, described, run and shown as result rows; a broken file's
 * error naming it; the file offered again after a reload (the engine holds it); and a watcher, who gets no
 * picker and whose direct openWorkloadFile and listWorkloadFiles calls are refused.
 * Skipped, and said so, when no Chromium is installed.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabApi } from '../../electron/common/api';
import { launchTestChromium } from '../support/chromium';
import {
  CHROMIUM,
  hasChromium,
  ROOT,
  startServedApp,
  type ServedApp,
  watchPage,
} from '../support/served-app';
import { BROKEN_TO_LOAD, GOOD } from '../support/user-workloads';

const SHOTS = path.join(ROOT, 'test-results', 'own-workload');
if (!hasChromium) console.warn(`test/e2e/own-workload: skipped, ${CHROMIUM} is not installed`);

describe.skipIf(!hasChromium)('Your own workload in Chromium (npm run serve)', () => {
  let app: ServedApp;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    app = await startServedApp('own-workload', { public: true });
    browser = await launchTestChromium(CHROMIUM);
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, colorScheme: 'light' });
    watchPage(page, app.url, problems);
    mkdirSync(SHOTS, { recursive: true });
    await page.goto(app.url);
    await page.locator('summary', { hasText: 'Build your own experiment' }).click();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    // Nothing the server started may outlive it: the workers that ran the file included.
    expect((await app?.stop()) ?? []).toEqual([]);
  });

  it('opens a .mjs file through the file input, runs it and shows its result rows', async () => {
    await page.getByTestId('own-workload-input').setInputFiles(GOOD.js);
    const summary = page.getByTestId('own-workload-summary');
    await summary.waitFor({ timeout: 30_000 });
    expect(await summary.getAttribute('data-language')).toBe('js');
    expect(await summary.textContent()).toContain(
      'my-kernel from my-kernel.mjs: JavaScript, CPU-bound, 8 units.',
    );
    expect(await page.getByTestId('own-workload-params').textContent()).toBe(
      'n 1–10000000, default 20000: numbers per unit',
    );
    expect(await page.getByTestId('builder-workload-my-kernel').isChecked()).toBe(true);
    expect(await page.getByTestId('builder-model-threads').isChecked()).toBe(true);
    expect(await page.getByTestId('builder-model-py-threads').isDisabled()).toBe(true);
    await page.getByTestId('own-workload').screenshot({ path: path.join(SHOTS, 'picker.png') });

    await page.getByTestId('builder-param-my-kernel-n').fill('2000');
    await page.getByTestId('builder-model-processes').uncheck();
    await page.getByTestId('builder-model-gil').uncheck();
    await page.getByTestId('builder-workers').fill('2');
    await page.getByTestId('builder-repeat').fill('1');
    await page.getByTestId('builder-warmup').fill('0');
    await page.getByTestId('builder-start').click();
    await page.getByTestId('results').waitFor({ timeout: 120_000 });
    app.track();
    const rows = await page
      .getByTestId('results-row')
      .evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 3).map((td) => td.textContent)),
      );
    expect(rows).toEqual([
      ['my-kernel', 'Sequential (1 worker thread)', '1'],
      ['my-kernel', 'Worker threads', '2'],
    ]);
    expect(await page.locator('.row-failed').count()).toBe(0);
  }, 150_000);

  it('shows a broken file’s error beside the control, naming the file', async () => {
    const broken = BROKEN_TO_LOAD.find((b) => b.file === 'syntax.mjs');
    if (!broken) throw new Error('test/support/user-workloads has no syntax.mjs');
    await page.getByTestId('own-workload-input').setInputFiles({
      name: broken.file,
      mimeType: 'text/javascript',
      buffer: Buffer.from(broken.text),
    });
    const error = page.getByTestId('own-workload-error');
    await error.waitFor({ timeout: 30_000 });
    expect(await error.textContent()).toMatch(broken.error);
    expect(await error.getAttribute('role')).toBe('alert');
    // The file opened before is still the one offered.
    expect(await page.getByTestId('own-workload-summary').textContent()).toContain('my-kernel.mjs');
  }, 60_000);

  it('offers the opened file again after the page is reloaded: the engine holds it', async () => {
    await page.reload();
    await page.locator('summary', { hasText: 'Build your own experiment' }).click();
    const summary = page.getByTestId('own-workload-summary');
    await summary.waitFor({ timeout: 30_000 });
    expect(await summary.textContent()).toContain('my-kernel from my-kernel.mjs');
    expect(await page.getByTestId('builder-workload-my-kernel').isChecked()).toBe(true);
    expect(await page.getByTestId('builder-model-threads').isChecked()).toBe(true);
  }, 60_000);

  it('a watcher sees no picker, and its direct openWorkloadFile and listWorkloadFiles calls are refused', async (ctx) => {
    const watchUrl = app.watchUrl;
    if (watchUrl === null) {
      console.warn('own-workload watcher test skipped: this machine has no network address, so no watch key');
      ctx.skip();
      return;
    }
    const watcher = await browser.newPage();
    try {
      watchPage(watcher, watchUrl, problems);
      await watcher.goto(watchUrl);
      await watcher.getByTestId('read-only').waitFor({ timeout: 30_000 });
      await watcher.locator('summary', { hasText: 'Build your own experiment' }).click();
      expect(await watcher.getByTestId('own-workload-watcher').textContent()).toBe(
        'Only the person at the machine can run their own code.',
      );
      expect(await watcher.getByTestId('own-workload-input').count()).toBe(0);
      const codes = await watcher.evaluate(async () => {
        const lab = (window as unknown as { lab: LabApi }).lab;
        const codeOf = (call: Promise<unknown>) =>
          call.then(
            () => 'answered',
            (err: unknown) => (err as { code?: string }).code ?? String(err),
          );
        return [
          await codeOf(
            lab.openWorkloadFile('k.mjs', 'export const meta = {}; export function unit() { return 0; }'),
          ),
          await codeOf(lab.listWorkloadFiles()),
        ];
      });
      expect(codes).toEqual(['read-only', 'read-only']);
    } finally {
      await watcher.close();
    }
  }, 60_000);

  it('met no script error, blocked resource or outside request on the way', () => {
    expect(problems).toEqual([]);
  });
});
