/**
 * The UI's own cost while a run streams: the CPU time of every Chromium process (browser, renderer, GPU and
 * utility processes alike: what a user pays for watching) from the operating system's accounting in
 * /proc/<pid>/stat, over a window in which the full headline measurement streams progress, CPU samples and
 * results into the page. Linux only (elsewhere there is no /proc to read, and the figure is null).
 * Used by `npm run bench` (the target) and by the browser test (that it is measured at all, and sane).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { readProcessCpu, type ProcessCpu } from '../electron/lab/measure/proc-stat';
import { CHROMIUM_ARGS, findChromium } from '../electron/lab/report/chromium';
import { startLabServer } from '../electron/lab/serve/server';

export interface UiCost {
  readonly liveCharts: boolean;
  readonly windowMs: number;
  /** user + system CPU of every Chromium process over the window */
  readonly chromiumCpuMs: number;
  /** chromiumCpuMs as a percentage of one core over the window */
  readonly pctOfCore: number;
  /** Chromium processes seen at the end of the window */
  readonly processes: number;
  /** WebSocket messages the page received in the window: proof the figure was taken while the run streamed */
  readonly messages: number;
}

/** How long the page settles after the run starts measuring, before the window opens. */
const SETTLE_MS = 5000;

/** Every process started by this one whose name says Chromium, with all their descendants. */
function chromiumTree(all: ReadonlyMap<number, ProcessCpu>): ProcessCpu[] {
  const children = new Map<number, ProcessCpu[]>();
  for (const p of all.values()) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  const out: ProcessCpu[] = [];
  const walk = (p: ProcessCpu) => {
    out.push(p);
    for (const c of children.get(p.pid) ?? []) walk(c);
  };
  // playwright spawns the browser as our child; the served engine's node processes are not under it
  for (const root of children.get(process.pid) ?? []) if (/chrom/i.test(root.name)) walk(root);
  return out;
}

/** CPU so far of each Chromium process, by pid. */
function chromiumCpu(): Map<number, number> {
  return new Map(chromiumTree(readProcessCpu()).map((p) => [p.pid, p.cpuMs]));
}

/**
 * Loads the app at `url` (with its control key) in `page`, sets live charts on or off, starts the full
 * headline measurement, and once it measures and the page has settled, counts Chromium's CPU over `windowMs`;
 * then cancels the run
 * and waits for the page to say so. Returns null where /proc cannot be read (no Chromium process found).
 */
export async function measureUiCost(
  page: Page,
  url: string,
  liveCharts: boolean,
  windowMs: number,
): Promise<UiCost | null> {
  let messages = 0;
  let counting = false;
  // registered before the page opens its socket, which it does once, on load
  page.on('websocket', (ws) => ws.on('framereceived', () => void (counting && messages++)));
  await page.goto(url);
  await page.getByTestId('headline-size-full').check();
  await page.getByTestId('headline-run').click();
  await page.getByText(/Measuring · [1-9]\d* of/).waitFor({ timeout: 120_000 });
  const toggle = page.getByTestId('toggle-live-charts');
  if ((await toggle.isChecked()) !== liveCharts) await toggle.click();
  // Not counted: the toggle's own redraw, and the collection of what loading the page left behind.
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  counting = true;
  const before = chromiumCpu();
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, windowMs));
  const after = chromiumCpu();
  const elapsedMs = performance.now() - t0;
  counting = false;
  await page.getByTestId('cancel').click();
  await page.getByTestId('status-banner').waitFor({ timeout: 60_000 });
  if (after.size === 0) return null;
  // A process that started in the window counts from zero; one that ended in it is lost (none do here).
  let cpuMs = 0;
  for (const [pid, ms] of after) cpuMs += ms - (before.get(pid) ?? 0);
  return {
    liveCharts,
    windowMs: elapsedMs,
    chromiumCpuMs: cpuMs,
    pctOfCore: (cpuMs / elapsedMs) * 100,
    processes: after.size,
    messages,
  };
}

/**
 * For `npm run bench`: the UI built from the current sources and served by an engine in this process, then
 * measured with live charts on and then off, `windowMs` each. A string says why it cannot be measured here.
 */
export async function benchUiCost(
  root: string,
  windowMs: number,
): Promise<{ readonly on: UiCost; readonly off: UiCost } | string> {
  const executablePath = findChromium();
  if (!executablePath) return 'no Chromium installed';
  if (!existsSync('/proc/self/stat')) return 'no /proc to read Chromium’s CPU from';
  execFileSync(
    path.join(root, 'node_modules', '.bin', 'electron-vite'),
    ['build', '--mode', 'renderer', '--logLevel', 'warn'],
    { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  // no history folder: the cancelled runs are not recorded anywhere
  const server = await startLabServer({ rendererDir: path.join(root, 'out', 'renderer'), port: 0 });
  const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
  try {
    const measure = async (liveCharts: boolean) => {
      const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
      const cost = await measureUiCost(page, server.url, liveCharts, windowMs);
      await page.close();
      return cost;
    };
    const on = await measure(true);
    const off = await measure(false);
    return on && off ? { on, off } : 'no Chromium process found under this one in /proc';
  } finally {
    await browser.close();
    await server.close();
  }
}
