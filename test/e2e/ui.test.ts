/**
 * The UI in real Chromium against the real engine, as a classroom would use it: `serve` on a free port, the
 * quick headline run to its two charts, a bad worker count named by the engine, and a long run cancelled.
 * Screenshots go to test-results/ui (git-ignored; the ones in docs/screenshots are taken on a quiet machine
 * with the full-size headline). Skipped, and said so, when no Chromium is installed.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchTestChromium } from '../support/chromium';
import { isAlive } from '../support/processes';
import {
  CHROMIUM,
  hasChromium,
  ROOT,
  startServedApp,
  type ServedApp,
  watchPage,
} from '../support/served-app';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const SHOTS = path.join(ROOT, 'test-results', 'ui');
if (!hasChromium) console.warn(`test/e2e/ui: skipped, ${CHROMIUM} is not installed`);

describe.skipIf(!hasChromium)('ThreadLab UI in Chromium (npm run serve)', () => {
  let app: ServedApp;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    app = await startServedApp('ui');
    browser = await launchTestChromium(CHROMIUM);
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, colorScheme: 'light' });
    watchPage(page, app.url, problems);
    mkdirSync(SHOTS, { recursive: true });
    await page.goto(app.url);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    // Nothing the server started may outlive it: worker processes included.
    expect((await app?.stop()) ?? []).toEqual([]);
  });

  it('runs the quick headline to two speedup charts with points', async () => {
    await page.getByTestId('headline-size-quick').check();
    await page.getByTestId('headline-run').click();
    await page.getByTestId('progress').waitFor();
    app.track();
    await page.getByTestId('results').waitFor({ timeout: 120_000 });
    for (const kind of ['cpu', 'io']) {
      const chart = page.getByTestId(`speedup-chart-${kind}`);
      // 4 models x 3 worker counts on 2 cores; at least one point per model on any machine
      expect(Number(await chart.getAttribute('data-points'))).toBeGreaterThanOrEqual(4);
      expect(await chart.locator('.recharts-symbols').count()).toBeGreaterThanOrEqual(4);
    }
    await page.getByTestId('speedup-chart-cpu').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, 'headline.png') });
    await page.screenshot({ path: path.join(SHOTS, 'results.png'), fullPage: true });
    await page.getByTestId('toggle-large-text').click();
    expect(await page.evaluate(() => document.documentElement.dataset.textSize)).toBe('large');
    await page.getByTestId('speedup-chart-cpu').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, 'large-text.png') });
    await page.getByTestId('toggle-large-text').click();
  }, 150_000);

  it('shows the engine’s error next to a bad worker count', async () => {
    await page.locator('summary', { hasText: 'Build your own experiment' }).click();
    await page.getByTestId('builder-workers').fill('0, 2');
    await page.getByTestId('builder-start').click();
    const alert = page.getByTestId('error-alert');
    await alert.waitFor();
    expect(await alert.getAttribute('role')).toBe('alert');
    expect(await alert.textContent()).toContain('workers[0]');
    expect(await page.getByTestId('builder-workers-error').textContent()).toContain('must be at least 1');
    expect(await page.getByTestId('builder-workers').getAttribute('aria-invalid')).toBe('true');
    await page.getByTestId('builder-workers').fill('1, 2');
    await page.locator('summary', { hasText: 'Build your own experiment' }).click();
  });

  it('cancels a long run and keeps the partial results', async () => {
    await page.getByTestId('headline-size-full').check();
    await page.getByTestId('headline-run').click();
    // Where Python is found the headline first starts three interpreters and a process pool: on a loaded
    // 2-core machine that alone has taken most of a minute.
    await page.getByText(/Measuring · [1-9]\d* of/).waitFor({ timeout: 150_000 });
    // The child-process model keeps its workers alive for the whole run: they must exist now...
    const running = app.track();
    expect(running.length).toBeGreaterThan(0);
    await page.getByTestId('cancel').click();
    await page.getByTestId('status-banner').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('status-banner').textContent()).toContain('cancelled');
    expect(await page.getByTestId('headline-run').isEnabled()).toBe(true);
    // ...and be gone once the cancelled run has ended, without waiting for the server to stop.
    const deadline = Date.now() + 5000;
    while (running.some(isAlive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(running.filter(isAlive)).toEqual([]);
  }, 210_000);

  it('says so plainly when the engine cannot be reached', async () => {
    const lonely = await browser.newPage();
    try {
      await lonely.routeWebSocket(/\/lab$/, (ws) => ws.close({ code: 1011, reason: 'refused by the test' }));
      await lonely.goto(app.url);
      const alert = lonely.getByTestId('engine-unreachable');
      await alert.waitFor({ timeout: 20_000 });
      expect(await alert.getAttribute('role')).toBe('alert');
      expect(await alert.textContent()).toContain('cannot reach its engine');
      expect(await lonely.getByRole('button', { name: 'Try again' }).isEnabled()).toBe(true);
    } finally {
      await lonely.close();
    }
  });

  it('met no script error, blocked resource or outside request on the way', () => {
    expect(problems).toEqual([]);
  });
});
