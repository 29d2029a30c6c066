/**
 * The Demos section in real Chromium against the real engine (`serve` on a free port): race, deadlock and
 * semaphore run to their measured views, presenter mode moves between demos with the arrow keys, and a
 * cancelled demo leaves the page idle with no process behind. Screenshots go to test-results/demos
 * (git-ignored). Skipped, and said so, when no Chromium is installed.
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

const SHOTS = path.join(ROOT, 'test-results', 'demos');
if (!hasChromium) console.warn(`test/e2e/demos: skipped, ${CHROMIUM} is not installed`);

const number = (text: string | null) => Number((text ?? '').replace(/[^\d.]/g, ''));

describe.skipIf(!hasChromium)('Demos in Chromium (npm run serve)', () => {
  let app: ServedApp;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  /** Opens a demo from the list, predicts, runs it and waits for its measured result. */
  async function runDemo(id: string, choice: string) {
    await page.getByTestId(`demo-card-${id}`).click();
    await page.getByTestId(`demo-choice-${choice}`).check();
    await page.getByTestId('demo-run').click();
    await page
      .locator(`[data-testid="demo-page"][data-demo="${id}"][data-status="finished"]`)
      .waitFor({ timeout: 30_000 });
    app.track();
  }

  beforeAll(async () => {
    app = await startServedApp('demos');
    browser = await launchTestChromium(CHROMIUM);
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, colorScheme: 'light' });
    watchPage(page, app.url, problems);
    mkdirSync(SHOTS, { recursive: true });
    await page.goto(app.url);
    await page.getByTestId('tab-demos').click();
    await page.getByTestId('demo-list').waitFor();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    // Nothing the server started may outlive it.
    expect((await app?.stop()) ?? []).toEqual([]);
  });

  it('race: the page shows the expected count and lower actual counts, read from the page', async () => {
    await runDemo('race', 'short-varies');
    const expected = number(await page.getByTestId('counter-expected').textContent());
    const actuals = (await page.getByTestId('counter-actual').allTextContents()).map(number);
    expect(expected).toBe(4 * 20_000);
    expect(actuals.length).toBe(6);
    expect(Math.min(...actuals)).toBeLessThan(expected);
    expect(await page.getByTestId('demo-sentence').textContent()).toContain('Expected 80,000 per run');
    expect(await page.getByTestId('demo-verdict').getAttribute('data-matched')).toBe('true');
    expect(await page.getByTestId('demo-lane').count()).toBe(4);
    await page.screenshot({ path: path.join(SHOTS, 'race.png'), fullPage: true });
  });

  it('deadlock: the wait-for cycle is drawn and the threads were recovered', async () => {
    await runDemo('deadlock', 'deadlock');
    const cycle = page.getByTestId('deadlock-cycle');
    expect(await cycle.getAttribute('data-cycle')).toBe('T1 holds A, wants B → T2 holds B, wants A → T1');
    expect(await cycle.locator('[data-edge]').count()).toBe(4);
    expect(await cycle.locator('[data-edge="T1 wants B"]').count()).toBe(1);
    const recovery = page.getByTestId('deadlock-recovery');
    expect(await recovery.getAttribute('data-recovered')).toBe('true');
    expect(await recovery.textContent()).toContain('Recovered');
    expect(await page.locator('[data-fix][data-completed="true"]').count()).toBe(2);
    await page.getByTestId('view-deadlock').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, 'deadlock.png') });
  });

  it('semaphore: the most workers inside at once is at most K', async () => {
    await runDemo('semaphore', 'k');
    const max = number(await page.getByTestId('semaphore-max').textContent());
    const limit = number(await page.getByTestId('semaphore-limit').textContent());
    expect(limit).toBe(2);
    expect(max).toBeGreaterThan(0);
    expect(max).toBeLessThanOrEqual(limit);
    expect(await page.getByTestId('semaphore-verdict').textContent()).toContain('never more than K');
    await page.getByTestId('view-semaphore').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, 'semaphore.png') });
  });

  it('presenter mode shows the demo alone, and ← → change the demo', async () => {
    const title = page.getByTestId('demo-title');
    expect(await title.textContent()).toBe('Semaphore');
    await page.getByTestId('demo-presenter').click();
    const section = page.getByTestId('demos-section');
    expect(await section.getAttribute('data-presenter')).toBe('true');
    expect(await page.getByTestId('demo-list').count()).toBe(0);
    // The page fills the window, whether the browser granted full screen or not.
    const box = await section.boundingBox();
    expect(box?.width).toBeGreaterThanOrEqual(1400);
    await page.keyboard.press('ArrowRight');
    await page.getByText('Event (traffic light)', { exact: true }).waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'presenter.png') });
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    expect(await title.textContent()).toBe('Deadlock');
    await page.keyboard.press('Escape');
    await page.getByTestId('demo-list').waitFor();
    expect(await section.getAttribute('data-presenter')).toBe('false');
  });

  it('slow motion: the lanes replay behind the run, pause, and step one event at a time', async () => {
    await page.getByTestId('demo-card-race').click();
    await page.getByTestId('demo-run-slow').click();
    await page.getByTestId('demo-running').waitFor();
    const play = page.getByTestId('demo-replay-play');
    const status = page.getByTestId('demo-timeline-status');
    const position = async () => {
      const m = /event (\d+) of (\d+)/.exec((await status.textContent()) ?? '');
      return { at: Number(m?.[1]), of: Number(m?.[2]) };
    };
    // A quarter of the speed: the replay is still going when the demo itself has finished.
    await page
      .locator('[data-testid="demo-page"][data-demo="race"][data-status="finished"]')
      .waitFor({ timeout: 30_000 });
    expect(await play.textContent()).toBe('Pause');
    await play.click();
    await page.getByText(/, paused:/).waitFor();
    const before = await position();
    expect(before.at).toBeLessThan(before.of);
    await page.getByTestId('demo-replay-step').click();
    await page.getByText(new RegExp(`event ${before.at + 1} of ${before.of}`)).waitFor();
    // At full speed it plays to the end by itself and stops on what the engine recorded.
    await page.getByRole('button', { name: 'Replay at 1× speed' }).click();
    await play.click();
    await page.getByText(new RegExp(`paused: .* event ${before.of} of ${before.of}\\.`)).waitFor();
    expect(await page.getByTestId('demo-lane').count()).toBe(4);
    expect(await page.getByTestId('demo-outcome').textContent()).toContain('(slow motion)');
    await page.getByTestId('demo-timeline').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, 'slow-motion.png') });
  });

  it('cancels a running demo: the page is idle again and its processes are gone', async () => {
    await page.getByTestId('demo-card-daemon').click();
    await page.locator('summary', { hasText: 'Settings' }).click();
    // A normal worker of 50 steps of 200 ms keeps its process alive for 10 s: long enough to cancel.
    await page.getByTestId('demo-param-steps').fill('50');
    await page.getByTestId('demo-param-stepMs').fill('200');
    await page.getByTestId('demo-param-mainMs').fill('1000');
    await page.getByTestId('demo-run').click();
    await page.getByTestId('demo-running').waitFor();
    let running: number[] = [];
    const until = Date.now() + 10_000;
    while (!running.length && Date.now() < until) {
      running = app.track();
      if (!running.length) await new Promise((r) => setTimeout(r, 50));
    }
    expect(running.length).toBeGreaterThan(0);
    await page.getByTestId('demo-cancel').click();
    await page.getByTestId('demo-cancelled').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('demo-page').getAttribute('data-status')).toBe('idle');
    expect(await page.getByTestId('demo-run').isEnabled()).toBe(true);
    expect(await page.getByTestId('demo-cancel').count()).toBe(0);
    // Gone once the cancel is confirmed, without waiting for the server to stop.
    const deadline = Date.now() + 5000;
    while (running.some(isAlive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(running.filter(isAlive)).toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, 'cancelled.png') });
  });

  it('met no script error, blocked resource or outside request on the way', () => {
    expect(problems).toEqual([]);
  });
});
