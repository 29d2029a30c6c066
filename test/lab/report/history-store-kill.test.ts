/**
 * A run killed with SIGKILL (no handler, no cleanup) leaves its history entry as 'incomplete' with the
 * results it had, and no worker process behind: children leave when their IPC channel to the dead parent
 * closes.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { createHistory } from '../../../electron/lab/report/history-store';
import { childPids, isRunning } from '../../support/processes';
import { onLinux } from '../../support/skip';

const home = mkdtempSync(path.join(os.tmpdir(), 'threadlab-history-kill-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function entryResults(dir: string): number {
  try {
    const names = readdirSync(dir).filter((f) => f.endsWith('.json') && !f.startsWith('.'));
    const r = JSON.parse(readFileSync(path.join(dir, names[0] ?? ''), 'utf8')) as { results: unknown[] };
    return r.results.length;
  } catch {
    return 0;
  }
}

it.runIf(onLinux('test/lab/report/history-store-kill', 'SIGKILL of a process group and /proc'))(
  'SIGKILL mid-run: entry listed incomplete with its results, no worker left',
  async () => {
    const cli = path.resolve('out/lab/cli.js');
    const child = spawn(
      process.execPath,
      [
        cli,
        'run',
        '-w',
        'sleep',
        '-m',
        'processes',
        '-n',
        '1,2',
        '-r',
        '40',
        '--warmup',
        '0',
        '-p',
        'units=4',
        '-p',
        'ms=25',
        '-q',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, THREADLAB_HOME: home } },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    const dir = path.join(home, 'history');

    // Wait until some cells have results on disk and the worker processes are up, then kill without warning.
    let workers: number[] = [];
    for (let i = 0; i < 200 && (entryResults(dir) < 2 || workers.length < 2); i++) {
      await sleep(50);
      workers = childPids(child.pid ?? 0);
    }
    expect(entryResults(dir), stderr).toBeGreaterThanOrEqual(2);
    expect(workers.length).toBeGreaterThanOrEqual(2);
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    // Children notice the closed IPC channel and exit; give them a moment (generously, the suite shares 2 cores).
    for (let i = 0; i < 100 && workers.some(isRunning); i++) await sleep(50);
    expect(workers.filter(isRunning)).toEqual([]);

    const list = await createHistory(dir).list();
    expect(list).toHaveLength(1);
    const [entry] = list;
    expect(entry).toMatchObject({ status: 'incomplete', running: false, workloads: ['sleep'] });
    expect(entry?.cells).toBeGreaterThanOrEqual(2);
    const report = await createHistory(dir).get(entry?.id ?? '');
    expect(report.finishedAt).toBeNull();
    expect(report.results.every((r) => (r.wallMs?.raw.length ?? 0) >= 1)).toBe(true);
    // the run was cut short: far fewer runs than the 40 per cell it asked for
    expect(report.results.every((r) => (r.wallMs?.raw.length ?? 0) < 40)).toBe(true);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp')).length).toBeLessThanOrEqual(1);
    expect(existsSync(path.join(dir, `${entry?.id}.json`))).toBe(true);
  },
);
