/**
 * The LabApi behaviour every transport must show, run against each one (in-process, WebSocket; the Electron
 * IPC transport shares the same method dispatch but needs the Electron binary to run). Real experiments and
 * demos, kept tiny; the demo and report parts are in api-contract-demos.ts and api-contract-reports.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabEvent } from '../../electron/common/api';
import { MODELS } from '../../electron/common/config';
import { ReportSchema, type Report } from '../../electron/common/report';
import { canListChildren, childPids } from '../support/processes';
import { finishedOf, LONG, nextEvent, rejection, TINY, type LabApiHarness } from './api-contract-helpers';
import { demoContract } from './api-contract-demos';
import { reportContract } from './api-contract-reports';

export { LONG, nextEvent, TINY } from './api-contract-helpers';

export function labApiContract(name: string, make: () => Promise<LabApiHarness>): void {
  describe(`LabApi contract: ${name}`, () => {
    let h: LabApiHarness;
    beforeAll(async () => {
      h = await make();
      // The lab looks for Python in the background after the first getInfo, in short-lived child
      // processes; the tests below count this process's children, so let that probe finish first.
      for (const t0 = Date.now(); (await h.api.getInfo()).python === null;) {
        if (Date.now() - t0 > 60_000) throw new Error('the lab did not finish looking for Python in 60 s');
        await new Promise((r) => setTimeout(r, 200));
      }
    }, 90_000);
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
      expect(info.runningDemo).toBeNull();
    });

    it('checkQuiet watches the machine for a second and names who used it; callers at once share one check', async () => {
      const t0 = performance.now();
      const [check, same] = await Promise.all([h.api.checkQuiet(), h.api.checkQuiet()]);
      expect(performance.now() - t0).toBeGreaterThanOrEqual(900);
      expect(same).toEqual(check);
      expect(check.thresholdCores).toBe(0.2);
      expect(check.windowMs).toBe(1000);
      if (check.otherCores === null) {
        expect(check.quiet).toBe(true);
      } else {
        expect(check.quiet).toBe(check.otherCores <= check.thresholdCores);
        expect(check.otherCores).toBeGreaterThanOrEqual(0);
      }
      expect(check.top.length).toBeLessThanOrEqual(3);
      // most first, and never the lab itself
      const cores = check.top.map((p) => p.cores);
      expect(cores).toEqual([...cores].sort((a, b) => b - a));
      expect(check.top.map((p) => p.pid)).not.toContain(process.pid);
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

      // Recorded as it ran, and listed as soon as it finished.
      const entry = (await h.api.listHistory()).find((s) => s.id === runId);
      expect(entry).toMatchObject({ source: 'run', status: 'complete', running: false, cells: 3 });
      expect(ReportSchema.parse(await h.api.getReport(runId))).toEqual(JSON.parse(JSON.stringify(report)));
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
      const before = canListChildren ? childPids() : null;
      const { runId } = await h.api.startExperiment({ ...LONG, seed: 7 });
      const finished = nextEvent(h.api, finishedOf(runId), 60_000);
      await nextEvent(
        h.api,
        (e): e is LabEvent => e.type === 'progress' && e.runId === runId && e.progress.phase === 'measuring',
      );
      expect((await h.api.getInfo()).running?.runId).toBe(runId);

      const busy = await rejection(h.api.startExperiment(TINY));
      expect(busy.code).toBe('busy');
      const noDemo = await rejection(h.api.startDemo('race'));
      expect(noDemo.code).toBe('busy');
      expect((await h.api.getInfo()).runningDemo).toBeNull();

      // Already on disk while it runs: a crash now would leave this incomplete entry.
      expect((await h.api.listHistory()).find((s) => s.id === runId)).toMatchObject({
        status: 'incomplete',
        running: true,
      });
      const partial = ReportSchema.parse(await h.api.getReport(runId));
      expect(partial.status).toBe('incomplete');
      const deleting = await rejection(h.api.deleteReport(runId));
      expect(deleting.code).toBe('busy');

      if (before !== null) expect(childPids().length).toBeGreaterThan(before.length);
      await h.api.cancelExperiment(runId);
      const { report } = await finished;
      expect(report.status).toBe('cancelled');
      expect(ReportSchema.safeParse(report).success).toBe(true);
      if (before !== null) expect(childPids()).toEqual(before);
      expect((await h.api.getInfo()).running).toBeNull();

      const gone = await rejection(h.api.cancelExperiment(runId));
      expect(gone.code).toBe('not-found');
      expect((await h.api.listHistory()).find((s) => s.id === runId)).toMatchObject({
        status: 'cancelled',
        running: false,
      });
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

    demoContract(() => h.api);
    reportContract(() => h);
  });
}
