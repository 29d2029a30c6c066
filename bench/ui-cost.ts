/**
 * The UI's own cost while a run streams: the CPU time of every Chromium process (browser, renderer, GPU and
 * utility processes alike: what a user pays for watching) from the operating system's accounting in
 * /proc/<pid>/stat, over a window in which the full headline measurement streams progress, CPU samples and
 * results into the page. Linux only (elsewhere there is no /proc to read, and the figure is null).
 * Used by `npm run bench` (the target) and by the browser test (that it is measured at all, and sane).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type CDPSession, type Page } from 'playwright-core';
import { parseProcessStat, readProcessCpu, type ProcessCpu } from '../electron/lab/measure/proc-stat';
import { median } from '../electron/common/stats';
import { CHROMIUM_ARGS, findChromium } from '../electron/lab/report/chromium';
import { startLabServer } from '../electron/lab/serve/server';

/** What the page's renderer main thread did in the window (Chromium's CDP Performance metrics). */
export interface RendererWork {
  /** all tasks on the main thread */
  readonly taskMs: number;
  readonly scriptMs: number;
  readonly layoutMs: number;
  readonly styleMs: number;
  readonly layouts: number;
}

/** Chromium's process kinds, from the --type= of their command lines (the browser process has none). */
export const CHROMIUM_PROCESS_KINDS = ['browser', 'renderer', 'gpu', 'utility', 'other'] as const;
export type ChromiumProcessKind = (typeof CHROMIUM_PROCESS_KINDS)[number];

export interface UiCost {
  /** 'idle': the page loaded, no run; otherwise a run streams with live charts on or off */
  readonly mode: 'idle' | 'live-on' | 'live-off';
  readonly windowMs: number;
  /** user + system CPU of every Chromium process over the window */
  readonly chromiumCpuMs: number;
  /** chromiumCpuMs as a percentage of one core over the window */
  readonly pctOfCore: number;
  /** Chromium processes seen at the end of the window */
  readonly processes: number;
  /** WebSocket messages the page received in the window: proof the figure was taken while the run streamed */
  readonly messages: number;
  /** their payload, bytes (characters of the JSON text) */
  readonly bytes: number;
  /** lab events those messages carried (a live run's frequent ones arrive several to a message) */
  readonly events: number;
  readonly renderer: RendererWork;
  /** chromiumCpuMs split by process kind, to say where the cost is */
  readonly cpuMsByKind: Readonly<Record<ChromiumProcessKind, number>>;
  /** the same CPU by thread, keyed `kind/thread name` (the kernel's 15-character comm), threads of one name summed */
  readonly cpuMsByThread: Readonly<Record<string, number>>;
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

/** A Chromium process's kind, from its command line's --type= (the browser process has none). */
function kindOf(pid: number): ChromiumProcessKind {
  let cmdline: string;
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return 'other';
  }
  // Chromium rewrites its process title, so its arguments may be joined by spaces rather than NULs
  const type = /(?:^|[\0 ])--type=([^\0 ]+)/.exec(cmdline)?.[1];
  if (type === undefined) return 'browser';
  if (type === 'gpu-process') return 'gpu';
  return type === 'renderer' || type === 'utility' ? type : 'other';
}

/** One reading of every Chromium process's CPU so far (by pid) and of each of its threads (by pid/tid). */
interface ChromiumReading {
  readonly processes: Map<number, { readonly kind: ChromiumProcessKind; readonly cpuMs: number }>;
  readonly threads: Map<string, { readonly key: string; readonly cpuMs: number }>;
}

function readChromium(): ChromiumReading {
  const reading: ChromiumReading = { processes: new Map(), threads: new Map() };
  for (const p of chromiumTree(readProcessCpu())) {
    const kind = kindOf(p.pid);
    reading.processes.set(p.pid, { kind, cpuMs: p.cpuMs });
    let tids: string[];
    try {
      tids = readdirSync(`/proc/${p.pid}/task`);
    } catch {
      continue; // it ended between the listing and the read
    }
    for (const tid of tids) {
      try {
        const t = parseProcessStat(Number(tid), readFileSync(`/proc/${p.pid}/task/${tid}/stat`, 'utf8'));
        // keyed by pid and tid: a tid is unique only while its thread lives
        if (t) reading.threads.set(`${p.pid}/${tid}`, { key: `${kind}/${t.name}`, cpuMs: t.cpuMs });
      } catch {
        // the thread ended between the listing and the read
      }
    }
  }
  return reading;
}

/**
 * CPU between two readings, by process kind and by `kind/thread name`. A process or thread that started in
 * between counts from zero. A process that ended in between is lost (none do here); a thread that ended is
 * lost from the thread split only (its process's own counter keeps it), so that split may sum to a little less.
 */
function cpuBetween(before: ChromiumReading, after: ChromiumReading) {
  const byKind = Object.fromEntries(CHROMIUM_PROCESS_KINDS.map((k) => [k, 0])) as Record<
    ChromiumProcessKind,
    number
  >;
  for (const [pid, p] of after.processes) byKind[p.kind] += p.cpuMs - (before.processes.get(pid)?.cpuMs ?? 0);
  const byThread: Record<string, number> = {};
  for (const [id, t] of after.threads)
    byThread[t.key] = (byThread[t.key] ?? 0) + t.cpuMs - (before.threads.get(id)?.cpuMs ?? 0);
  return { byKind, byThread };
}

/** How many lab events a frame of the lab's socket carries: one `event`, or an `events` batch. */
function eventsIn(payload: string | Buffer): number {
  if (typeof payload !== 'string') return 0;
  try {
    const message = JSON.parse(payload) as { event?: unknown; events?: unknown };
    if (Array.isArray(message.events)) return message.events.length;
    return message.event === undefined ? 0 : 1;
  } catch {
    return 0;
  }
}

/** Counts WebSocket frames and their bytes while `counting` is on; register before the page opens its socket. */
function frameCounter(page: Page) {
  const counter = { counting: false, messages: 0, bytes: 0, events: 0 };
  page.on('websocket', (ws) =>
    ws.on('framereceived', (f) => {
      if (!counter.counting) return;
      counter.messages++;
      counter.bytes += typeof f.payload === 'string' ? f.payload.length : f.payload.byteLength;
      counter.events += eventsIn(f.payload);
    }),
  );
  return counter;
}

/** The CDP metrics that say where the renderer's main thread went (durations in ms). */
async function rendererWork(cdp: CDPSession): Promise<RendererWork> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const of = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
  return {
    taskMs: of('TaskDuration') * 1000,
    scriptMs: of('ScriptDuration') * 1000,
    layoutMs: of('LayoutDuration') * 1000,
    styleMs: of('RecalcStyleDuration') * 1000,
    layouts: of('LayoutCount'),
  };
}

/**
 * After SETTLE_MS (not counted: a toggle's own redraw, the collection of what loading the page left behind),
 * Chromium's CPU and the renderer's work over `windowMs`. Null where no Chromium process is found in /proc.
 */
async function countWindow(
  page: Page,
  frames: ReturnType<typeof frameCounter>,
  mode: UiCost['mode'],
  windowMs: number,
): Promise<UiCost | null> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  frames.counting = true;
  const work0 = await rendererWork(cdp);
  const before = readChromium();
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, windowMs));
  const after = readChromium();
  const elapsedMs = performance.now() - t0;
  const work1 = await rendererWork(cdp);
  frames.counting = false;
  await cdp.detach();
  if (after.processes.size === 0) return null;
  const { byKind, byThread } = cpuBetween(before, after);
  const cpuMs = Object.values(byKind).reduce((sum, ms) => sum + ms, 0);
  return {
    mode,
    windowMs: elapsedMs,
    chromiumCpuMs: cpuMs,
    pctOfCore: (cpuMs / elapsedMs) * 100,
    processes: after.processes.size,
    messages: frames.messages,
    bytes: frames.bytes,
    events: frames.events,
    renderer: {
      taskMs: work1.taskMs - work0.taskMs,
      scriptMs: work1.scriptMs - work0.scriptMs,
      layoutMs: work1.layoutMs - work0.layoutMs,
      styleMs: work1.styleMs - work0.styleMs,
      layouts: work1.layouts - work0.layouts,
    },
    cpuMsByKind: byKind,
    cpuMsByThread: byThread,
  };
}

/**
 * Loads the app at `url` (with its control key) in `page`, sets live charts on or off, starts the full
 * headline measurement, and once it measures and the page has settled, counts Chromium's CPU over `windowMs`;
 * then cancels the run and waits for the page to say so. Returns null where /proc cannot be read (no
 * Chromium process found).
 */
export async function measureUiCost(
  page: Page,
  url: string,
  liveCharts: boolean,
  windowMs: number,
): Promise<UiCost | null> {
  const frames = frameCounter(page);
  await page.goto(url);
  await page.getByTestId('headline-size-full').check();
  await page.getByTestId('headline-run').click();
  await page.getByText(/Measuring · [1-9]\d* of/).waitFor({ timeout: 120_000 });
  const toggle = page.getByTestId('toggle-live-charts');
  if ((await toggle.isChecked()) !== liveCharts) await toggle.click();
  const cost = await countWindow(page, frames, liveCharts ? 'live-on' : 'live-off', windowMs);
  await page.getByTestId('cancel').click();
  await page.getByTestId('status-banner').waitFor({ timeout: 60_000 });
  return cost;
}

/** The same page with no run: what Chromium costs showing it at all, to tell the live view's cost apart. */
export async function measureIdleCost(page: Page, url: string, windowMs: number): Promise<UiCost | null> {
  const frames = frameCounter(page);
  await page.goto(url);
  await page.getByTestId('headline-run').waitFor({ timeout: 60_000 });
  return countWindow(page, frames, 'idle', windowMs);
}

/** Measured in turn, `rounds` times: a shared machine drifts, and interleaving spreads the drift evenly. */
export interface UiCostRounds {
  readonly on: readonly UiCost[];
  readonly off: readonly UiCost[];
  readonly idle: readonly UiCost[];
}

/**
 * For `npm run bench`: the UI built from the current sources and served by an engine in this process, then
 * measured with live charts on, off, and idle (no run), `windowMs` each, `rounds` times in turn. A string
 * says why it cannot be measured here.
 */
export async function benchUiCost(
  root: string,
  windowMs: number,
  rounds: number,
): Promise<UiCostRounds | string> {
  const executablePath = findChromium();
  if (!executablePath) return 'no Chromium installed';
  if (!existsSync('/proc/self/stat')) return 'no /proc to read Chromium’s CPU from';
  execFileSync(
    path.join(root, 'node_modules', '.bin', 'electron-vite'),
    ['build', '--mode', 'renderer', '--logLevel', 'warn'],
    { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  // No history folder: the cancelled runs are not recorded anywhere. No quiet check: on a shared machine its
  // banner would hold every run, and it is not what is measured here.
  const server = await startLabServer({
    rendererDir: path.join(root, 'out', 'renderer'),
    port: 0,
    quietCheck: false,
  });
  const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
  try {
    const measure = async (mode: UiCost['mode']) => {
      const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
      const cost =
        mode === 'idle'
          ? await measureIdleCost(page, server.url, windowMs)
          : await measureUiCost(page, server.url, mode === 'live-on', windowMs);
      await page.close();
      if (!cost) throw new Error('no Chromium process found under this one in /proc');
      return cost;
    };
    const out = { on: [] as UiCost[], off: [] as UiCost[], idle: [] as UiCost[] };
    for (let i = 0; i < rounds; i++) {
      out.on.push(await measure('live-on'));
      out.off.push(await measure('live-off'));
      out.idle.push(await measure('idle'));
    }
    return out;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  } finally {
    await browser.close();
    await server.close();
  }
}

/** `ms` of CPU over `windowMs` as a percentage of one core. */
const pctOf = (ms: number, windowMs: number) => (ms / windowMs) * 100;

/**
 * Where the cost is, for the bench's note: each process kind's median share of a core with live charts on,
 * off and idle, then the busiest threads with live charts on (median over the rounds, as % of a core).
 */
export function describeUiCostSplit(rounds: UiCostRounds, topThreads = 6): string {
  const kindPct = (costs: readonly UiCost[], kind: ChromiumProcessKind) =>
    median(costs.map((c) => pctOf(c.cpuMsByKind[kind], c.windowMs))).toFixed(2);
  const kinds = CHROMIUM_PROCESS_KINDS.map(
    (k) => `${k} ${kindPct(rounds.on, k)}/${kindPct(rounds.off, k)}/${kindPct(rounds.idle, k)}`,
  ).join(', ');
  const names = new Set(rounds.on.flatMap((c) => Object.keys(c.cpuMsByThread)));
  const threads = [...names]
    .map((name) => ({
      name,
      pct: median(rounds.on.map((c) => pctOf(c.cpuMsByThread[name] ?? 0, c.windowMs))),
    }))
    .sort((a, b) => b.pct - a.pct)
    .slice(0, topThreads)
    .map((t) => `${t.name} ${t.pct.toFixed(2)}`)
    .join(', ');
  return `by process, % of a core live on/off/idle: ${kinds}; busiest threads live on: ${threads}`;
}
