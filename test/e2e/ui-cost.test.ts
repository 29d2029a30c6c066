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
});
