/**
 * The demo part of the LabApi contract: the catalog, a small real demo with its live events, cancelling
 * with nothing left running, and the one-thing-at-a-time rule. Called inside labApiContract's describe.
 */
import { expect, it } from 'vitest';
import type { LabApi, LabEvent } from '../../electron/common/api';
import { DEMO_IDS, LaneBoard } from '../../electron/common/demos';
import { canListChildren, childPids } from '../support/processes';
import { finishedOf, nextEvent, osThreads, rejection, TINY } from './api-contract-helpers';

type DemoEnd = Extract<LabEvent, { type: 'demo-finished' | 'demo-failed' }>;
const endOf =
  (runId: string) =>
  (e: LabEvent): e is DemoEnd =>
    (e.type === 'demo-finished' || e.type === 'demo-failed') && e.runId === runId;

/** The smallest race the catalog allows: a few ms of work. */
const TINY_RACE = { params: { threads: 2, iterations: 100, window: 0, runs: 1 } };
/** Two workers taking turns through one permit, 500 ms each time: seconds of work, to be cancelled. */
const LONG_SEMAPHORE = { params: { workers: 2, limit: 1, rounds: 10, sectionMs: 500 } };

export function demoContract(api: () => LabApi): void {
  it('lists every demo with its question and parameters', async () => {
    const demos = await api().listDemos();
    expect(demos.map((d) => d.id)).toEqual([...DEMO_IDS]);
    const race = demos.find((d) => d.id === 'race');
    expect(race?.question.choices.length).toBeGreaterThan(1);
    expect(race?.params.map((p) => p.name)).toEqual(['threads', 'iterations', 'window', 'runs']);
  });

  it('runs a small real demo: started, live events, and an outcome the events rebuild', async () => {
    const events: LabEvent[] = [];
    const off = api().onEvent((e) => events.push(e));
    try {
      const { runId } = await api().startDemo('race', TINY_RACE);
      const end = await nextEvent(api(), endOf(runId));
      if (end.type !== 'demo-finished') throw new Error(`demo failed: ${end.error.message}`);
      const mine = events.filter((e) => e.runId === runId);
      expect(mine[0]).toMatchObject({ type: 'demo-started', id: 'race', speed: 'normal' });
      expect(mine[0]?.type === 'demo-started' && mine[0].params).toEqual({
        threads: 2,
        iterations: 100,
        window: 0,
        runs: 1,
      });
      const live = mine.flatMap((e) => (e.type === 'demo-event' ? [e.event] : []));
      expect(live.filter((e) => e.type === 'lane').length).toBeGreaterThanOrEqual(2);
      const { outcome } = end;
      expect(outcome.id).toBe('race');
      expect(outcome.params).toEqual(TINY_RACE.params);
      expect(outcome.question.choices.map((c) => c.id)).toContain(outcome.answer.choice);
      expect(outcome.sentence).toContain('Expected 200 per run');
      const board = new LaneBoard();
      for (const e of live) board.apply(e);
      expect(board.snapshot(outcome.wallMs)).toEqual(outcome.lanes);
      expect(mine.at(-1)).toBe(end);
      expect((await api().getInfo()).runningDemo).toBeNull();
    } finally {
      off();
    }
  });

  it('refuses an unknown demo or parameter by name, and starts nothing', async () => {
    const unknown = await rejection(api().startDemo('fork-bomb'));
    expect(unknown.code).toBe('invalid-config');
    expect(unknown.issues.map((i) => i.field)).toEqual(['id']);
    const tooMany = await rejection(api().startDemo('race', { params: { threads: 99, nope: 1 } }));
    expect(tooMany.issues.map((i) => i.field).sort()).toEqual(['params.nope', 'params.threads']);
    const speed = await rejection(api().startDemo('race', { speed: 'fast' as never }));
    expect(speed.issues[0]?.field).toMatch(/speed/);
    expect((await api().getInfo()).runningDemo).toBeNull();
  });

  it('one demo at a time, none during it; cancelling ends it with no thread or process left', async () => {
    const threadsBefore = osThreads();
    const pidsBefore = canListChildren ? childPids() : null;
    const { runId } = await api().startDemo('semaphore', LONG_SEMAPHORE);
    const end = nextEvent(api(), endOf(runId), 30_000);
    await nextEvent(
      api(),
      (e): e is LabEvent => e.runId === runId && e.type === 'demo-event' && e.event.type === 'state',
    );
    expect((await api().getInfo()).runningDemo).toEqual({ runId, id: 'semaphore' });
    if (threadsBefore !== null) expect(osThreads()).toBeGreaterThan(threadsBefore);

    expect((await rejection(api().startDemo('race', TINY_RACE))).code).toBe('busy');
    expect((await rejection(api().startExperiment(TINY))).code).toBe('busy');
    expect((await rejection(api().cancelDemo('not-this-one'))).code).toBe('not-found');

    const t0 = performance.now();
    await api().cancelDemo(runId);
    const ended = await end;
    expect(performance.now() - t0).toBeLessThan(5_000);
    expect(ended.type).toBe('demo-failed');
    if (ended.type === 'demo-failed') expect(ended.error.code).toBe('cancelled');
    expect((await api().getInfo()).runningDemo).toBeNull();
    if (pidsBefore !== null) expect(childPids()).toEqual(pidsBefore);
    // Terminated workers' OS threads are joined a moment later.
    if (threadsBefore !== null)
      await expect.poll(() => osThreads() ?? 0, { timeout: 3_000 }).toBeLessThanOrEqual(threadsBefore);
    expect((await rejection(api().cancelDemo(runId))).code).toBe('not-found');

    // The slot is free again at once.
    const again = await api().startDemo('race', TINY_RACE);
    const next = await nextEvent(api(), endOf(again.runId));
    expect(next.type).toBe('demo-finished');
  });

  it("getInfo names the machine's Python and each py-* model that cannot run", async () => {
    // The lab probes for Python after its first answer, without making getInfo wait for it.
    await expect.poll(async () => (await api().getInfo()).python, { timeout: 30_000 }).not.toBeNull();
    const { python } = await api().getInfo();
    if (!python) throw new Error('python went back to null');
    // Python 3 is on every machine here (.ci/run installs it): the GIL models can run, found by the probe.
    expect(python.reason).toBeNull();
    const first = python.interpreters[0];
    expect(first?.implementation).toBe('CPython');
    expect(first?.version).toMatch(/^3\.\d+/);
    expect(python.unavailable['py-threads']).toBeUndefined();
    const freeThreaded = python.interpreters.some((i) => i.freeThreadedBuild);
    expect(python.unavailable['py-ft-threads'] === undefined).toBe(freeThreaded);
  });

  it("runs a demo's Python for real, names a bad id, and a newer run stops the one before", async () => {
    const pidsBefore = childPids();
    const lifecycle = await api().runDemoPython('lifecycle');
    if (!lifecycle.ran) throw new Error(`no Python: ${lifecycle.reason}`);
    expect(lifecycle.result.exitCode).toBe(0);
    expect(lifecycle.result.stdout).toContain('threads can only be started once');
    expect(lifecycle.endsByTimeout).toBe(false);

    const bad = await rejection(api().runDemoPython('fork-bomb'));
    expect(bad.code).toBe('invalid-config');
    expect(bad.issues.map((i) => i.field)).toEqual(['id']);

    // The deadlock never ends by itself; a second call (the page left for another demo) stops it at once.
    const deadlock = api().runDemoPython('deadlock');
    await expect
      .poll(() => (childPids()?.length ?? 1) > (pidsBefore?.length ?? 0), { timeout: 10_000 })
      .toBe(true);
    const race = await api().runDemoPython('race');
    const stopped = await deadlock;
    expect(stopped.ran && stopped.endsByTimeout).toBe(true);
    expect(stopped.ran && stopped.result.cancelled).toBe(true);
    expect(race.ran && race.result.exitCode).toBe(0);
    if (pidsBefore !== null) expect(childPids()).toEqual(pidsBefore);
  });

  it("an experiment that starts stops a demo's Python still running, so the two never share the cores", async () => {
    const pidsBefore = childPids();
    const deadlock = api().runDemoPython('deadlock');
    await expect.poll(() => childPids().length > pidsBefore.length, { timeout: 10_000 }).toBe(true);
    const { runId } = await api().startExperiment(TINY);
    const finished = nextEvent(api(), finishedOf(runId), 60_000);
    const stopped = await deadlock;
    expect(stopped.ran && stopped.result.cancelled).toBe(true);
    await finished;
  });

  it("stopDemoPython (a page left) stops that demo's snippet and no other, and resolves once it is gone", async () => {
    const pidsBefore = childPids();
    const deadlock = api().runDemoPython('deadlock');
    await expect.poll(() => childPids().length > pidsBefore.length, { timeout: 10_000 }).toBe(true);
    // Another demo's page leaving does not stop it...
    await api().stopDemoPython('race');
    expect(childPids().length).toBeGreaterThan(pidsBefore.length);
    // ...its own does, long before its 6 s limit, and nothing of it is left once the call resolves.
    await api().stopDemoPython('deadlock');
    expect(childPids()).toEqual(pidsBefore);
    const stopped = await deadlock;
    expect(stopped.ran && stopped.result.cancelled).toBe(true);
    expect(stopped.ran && stopped.result.timedOut).toBe(false);
    // Nothing running: not an error.
    await api().stopDemoPython('deadlock');
  });
}
