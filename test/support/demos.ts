/** Shared by the demo tests: run a demo with small parameters and check what every outcome must satisfy. */
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { expect } from 'vitest';
import { LANE_LIMITS, type DemoOutcome } from '../../electron/common/demos';
import { runDemo, type RunDemoOptions } from '../../electron/lab/demos';

/**
 * Small parameters: every demo quick enough for a two-core test machine. Where a demo's outcome rests on
 * one thing outlasting another (the joined thread's work, the daemon's steps beyond main's end), the gap is
 * a few hundred ms, so that a busy machine running main late cannot close it.
 */
export const SMALL: Record<string, Record<string, number>> = {
  'thread-vs-process': { spawns: 3 },
  lifecycle: { threads: 3, workMs: 100 },
  daemon: { steps: 6, stepMs: 60, mainMs: 40 },
  race: { threads: 4, iterations: 5000, window: 200, runs: 4 },
  lock: { threads: 4, iterations: 2000, window: 50, runs: 2 },
  atomics: { threads: 4, iterations: 20_000, runs: 2 },
  deadlock: { rounds: 5, holdMs: 1, timeoutMs: 20 },
  semaphore: { workers: 5, limit: 2, rounds: 2, sectionMs: 20 },
  event: { workers: 4, redMs: 50 },
  queue: { capacity: 3, producers: 2, consumers: 2, items: 8, produceMs: 2, consumeMs: 8 },
  barrier: { threads: 3, rounds: 2, maxWorkMs: 40 },
  pools: { poolSize: 2, jobs: 4, bound: 30_000 },
  'tcp-server': { clients: 3, requests: 40, workUs: 200 },
  convoy: { durationMs: 250 },
  'native-gil': { jobs: 2, nativeKib: 8192, jsKib: 512, repeats: 5 },
};

export async function run(id: string, options: RunDemoOptions = {}): Promise<DemoOutcome> {
  const outcome = await runDemo(id, { params: SMALL[id], ...options });
  checkOutcome(outcome);
  return outcome;
}

/** What every outcome must satisfy, whatever the demo. */
export function checkOutcome(o: DemoOutcome): void {
  expect(o.details.kind).toBe(o.id);
  expect(o.question.choices.map((c) => c.id)).toContain(o.answer.choice);
  expect(o.sentence.length).toBeGreaterThan(20);
  expect(o.code.python.length).toBeGreaterThan(20);
  expect(o.code.typescript.length).toBeGreaterThan(0);
  for (const s of o.code.typescript) expect(s.source).toBe(readFileSync(s.file, 'utf8'));
  expect(o.lanes.length).toBeLessThanOrEqual(LANE_LIMITS.lanes);
  for (const lane of o.lanes) {
    expect(lane.spans.length).toBeLessThanOrEqual(LANE_LIMITS.spansPerLane);
    for (const s of lane.spans) {
      expect(s.endMs).toBeGreaterThanOrEqual(s.startMs);
      expect(s.startMs).toBeGreaterThanOrEqual(-1);
      expect(s.endMs).toBeLessThanOrEqual(o.wallMs + 1);
    }
  }
  expect(JSON.parse(JSON.stringify(o))).toEqual(o);
}

/** The number as the sentences print whole counts. */
export const n = (v: number) => Math.round(v).toLocaleString('en-US');

/** Threads of this process right now (Linux), or null elsewhere. */
export function osThreads(): number | null {
  try {
    const m = /^Threads:\s+(\d+)$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/**
 * How much faster two threads hash than one, right now, without any lock: about 2 on an idle two-core
 * machine, about 1 when other programs keep the cores busy. Best of three.
 */
export async function parallelHeadroom(): Promise<number> {
  const src = `const { createHash } = require('node:crypto'); const { parentPort, workerData } = require('node:worker_threads');
    const data = Buffer.alloc(4 << 20, 1);
    parentPort.on('message', () => { for (let i = 0; i < workerData; i++) createHash('sha256').update(data).digest(); parentPort.postMessage(0); });`;
  const timed = async (threads: number, each: number) => {
    const ws = Array.from({ length: threads }, () => new Worker(src, { eval: true, workerData: each }));
    const go = () => Promise.all(ws.map((w) => new Promise((r) => (w.once('message', r), w.postMessage(0)))));
    await go(); // warm up
    const t0 = performance.now();
    await go();
    const ms = performance.now() - t0;
    await Promise.all(ws.map((w) => w.terminate()));
    return ms;
  };
  let best = 0;
  for (let i = 0; i < 3; i++) best = Math.max(best, (await timed(1, 8)) / (await timed(2, 4)));
  return best;
}
