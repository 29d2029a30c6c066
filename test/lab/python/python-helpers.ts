/** What the Python tests share: the interpreter they run (python3 here; THREADLAB_PYTHON elsewhere). */
import type { InterpreterCommand } from '../../../electron/lab/python/interpreter-process';

export const PYTHON: InterpreterCommand = { executable: process.env.THREADLAB_PYTHON || 'python3' };

/** Polls until `check` holds or `timeoutMs` passes; returns whether it held. */
export async function eventually(check: () => boolean, timeoutMs = 5_000): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return check();
}
