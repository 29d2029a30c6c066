/** The host API around the demos: live events, slow motion, cancellation and time limits, the CLI. */
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LaneBoard, type DemoEvent } from '../../../electron/common/demos';
import { LabError } from '../../../electron/common/errors';
import { runDemo } from '../../../electron/lab/demos';
import { DEMO_PROGRAMS } from '../../../electron/lab/demos/context';
import { RUNTIME_ENTRIES } from '../../../electron/lab/runtime/family';
import { forkLauncher, type ProcessLauncher } from '../../../electron/lab/runtime/launcher';
import { main } from '../../../electron/lab/cli/main';
import { childPids } from '../../support/processes';
import { osThreads, run, SMALL } from '../../support/demos';

/** Lets terminated workers' OS threads be joined before counting. */
const settle = () => new Promise((r) => setTimeout(r, 150));

describe('live events', () => {
  it('arrive while the demo runs, and rebuild exactly the lanes of the outcome', async () => {
    const events: DemoEvent[] = [];
    let settled = false;
    let liveStates = 0;
    const p = run('semaphore', {
      onEvent: (e) => {
        events.push(e);
        if (e.type === 'state' && !settled) liveStates++;
      },
    });
    const o = await p.finally(() => (settled = true));
    expect(liveStates).toBeGreaterThan(10);
    expect(events.filter((e) => e.type === 'lane').length).toBe(5);
    expect(events.some((e) => e.type === 'phase')).toBe(true);
    const board = new LaneBoard();
    for (const e of events) board.apply(e);
    expect(board.snapshot(o.wallMs)).toEqual(o.lanes);
  });

  it('slow motion stretches the deliberate pauses', async () => {
    const o = await run('event', { speed: 'slow', params: { workers: 2, redMs: 30 } });
    expect(o.speed).toBe('slow');
    if (o.details.kind !== 'event') throw new Error('wrong details');
    expect(o.details.redMs).toBe(120);
  });
});

describe('nothing is left running', () => {
  afterEach(settle);

  it('when cancelled mid-run: rejects as cancelled, no thread or child process remains', async () => {
    await run('thread-vs-process', { params: { spawns: 3 } }); // warm up: lazily created runtime threads
    await settle();
    const before = osThreads();
    const abort = new AbortController();
    const t0 = performance.now();
    const p = runDemo('convoy', { params: { durationMs: 5000 }, signal: abort.signal });
    setTimeout(() => abort.abort(), 600);
    const err = await p.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LabError);
    expect((err as LabError).code).toBe('cancelled');
    expect(performance.now() - t0).toBeLessThan(4000);
    await settle();
    expect(childPids(process.pid)).toEqual([]);
    if (before !== null) expect(osThreads()).toBeLessThanOrEqual(before);
  });

  it('when out of time: rejects naming the limit, and every thread and process is gone too', async () => {
    const before = osThreads();
    const err = await runDemo('convoy', { params: { durationMs: 5000 }, timeLimitMs: 700 }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(LabError);
    expect((err as LabError).message).toMatch(/within its 700 ms limit/);
    await settle();
    expect(childPids(process.pid)).toEqual([]);
    if (before !== null) expect(osThreads()).toBeLessThanOrEqual(before);
  });

  it('refuses a bad time limit by name', async () => {
    const err = await runDemo('race', { timeLimitMs: -1 }).catch((e: unknown) => e);
    expect((err as LabError).issues.map((i) => i.field)).toEqual(['timeLimitMs']);
  });
});

describe('lab demo (CLI)', () => {
  const capture = async (argv: string[]) => {
    let out = '';
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out += String(chunk);
      return true;
    });
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const code = await main(argv);
      return { code, out };
    } finally {
      spy.mockRestore();
      err.mockRestore();
      process.exitCode = undefined;
    }
  };

  it('--list names every demo', async () => {
    const { code, out } = await capture(['demo', '--list']);
    expect(code).toBe(0);
    for (const id of Object.keys(SMALL)) expect(out).toContain(id);
  });

  it('prints the explanation, the sentence and per-run counts; --json prints the whole outcome', async () => {
    const text = await capture(['demo', 'race', '-p', 'runs=2', '-p', 'iterations=2000']);
    expect(text.code).toBe(0);
    expect(text.out).toContain('Predict:');
    expect(text.out).toContain('Result: Expected 8,000 per run');
    expect(text.out).toMatch(/run\s+expected\s+actual\s+lost/);
    const json = await capture(['demo', 'race', '-p', 'runs=1', '-p', 'iterations=1000', '--json']);
    const outcome = JSON.parse(json.out) as { id: string; details: { runs: unknown[] } };
    expect(outcome.id).toBe('race');
    expect(outcome.details.runs).toHaveLength(1);
  });

  it('exits 2 on an unknown demo or parameter', async () => {
    expect((await capture(['demo', 'nope'])).code).toBe(2);
    expect((await capture(['demo', 'race', '-p', 'threads=99'])).code).toBe(2);
  });
});

describe('the process launcher', () => {
  it('starts every demo child process, worker or whole program, through the injected launcher', async () => {
    const entries: string[] = [];
    const launcher: ProcessLauncher = (entryFile, options) => {
      entries.push(path.basename(entryFile));
      return forkLauncher(entryFile, options);
    };
    await run('thread-vs-process', { launcher });
    expect(entries).toContain(RUNTIME_ENTRIES.process);
    entries.length = 0;
    await run('daemon', { launcher });
    expect(entries).toEqual([DEMO_PROGRAMS.exit, DEMO_PROGRAMS.exit]);
  });
});
