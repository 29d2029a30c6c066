/**
 * One behaviour suite run on every runtime of the family (as piscina and tinypool run theirs on threads and
 * processes): the same entry serves experiment runs and demo kernels, and the failure rules hold alike.
 */
import net from 'node:net';
import { MessageChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultEntriesDir } from '../../../electron/lab/runtime/entries';
import { RUNTIME_ENTRIES, startWorker } from '../../../electron/lab/runtime/family';
import type { ExitInfo, RuntimeKind, WorkerHandle } from '../../../electron/lab/runtime/handle';
import { forkLauncher, type ProcessLauncher } from '../../../electron/lab/runtime/launcher';
import { Pool } from '../../../electron/lab/runtime/pool';
import { FAULT_MODES } from '../../../workloads/kernels/fault';
import { abortGil, createGilBuffer } from '../../../workloads/gil/layout';
import { runSequentially } from '../../../workloads/local-context';
import type { RunJob, WorkerMessage } from '../../../workloads/protocol';
import { getWorkload } from '../../../workloads/registry';
import { SMALL } from '../../support/lab';

const KINDS: readonly RuntimeKind[] = ['thread', 'process'];
const entriesDir = defaultEntriesDir();
const started: WorkerHandle[] = [];

function start(kind: RuntimeKind, launcher?: ProcessLauncher): WorkerHandle {
  const handle = startWorker(kind, { entriesDir, memoryLimitMb: 128, ...(launcher ? { launcher } : {}) });
  started.push(handle);
  return handle;
}

function job(runId: number, workload: string, params: Record<string, number>, units: number[]): RunJob {
  return { runId, workload, params, units, concurrency: 1, env: {}, timeline: false, originMs: 0 };
}

/** The next message of `type` from `handle`. */
function next<T extends WorkerMessage['type']>(
  handle: WorkerHandle,
  type: T,
): Promise<Extract<WorkerMessage, { type: T }>> {
  return new Promise((resolve) =>
    handle.onMessage((m) => {
      if (m.type === type) resolve(m as Extract<WorkerMessage, { type: T }>);
    }),
  );
}

afterEach(async () => {
  await Promise.all(started.splice(0).map((h) => h.terminate()));
});

describe.each(KINDS)('the %s runtime', (kind) => {
  it('says who it is once its entry has loaded: the host pid for a thread, its own for a process', async () => {
    const handle = start(kind);
    expect(handle.kind).toBe(kind);
    const { pid } = await handle.ready;
    if (kind === 'thread') expect(pid).toBe(process.pid);
    else expect(pid).not.toBe(process.pid);
    expect(handle.alive).toBe(true);
  });

  it('serves experiment runs one after another, with the checksum of sequential code', async () => {
    const handle = start(kind);
    await handle.ready;
    const params = SMALL.primes ?? {};
    const expected = await runSequentially(getWorkload('primes'), params);
    const units = [0, 1, 2, 3, 4, 5];
    for (const runId of [1, 2]) {
      const done = next(handle, 'done');
      handle.send({ type: 'run', job: job(runId, 'primes', params, units) });
      expect(await done).toMatchObject({ runId, checksum: expected, unitsDone: units.length });
    }
    expect(handle.alive).toBe(true);
  });

  it('reports a run whose kernel throws as an error naming the run, and stays usable', async () => {
    const handle = start(kind);
    const error = next(handle, 'error');
    handle.send({ type: 'run', job: job(7, 'fault', { units: 2, at: 1, mode: FAULT_MODES.throw }, [0, 1]) });
    expect(await error).toMatchObject({ runId: 7, message: 'fault: kernel threw on unit 1' });
    const done = next(handle, 'done');
    handle.send({ type: 'run', job: job(8, 'fault', { units: 2, at: 9, mode: FAULT_MODES.ok }, [0, 1]) });
    expect((await done).runId).toBe(8);
  });

  it('runs one demo kernel, reports its lane and result, and then leaves by itself', async () => {
    const handle = start(kind);
    const state = next(handle, 'state');
    const result = next(handle, 'result');
    handle.send({
      type: 'kernel',
      start: { file: 'hello', kernel: 'hello', input: { copy: [0], value: 42 } },
    });
    expect((await state).state).toBe('running');
    expect((await result).value).toMatchObject({ sawInOwnMemory: 42 });
    const info = await handle.exited;
    expect(info.outOfMemory).toBe(false);
    expect(handle.alive).toBe(false);
  });

  it('reports an unknown demo kernel as a kernel error', async () => {
    const handle = start(kind);
    const failed = next(handle, 'kernel-error');
    handle.send({ type: 'kernel', start: { file: 'hello', kernel: 'no-such-kernel', input: null } });
    expect((await failed).message).toMatch(/no demo kernel 'no-such-kernel' in kernels\/hello\.ts/);
  });

  it('reports a kernel module that is not there, or a file name that is not a module name, as a kernel error', async () => {
    const missing = start(kind);
    const noModule = next(missing, 'kernel-error');
    missing.send({ type: 'kernel', start: { file: 'no-such-file', kernel: 'hello', input: null } });
    expect((await noModule).message).toMatch(/file: no demo kernel module 'no-such-file'/);
    const escaping = start(kind);
    const badName = next(escaping, 'kernel-error');
    escaping.send({
      type: 'kernel',
      start: { file: '../../entries/thread-entry', kernel: 'hello', input: null },
    });
    expect((await badName).message).toMatch(
      /file: '..\/..\/entries\/thread-entry' is not a kernel module name/,
    );
  });

  it('tells the host once, with the exit code, when the worker exits unasked', async () => {
    const handle = start(kind);
    await handle.ready;
    const exit = new Promise<ExitInfo>((resolve) => handle.onExit(resolve));
    handle.send({ type: 'run', job: job(1, 'fault', { units: 1, at: 0, mode: FAULT_MODES.exit }, [0]) });
    expect((await exit).code).toBe(3);
    expect(handle.alive).toBe(false);
  });

  it('leaves when told to exit, and terminate() ends it at once without reporting an unasked exit', async () => {
    const asked = start(kind);
    await asked.ready;
    asked.send({ type: 'exit' });
    expect((await asked.exited).code).toBe(0);

    const ended = start(kind);
    await ended.ready;
    let unasked = false;
    ended.onExit(() => (unasked = true));
    await ended.terminate();
    await ended.terminate();
    expect(ended.alive).toBe(false);
    expect(unasked).toBe(false);
  });

  it('in a pool: a hung run fails as a timeout, an aborted one as cancelled, and the pool is broken', async () => {
    const hang = job(1, 'fault', { units: 1, at: 0, mode: FAULT_MODES.hang }, [0]);
    const timedOut = new Pool(1, () => start(kind));
    await timedOut.start();
    await expect(timedOut.run([hang], 300)).rejects.toMatchObject({ reason: 'timeout' });
    expect(timedOut.broken).toBe(true);
    await timedOut.close();

    const cancelled = new Pool(1, () => start(kind));
    await cancelled.start();
    const abort = new AbortController();
    const run = cancelled.run([hang], 60_000, abort.signal);
    abort.abort();
    await expect(run).rejects.toMatchObject({ reason: 'cancelled' });
    await cancelled.close();
    expect(started.every((h) => !h.alive)).toBe(true);
  });

  it('refuses an attachment its runtime cannot carry, naming it', async () => {
    const handle = start(kind);
    await handle.ready;
    const message = { type: 'data', data: null } as const;
    if (kind === 'thread') {
      expect(() => handle.send(message, { socket: new net.Socket() })).toThrow(/attachment\.socket/);
    } else {
      const { port1, port2 } = new MessageChannel();
      expect(() => handle.send(message, { transfer: [port2] })).toThrow(/attachment\.transfer/);
      port1.close();
    }
  });
});

describe('the thread runtime under the emulated GIL', () => {
  it('holds the lock for a whole run alone, and its snapshot counts that last hold', async () => {
    const gil = createGilBuffer(5);
    const handle = startWorker('thread', { entriesDir, memoryLimitMb: 128, thread: { index: 0, gil } });
    started.push(handle);
    const done = next(handle, 'done');
    handle.send({ type: 'run', job: { ...job(1, 'primes', SMALL.primes ?? {}, [0, 1, 2]), timeline: true } });
    const snapshot = (await done).gil;
    expect(snapshot?.stats).toMatchObject({ acquisitions: 1, switches: 0, forcedDrops: 0 });
    expect(snapshot?.stats.holdMs).toBeGreaterThan(0);
    // (an uncontended take may still last long enough on a busy machine to be drawn as a short wait)
    expect(snapshot?.spans.at(-1)?.state).toBe('hold');
    abortGil(gil);
  });
});

describe('the process runtime', () => {
  it('starts its children with the injected launcher, bounding their heap', async () => {
    const calls: { entryFile: string; execArgv: readonly string[] }[] = [];
    const launcher: ProcessLauncher = (entryFile, options) => {
      calls.push({ entryFile, execArgv: options.execArgv });
      return forkLauncher(entryFile, options);
    };
    const handle = start('process', launcher);
    await handle.ready;
    expect(calls).toHaveLength(1);
    expect(calls[0]?.entryFile.endsWith(RUNTIME_ENTRIES.process)).toBe(true);
    expect(calls[0]?.execArgv).toContain('--max-old-space-size=128');
  });
});
