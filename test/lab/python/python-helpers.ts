/** What the Python tests share: the interpreter they run (python3 here; THREADLAB_PYTHON elsewhere). */
import { existsSync, readFileSync } from 'node:fs';
import type { InterpreterCommand } from '../../../electron/lab/python/interpreter-process';

export const PYTHON: InterpreterCommand = { executable: process.env.THREADLAB_PYTHON || 'python3' };

/** Live pids whose parent is `pid`, from /proc (multiprocessing children of a driver, for example). */
export function procChildren(pid: number): number[] {
  const file = `/proc/${pid}/task/${pid}/children`;
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
}

/** Polls until `check` holds or `timeoutMs` passes; returns whether it held. */
export async function eventually(check: () => boolean, timeoutMs = 5_000): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return check();
}
