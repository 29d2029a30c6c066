/**
 * The UI's own cost in real Chromium while a run streams into it with live charts on: the CPU of every
 * Chromium process, from /proc. Only what holds on a busy machine is asserted (measured, finite, taken
 * while messages streamed, and far below half a core); the target itself (<= 3% of one core) is a row of
 * `npm run bench`, measured on a quiet machine. Skipped, and said so, without Chromium or /proc.
 */
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureUiCost } from '../../bench/ui-cost';
import { launchTestChromium } from '../support/chromium';
import { CHROMIUM, hasChromium, startServedApp, type ServedApp, watchPage } from '../support/served-app';

const hasProc = existsSync('/proc/self/stat');
if (!hasChromium) console.warn(`test/e2e/ui-cost: skipped, ${CHROMIUM} is not installed`);
else if (!hasProc) console.warn('test/e2e/ui-cost: skipped, no /proc to read Chromium’s CPU from');

describe.skipIf(!hasChromium || !hasProc)('the UI’s own CPU while a run streams (npm run serve)', () => {
  let app: ServedApp;
  let browser: Browser;
  const problems: string[] = [];

  beforeAll(async () => {
    app = await startServedApp('ui-cost');
    browser = await launchTestChromium(CHROMIUM);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    expect((await app?.stop()) ?? []).toEqual([]);
  });

  it('is measured while the run streams, and stays far below half a core with live charts on', async () => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    watchPage(page, app.url, problems);
    const cost = await measureUiCost(page, app.url, true, 8000);
    expect(cost, 'no Chromium process found under this one in /proc').not.toBeNull();
    if (!cost) return;
    // the run was streaming: at 2 Hz, 8 s bring at least a dozen CPU samples, plus progress and results,
    // in messages that carry a second's worth each
    expect(cost.events).toBeGreaterThanOrEqual(10);
    expect(cost.messages).toBeGreaterThanOrEqual(4);
    expect(cost.processes).toBeGreaterThanOrEqual(2);
    expect(Number.isFinite(cost.pctOfCore)).toBe(true);
    expect(cost.chromiumCpuMs).toBeGreaterThan(0);
    expect(cost.bytes).toBeGreaterThan(0);
    // the renderer drew the live view in the window (CDP's own accounting of its main thread)
    expect(cost.renderer.taskMs).toBeGreaterThan(0);
    expect(cost.renderer.taskMs).toBeLessThan(cost.windowMs);
    expect(cost.pctOfCore).toBeLessThan(50);
    expect(problems).toEqual([]);
  }, 240_000);

  it('runs no continuous animation while a run streams, and redraws each live plot within its own box and layer', async () => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    watchPage(page, app.url, problems);
    await page.goto(app.url);
    await page.getByTestId('headline-size-full').check();
    await page.getByTestId('headline-run').click();
    await page.getByText(/Measuring · [1-9]\d* of/).waitFor({ timeout: 120_000 });
    const toggle = page.getByTestId('toggle-live-charts');
    if (!(await toggle.isChecked())) await toggle.click();
    // a few batches in: every live chart drawn at least once
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid="cpu-chart"]')?.getAttribute('data-samples')) >= 4,
      null,
      { timeout: 60_000 },
    );
    const live = await page.evaluate(() => ({
      // an animation or transition running here would have Chromium make frames all the time
      animations: document.getAnimations().map((a) => a.constructor.name),
      // size containment makes a plot a relayout boundary: its redraw lays out nothing around it
      contain: [...document.querySelectorAll('.live-grid .chart-plot, .progress-track')].map(
        (el) => getComputedStyle(el).contain,
      ),
      // ...and so the plot's box must not depend on what it draws: the stylesheet's height, not zero
      heights: [...document.querySelectorAll<HTMLElement>('.live-grid .chart-plot')].map(
        (el) => el.offsetHeight,
      ),
      chartH: parseFloat(getComputedStyle(document.documentElement).getPropertyValue('--chart-h')),
      // each live plot and the progress fill is a compositor layer of its own: a redraw rasters that layer only,
      // and the fill moves by a new transform, with nothing repainted
      layers: [...document.querySelectorAll('.live-grid .chart-plot, .progress-fill')].map(
        (el) => getComputedStyle(el).willChange,
      ),
      fill: (() => {
        const track = document.querySelector('.progress-track');
        const fill = document.querySelector('.progress-fill');
        if (!track || !fill) return null;
        const { a, d } = new DOMMatrixReadOnly(getComputedStyle(fill).transform);
        return {
          scaleX: a,
          scaleY: d,
          done: Number(track.getAttribute('aria-valuenow')),
          total: Number(track.getAttribute('aria-valuemax')),
        };
      })(),
    }));
    expect(live.animations).toEqual([]);
    // the CPU chart, two speedup charts and the progress track
    expect(live.contain.length).toBeGreaterThanOrEqual(4);
    expect(new Set(live.contain)).toEqual(new Set(['strict']));
    expect(live.chartH).toBeGreaterThan(0);
    for (const h of live.heights) expect(h).toBe(live.chartH);
    expect(live.layers.length).toBe(live.contain.length);
    expect(new Set(live.layers)).toEqual(new Set(['transform']));
    // the fill shows the runs done, as its width did (to the percent), at the track's full height
    expect(live.fill).not.toBeNull();
    if (live.fill) {
      expect(live.fill.total).toBeGreaterThan(0);
      expect(live.fill.scaleX).toBeCloseTo(Math.round((100 * live.fill.done) / live.fill.total) / 100, 5);
      expect(live.fill.scaleY).toBe(1);
    }
    await page.getByTestId('cancel').click();
    await page.getByTestId('status-banner').waitFor({ timeout: 60_000 });
    await page.close();
    expect(problems).toEqual([]);
  }, 240_000);
});
