/**
 * The tests' one view of the process table: which processes a process started, and whether one still runs.
 * Tests use it to prove that no worker, interpreter or server outlives what started it. Linux reads /proc
 * (no helper process is started, so none has to be left out); macOS asks pgrep; Windows has neither.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';

/** Whether childPids and descendants can answer here (a test that needs them says why it skips). */
export const canListChildren = process.platform !== 'win32';

interface ProcStat {
  readonly state: string;
  readonly ppid: number;
}

/** State and parent of `pid` from /proc/<pid>/stat; null once it is gone. */
function procStat(pid: number): ProcStat | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is parenthesised and may hold spaces or ')', so fields are counted after the last ')'.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: rest[0] ?? '', ppid: Number(rest[1]) };
  } catch {
    return null;
  }
}

/** Parent of every process that still runs (zombies have ended: they only wait to be reaped). */
function runningParents(): Map<number, number> {
  const parents = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = procStat(Number(name)); // null: it ended while we looked
    if (stat && stat.state !== 'Z') parents.set(Number(name), stat.ppid);
  }
  return parents;
}

/** Direct children of `pid` that still run. */
export function childPids(pid: number = process.pid): number[] {
  if (process.platform === 'linux') {
    return [...runningParents()].filter(([, ppid]) => ppid === pid).map(([child]) => child);
  }
  if (!canListChildren) throw new Error('childPids: no process table to read on this platform');
  try {
    return execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch (err) {
    if ((err as { status?: number }).status === 1) return []; // pgrep exits 1 when nothing matched
    throw err;
  }
}

/** Every process whose parent chain leads to `pid` and that still runs, children before grandchildren. */
export function descendants(pid: number): number[] {
  if (process.platform !== 'linux') {
    return childPids(pid).flatMap((child) => [child, ...descendants(child)]);
  }
  const parents = runningParents();
  const out: number[] = [];
  const walk = (p: number) => {
    for (const [child, ppid] of parents) {
      if (ppid !== p) continue;
      out.push(child);
      walk(child);
    }
  };
  walk(pid);
  return out;
}

/** Whether `pid` exists, a zombie included (signal 0 checks without sending anything). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Whether `pid` still runs: it exists and is not a zombie waiting for its parent to reap it. */
export function isRunning(pid: number): boolean {
  if (process.platform !== 'linux') return isAlive(pid);
  const stat = procStat(pid);
  return stat !== null && stat.state !== 'Z';
}

/** The command line of `pid` (arguments separated by NUL), '' once it is gone or off Linux. */
export function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return '';
  }
}

/**
 * Whether `pid` is a Python interpreter now. A launcher such as pyenv's shim is a shell script that runs
 * helpers of its own before it execs Python under the same pid: only once that pid is Python are the
 * processes it starts the snippet's.
 */
export function isPythonProcess(pid: number): boolean {
  try {
    return /python/i.test(path.basename(readlinkSync(`/proc/${pid}/exe`)));
  } catch {
    return false;
  }
}

/** The demo snippets (threadlab_snippet.py) running as children of `pid`, with their own children. */
export function snippetProcesses(pid: number): number[] {
  return childPids(pid)
    .filter((c) => cmdline(c).includes('threadlab_snippet.py') && isPythonProcess(c))
    .flatMap((s) => [s, ...childPids(s)]);
}

/** SIGKILLs every one of `pids` still alive: what a failed test's lab left behind must not outlive it. */
export function killLeftovers(pids: readonly number[]): void {
  for (const p of pids.filter(isAlive)) {
    try {
      process.kill(p, 'SIGKILL');
    } catch {
      // it ended meanwhile
    }
  }
}
