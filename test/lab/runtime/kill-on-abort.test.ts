/**
 * Ending a helper child on abort: a child that runs is killed; one that never started (no pid) is left
 * alone, since its kill() would go to pid 0, the lab's own process group (what Node's own `signal` option
 * of execFile does for a child that failed with ENOENT).
 */
import { execFile, type ChildProcess } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { killOnAbort } from '../../../electron/lab/runtime/kill-on-abort';

describe('killOnAbort', () => {
  it('kills a child that runs, once the signal aborts', async () => {
    const ac = new AbortController();
    const ended = new Promise<string | undefined>((resolve) => {
      const child = execFile(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], (err) =>
        resolve(err?.signal ?? undefined),
      );
      killOnAbort(child, ac.signal);
    });
    setTimeout(() => ac.abort(), 100);
    expect(await ended).toBe('SIGKILL');
  });

  it('never calls kill() on a child without a pid, nor after the undo', () => {
    const kills: string[] = [];
    const stub = (pid: number | undefined) =>
      ({
        pid,
        exitCode: null,
        signalCode: null,
        kill: (s: string) => kills.push(`${pid} ${s}`),
      }) as unknown as ChildProcess;
    const ac = new AbortController();
    killOnAbort(stub(undefined), ac.signal);
    const undo = killOnAbort(stub(41), ac.signal);
    undo();
    killOnAbort(stub(42), ac.signal);
    ac.abort();
    expect(kills).toEqual(['42 SIGKILL']);
  });
});
