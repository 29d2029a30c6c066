/**
 * The LabApi behaviour every transport must show, run against each one (in-process, WebSocket; the Electron
 * IPC transport shares the same method dispatch but needs the Electron binary to run). Real experiments,
 * kept tiny.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabApi, LabEvent } from '../../electron/common/api';
import { MODELS, type ExperimentConfigInput } from '../../electron/common/config';
import { LabError } from '../../electron/common/errors';
import { ReportSchema, type Report } from '../../electron/common/report';

export interface LabApiHarness {
  readonly api: LabApi;
  /** what getInfo().transport must say */
  readonly transport: string;
  close(): Promise<void>;
}

export const TINY: ExperimentConfigInput = {
  workloads: [{ name: 'primes', params: { units: 4, span: 2000 } }],
  models: ['threads'],
  workers: [1, 2],
  repeat: 1,
  warmup: 0,
  sampleIntervalMs: 100,
};

/** Long enough to be cancelled mid-run (it never gets to finish), run in child processes we can count. */
export const LONG: ExperimentConfigInput = {
  workloads: [{ name: 'primes', params: { units: 8, span: 200_000 } }],
  models: ['processes'],
  workers: [2],
  repeat: 200,
  warmup: 0,
  timeline: false,
};

/** Child processes of this process (Linux /proc, else pgrep); null where neither is available. */
export function childPids(): number[] | null {
  const me = process.pid;
  if (process.platform === 'linux') {
    const out: number[] = [];
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      try {
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        // Fields after the parenthesised command name: state, ppid, ...
        const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        if (Number(rest[1]) === me && rest[0] !== 'Z') out.push(Number(name));
      } catch {
        // the process ended while we looked
      }
    }
    return out;
  }
  if (process.platform === 'win32') return null;
  try {
    return execFileSync('pgrep', ['-P', String(me)], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch (err) {
    return (err as { status?: number }).status === 1 ? [] : null;
  }
}

/** Resolves with the first event that matches, rejects after `timeoutMs`. */
export function nextEvent<T extends LabEvent>(
  api: LabApi,
  match: (e: LabEvent) => e is T,
  timeoutMs = 30_000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no matching event within ${timeoutMs} ms`));
    }, timeoutMs);
    const off = api.onEvent((e) => {
      if (!match(e)) return;
      clearTimeout(timer);
      off();
      resolve(e);
    });
  });
}

const finishedOf =
  (runId: string) =>
  (e: LabEvent): e is Extract<LabEvent, { type: 'experiment-finished' }> =>
    e.type === 'experiment-finished' && e.runId === runId;

async function rejection(p: Promise<unknown>): Promise<LabError> {
  const err = await p.then(
    () => new Error('expected a rejection'),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(LabError);
  return err as LabError;
}

export function labApiContract(name: string, make: () => Promise<LabApiHarness>): void {
  describe(`LabApi contract: ${name}`, () => {
    let h: LabApiHarness;
    beforeAll(async () => {
      h = await make();
    });
    afterAll(async () => {
      await h?.close();
    });

    it('getInfo describes the lab, the machine and the visible workloads', async () => {
      const info = await h.api.getInfo();
      expect(info.version).toMatch(/^\d+\.\d+\.\d+/);
      expect(info.machine.logicalCores).toBeGreaterThanOrEqual(1);
      expect(info.workloads.map((w) => w.name)).toContain('primes');
      expect(info.workloads.some((w) => w.hidden)).toBe(false);
      expect(info.workloads.map((w) => w.name)).not.toContain('fault');
      expect([...info.models]).toEqual([...MODELS]);
      expect(info.transport).toBe(h.transport);
      expect(info.readOnly).toBe(false);
      expect(info.running).toBeNull();
    });

    it('runs a tiny real experiment: progress, results, and a report that validates', async () => {
      const events: LabEvent[] = [];
      const off = h.api.onEvent((e) => events.push(e));
      const { runId } = await h.api.startExperiment(TINY);
      const { report } = await nextEvent(h.api, finishedOf(runId));
      off();
      const mine = events.filter((e) => e.runId === runId);
      expect(mine[0]?.type).toBe('experiment-started');
      expect(mine.some((e) => e.type === 'progress')).toBe(true);
      const results = mine.flatMap((e) => (e.type === 'result' ? [e.result] : []));
      expect(results.some((r) => r.model === 'threads' && r.workers === 2)).toBe(true);
      const parsed: Report = ReportSchema.parse(report);
      expect(parsed.id).toBe(runId);
      expect(parsed.status).toBe('complete');
      expect(parsed.results.map((r) => `${r.model}/${r.workers}`).sort()).toEqual(
        ['sequential/1', 'threads/1', 'threads/2'].sort(),
      );
      expect((await h.api.getInfo()).running).toBeNull();
    });

    it('rejects a bad config with a LabError naming the field', async () => {
      const err = await rejection(h.api.startExperiment({ ...TINY, workers: [10000] }));
      expect(err.code).toBe('invalid-config');
      expect(err.issues.map((i) => i.field)).toContain('workers[0]');
      expect(err.message).toContain('workers[0]');
      const unknown = await rejection(
        h.api.startExperiment({ ...TINY, workloads: [{ name: 'nope', params: {} }] }),
      );
      expect(unknown.issues.map((i) => i.field)).toContain('workloads[0].name');
    });

    it('is busy while a run goes on, and cancelling ends it as cancelled with no worker left', async () => {
      const before = childPids();
      const { runId } = await h.api.startExperiment({ ...LONG, seed: 7 });
      const finished = nextEvent(h.api, finishedOf(runId), 60_000);
      await nextEvent(
        h.api,
        (e): e is LabEvent => e.type === 'progress' && e.runId === runId && e.progress.phase === 'measuring',
      );
      expect((await h.api.getInfo()).running?.runId).toBe(runId);

      const busy = await rejection(h.api.startExperiment(TINY));
      expect(busy.code).toBe('busy');

      if (before !== null) expect(childPids()?.length).toBeGreaterThan(before.length);
      await h.api.cancelExperiment(runId);
      const { report } = await finished;
      expect(report.status).toBe('cancelled');
      expect(ReportSchema.safeParse(report).success).toBe(true);
      if (before !== null) expect(childPids()).toEqual(before);
      expect((await h.api.getInfo()).running).toBeNull();

      const gone = await rejection(h.api.cancelExperiment(runId));
      expect(gone.code).toBe('not-found');
    });

    it('stops calling a listener once it unsubscribes', async () => {
      const kept: LabEvent[] = [];
      const dropped: LabEvent[] = [];
      const offKept = h.api.onEvent((e) => kept.push(e));
      const offDropped = h.api.onEvent((e) => dropped.push(e));
      offDropped();
      const { runId } = await h.api.startExperiment(TINY);
      await nextEvent(h.api, finishedOf(runId));
      offKept();
      expect(kept.filter((e) => e.runId === runId).length).toBeGreaterThan(2);
      expect(dropped).toEqual([]);
    });
  });
}
