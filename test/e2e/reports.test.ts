/**
 * The Reports section in real Chromium against `serve` with a temporary history: a tiny experiment is
 * listed with its figures, exports arrive as real downloads (CSV, HTML, a chart's PNG), a hostile file is
 * refused naming its bad field, a fixture imports, the run and the import compare to a verdict, and delete
 * removes an entry after its dialog. Screenshots go to test-results/reports (git-ignored). Skipped, and
 * said so, when no Chromium is installed.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Download, Page } from 'playwright-core';
import { launchTestChromium } from '../support/chromium';
import {
  CHROMIUM,
  hasChromium,
  ROOT,
  startServedApp,
  type ServedApp,
  watchPage,
} from '../support/served-app';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_FILE } from '../fixtures/reports/fixtures';

const SHOTS = path.join(ROOT, 'test-results', 'reports');
if (!hasChromium) console.warn(`test/e2e/reports: skipped, ${CHROMIUM} is not installed`);

async function download(page: Page, click: () => Promise<void>): Promise<{ d: Download; bytes: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent('download'), click()]);
  const file = await d.path();
  return { d, bytes: readFileSync(file) };
}

describe.skipIf(!hasChromium)('Reports in Chromium (npm run serve)', () => {
  let app: ServedApp;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    app = await startServedApp('reports-e2e');
    browser = await launchTestChromium(CHROMIUM);
    page = await browser.newPage({
      viewport: { width: 1400, height: 900 },
      colorScheme: 'light',
      acceptDownloads: true,
    });
    // blob: and data: are the page's own downloads and chart images
    watchPage(page, app.url, problems, ['blob:', 'data:']);
    mkdirSync(SHOTS, { recursive: true });
    await page.goto(app.url);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    expect((await app?.stop()) ?? []).toEqual([]);
  });

  it('lists a tiny experiment with its figures once it finishes', async () => {
    await page.locator('summary', { hasText: 'Build your own experiment' }).click();
    await page.getByTestId('builder-label').fill('e2e tiny');
    await page.getByTestId('builder-param-primes-units').fill('4');
    await page.getByTestId('builder-param-primes-span').fill('2000');
    await page.getByTestId('builder-workers').fill('1, 2');
    await page.getByTestId('builder-repeat').fill('3');
    await page.getByTestId('builder-warmup').fill('0');
    await page.getByTestId('builder-start').click();
    await page.getByTestId('progress').waitFor();
    app.track();
    await page.getByTestId('results').waitFor({ timeout: 60_000 });
    // The last results export straight from the Lab: the report as JSON, as the engine recorded it.
    const json = await download(page, async () => {
      await page.getByTestId('export-button').click();
      await page.getByTestId('export-json').click();
    });
    const saved = JSON.parse(json.bytes.toString('utf8')) as { config: { label: string }; status: string };
    expect(saved.config.label).toBe('e2e tiny');
    expect(saved.status).toBe('complete');
    await page.getByTestId('tab-reports').click();
    const item = page.locator('[data-testid="history-item"][data-source="run"]');
    await item.waitFor();
    expect(await item.getAttribute('data-status')).toBe('complete');
    expect(await item.getByRole('heading').textContent()).toBe('e2e tiny');
    const best = await item.getByTestId('history-best').textContent();
    expect(best).toMatch(/Threads [\d.]+× \(\d workers?, Prime counting\)/);
    expect(best).toMatch(/Processes [\d.]+×/);
  }, 90_000);

  it('exports CSV and HTML, and a chart as PNG, as real downloads', async () => {
    await page.locator('[data-testid="history-item"][data-source="run"]').getByTestId('history-open').click();
    await page.getByTestId('results').waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'open-report.png') });

    const csv = await download(page, async () => {
      await page.getByTestId('export-button').click();
      await page.getByTestId('export-csv').click();
    });
    expect(csv.d.suggestedFilename()).toMatch(/^threadlab-e2e-tiny-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = csv.bytes.toString('utf8').trim().split('\n');
    expect(lines[0]).toMatch(/^workload,kind,model,workers,repetition,wallMs/);
    expect(lines.length).toBeGreaterThan(5);

    const html = await download(page, async () => {
      await page.getByTestId('export-button').click();
      await page.getByTestId('export-html').click();
    });
    expect(html.d.suggestedFilename()).toMatch(/\.html$/);
    const text = html.bytes.toString('utf8');
    expect(text).toContain('<svg');
    expect(text).toContain('e2e tiny');
    expect(text.toLowerCase()).not.toContain('<script');
    expect(await page.getByTestId('export-status').textContent()).toBe(`Saved ${html.d.suggestedFilename()}`);

    const png = await download(page, () =>
      page.getByTestId('speedup-chart-cpu').getByTestId('save-png').click(),
    );
    expect(png.d.suggestedFilename()).toBe('threadlab-cpu-bound-prime-counting.png');
    expect(png.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    // IHDR: the chart at twice its CSS size, so wider than tall and far larger than an empty canvas
    expect(png.bytes.readUInt32BE(16)).toBeGreaterThan(800);
    expect(png.bytes.length).toBeGreaterThan(20_000);
    await page.getByTestId('reports-back').click();
  }, 30_000);

  it('refuses a hostile file, naming the bad field, and renders none of it as markup', async () => {
    const bad = JSON.parse(readFileSync(SAMPLE_FILE, 'utf8')) as {
      config: { label: string };
      results: { wallMs: { median: number } }[];
    };
    bad.config.label = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=1">';
    if (bad.results[0]) bad.results[0].wallMs.median = -1;
    await page.getByTestId('import-input').setInputFiles({
      name: 'hostile.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(bad)),
    });
    const alert = page.getByTestId('import-error');
    await alert.waitFor();
    expect(await alert.getAttribute('role')).toBe('alert');
    expect(await alert.getByTestId('import-issue').textContent()).toBe(
      'results[0].wallMs.median: must not be negative',
    );
    expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(await page.locator('#root script, #root img').count()).toBe(0);
    await page.screenshot({ path: path.join(SHOTS, 'import-error.png') });
  });

  it('imports a valid fixture and lists it as imported', async () => {
    await page.getByTestId('import-input').setInputFiles(SAMPLE_FILE);
    const item = page.locator('[data-testid="history-item"][data-source="imported"]');
    await item.waitFor();
    expect(await item.getByTestId('history-origin').textContent()).toBe('Imported from sample.json');
    expect(await page.getByTestId('history-item').count()).toBe(2);
    await page.screenshot({ path: path.join(SHOTS, 'list.png'), fullPage: true });
  });

  it('compares the run with the import to plain verdicts with p-values', async () => {
    for (const pick of await page.getByTestId('history-pick').all()) await pick.check();
    await page.getByTestId('compare-start').click();
    const overall = page.getByTestId('compare-overall');
    await overall.waitFor();
    expect(await overall.textContent()).toMatch(/cells/);
    const verdicts = await page.getByTestId('compare-verdict').allTextContents();
    expect(verdicts.some((v) => /^threads[: ]/.test(v))).toBe(true);
    // every significant cell is named with its p-value, or it is said that none is
    expect(await page.getByTestId('compare-significant').textContent()).toMatch(
      /\(p [<=] [\d.]+\)|No cell differs/,
    );
    // 3 runs against 5: the small sample is said out loud
    expect(await page.getByTestId('compare-small').textContent()).toContain('fewer than 5 runs');
    expect(await page.getByTestId('overlay-chart').count()).toBeGreaterThanOrEqual(3);
    expect(await page.locator('[data-testid="overlay-chart"] .recharts-line').count()).toBeGreaterThanOrEqual(
      6,
    );
    expect((await page.getByTestId('compare-table').textContent()) ?? '').toMatch(/p [<=] /);
    await page.screenshot({ path: path.join(SHOTS, 'compare.png'), fullPage: true });
    await page.getByTestId('reports-back').click();
  });

  it('deletes an entry after its confirmation dialog', async () => {
    const imported = page.locator('[data-testid="history-item"][data-source="imported"]');
    await imported.getByTestId('history-delete').click();
    const dialog = page.getByRole('dialog', { name: 'Delete this report?' });
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await imported.count()).toBe(1);
    await imported.getByTestId('history-delete').click();
    await page.getByTestId('confirm-ok').click();
    await imported.waitFor({ state: 'detached' });
    expect(await page.getByTestId('history-item').count()).toBe(1);
  });

  it('met no script error, blocked resource or outside request on the way', () => {
    expect(problems).toEqual([]);
  });
});
