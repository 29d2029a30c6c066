/**
 * Ends a child process when a signal aborts, for the lab's short-lived helpers (Python probes, a workload
 * file's meta reader). Not the `signal` option of spawn/execFile: for a child that failed to start (ENOENT)
 * whose handle is still open, Node's abort calls kill() without a pid, which libuv sends to pid 0, the
 * caller's whole process group (it was seen to SIGTERM the test runner and the shell around it). Only a child
 * that started and has not ended is killed here.
 */
import type { ChildProcess } from 'node:child_process';

/** Kills `child` with `how` once `signal` aborts (at once if it already has); returns the undo. */
export function killOnAbort(
  child: ChildProcess,
  signal: AbortSignal | undefined,
  how: NodeJS.Signals = 'SIGKILL',
): () => void {
  if (!signal) return () => undefined;
  const onAbort = () => {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) child.kill(how);
  };
  if (signal.aborted) onAbort();
  else signal.addEventListener('abort', onAbort, { once: true });
  return () => signal.removeEventListener('abort', onAbort);
}
