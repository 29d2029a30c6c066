/**
 * The HTML report in a real Chromium (playwright-core + the system browser): its SVG charts render, nothing
 * from the data runs as script, and the CSP would stop an inline script even if escaping failed. Also the
 * PDF and PNG exports, which go through the same browser.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launchTestChromium } from '../../support/chromium';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toHtml } from '../../../electron/common/export/index';
import { findChromium } from '../../../electron/lab/report/chromium';
import { writeReport } from '../../../electron/lab/report/io';
import { HOSTILE, hostileReport, loadSample } from '../../fixtures/reports/fixtures';

const executablePath = findChromium();
if (!executablePath)
  console.warn(
    'test/lab/report/browser.test.ts skipped: no Chromium (install the chromium package or set THREADLAB_CHROMIUM)',
  );

describe.skipIf(!executablePath)('HTML report in real Chromium', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'threadlab-report-browser-'));
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchTestChromium(executablePath ?? '');
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  /** Opens an HTML file from disk, as a person double-clicking it would (JavaScript on). */
  async function open(name: string, html: string): Promise<{ page: Page; console: string[] }> {
    const file = path.join(tmp, name);
    writeFileSync(file, html);
    const page = await browser.newPage();
    const console: string[] = [];
    page.on('console', (m) => console.push(m.text()));
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    return { page, console };
  }

  it('shows its SVG charts with real size', async () => {
    const report = loadSample();
    const { page } = await open('sample.html', toHtml(report));
    const workloads = new Set(report.results.map((r) => r.workload)).size;
    const boxes = await page.locator('svg.chart').evaluateAll((els) =>
      els.map((e) => {
        const b = e.getBoundingClientRect();
        return { w: b.width, h: b.height, kind: e.getAttribute('class') };
      }),
    );
    expect(boxes.filter((b) => b.kind === 'chart speedup')).toHaveLength(workloads);
    expect(boxes.filter((b) => b.kind === 'chart wall')).toHaveLength(workloads);
    for (const b of boxes) {
      expect(b.w).toBeGreaterThan(300);
      expect(b.h).toBeGreaterThan(100);
    }
    // one line per model with more than one worker count, drawn with real length
    const lineLength = await page
      .locator('svg.speedup polyline')
      .first()
      .evaluate((el) => (el as SVGPolylineElement).getTotalLength());
    expect(lineLength).toBeGreaterThan(50);
    expect(await page.title()).toBe('ThreadLab report: fixture A');
    await page.close();
  });

  it('runs no script from the data and shows hostile text as text', async () => {
    const { page } = await open('hostile.html', toHtml(hostileReport()));
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.evaluate(() => document.scripts.length)).toBe(0);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.title()).toBe(`ThreadLab report: ${HOSTILE.label}`);
    const body = await page.locator('body').innerText();
    expect(body).toContain('<script>window.__pwned=1</script>Evil CPU');
    expect(body).toContain('"><svg onload="window.__pwned=1"></svg>');
    await page.close();
  });

  it('its CSP blocks an inline script even if one got into the file', async () => {
    const injected = toHtml(loadSample()).replace('</body>', '<script>window.__pwned = 1</script></body>');
    const { page, console } = await open('injected.html', injected);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(console.join('\n')).toMatch(/Content Security Policy/);
    await page.close();
    // Control: without the CSP meta the same script does run, so the check above can fail.
    const { page: bare } = await open(
      'bare.html',
      injected.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, ''),
    );
    expect(await bare.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBe(1);
    await bare.close();
  });

  it('PDF export produces a valid PDF document', async () => {
    const file = path.join(tmp, 'report.pdf');
    await writeReport(loadSample(), file, { executablePath: executablePath ?? undefined });
    const pdf = readFileSync(file);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-64).toString('latin1')).toMatch(/%%EOF\s*$/);
    expect(pdf.length).toBeGreaterThan(20_000);
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)?.length).toBeGreaterThanOrEqual(2);
  });

  it('PNG export is a picture of the speedup chart', async () => {
    const file = path.join(tmp, 'chart.png');
    await writeReport(loadSample(), file, { executablePath: executablePath ?? undefined });
    const png = readFileSync(file);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // IHDR: width and height at bytes 16..23; the chart is 640 CSS px wide at device scale 2
    expect(png.readUInt32BE(16)).toBe(1280);
    expect(png.readUInt32BE(20)).toBeGreaterThan(400);
  });
});
