/**
 * `npm run serve` as a user runs it: the bundled out/lab/serve.js in its own process. Ctrl-C during a run
 * must cancel it and leave no worker process behind; a SIGKILL during a demo's Python must leave no Python.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { LabEvent } from '../../../electron/common/api';
import { connectLab, type SocketConstructor } from '../../../renderer/transport/ws-client';
import { childPids, isAlive, killLeftovers, snippetProcesses } from '../../support/processes';
import { onLinux } from '../../support/skip';
import { LONG, nextEvent } from '../api-contract';
import { eventually, PYTHON } from '../python/python-helpers';

const SERVE = path.resolve('out/lab/serve.js');

describe.runIf(onLinux('test/lab/serve/main', 'signals to serve.js and its children in /proc'))(
  'serve.js process',
  () => {
    let dir: string;
    let child: ChildProcess;
    let output: () => string;
    let url: string;

    beforeAll(async () => {
      ({ dir, child, url, output } = await startServe());
    });
    afterAll(() => {
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    });

    it('prints its URL, and Ctrl-C mid-run cancels the run and leaves no worker process', async () => {
      // A fresh key of 32 random bytes (43 base64url characters) in the link, as Jupyter prints its token.
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);
      const { origin, searchParams } = new URL(url);
      const key = searchParams.get('token') ?? '';
      const wsUrl = `${origin.replace('http:', 'ws:')}/lab`;
      const NodeSocket = WebSocket as unknown as SocketConstructor;
      const refused = await connectLab(wsUrl, { WebSocketImpl: NodeSocket }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(Error);
      const api = await connectLab(wsUrl, { key, WebSocketImpl: NodeSocket });
      const { runId } = await api.startExperiment(LONG);
      await nextEvent(
        api,
        (e): e is LabEvent => e.type === 'progress' && e.runId === runId && e.progress.phase === 'measuring',
      );
      const pid = child.pid ?? 0;
      const workers = childPids(pid);
      expect(workers.length).toBeGreaterThanOrEqual(2);

      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      const t0 = performance.now();
      child.kill('SIGINT');
      expect(await exited).toBe(0);
      const stopMs = performance.now() - t0;
      expect(output()).toContain('cancelling the running experiment');
      expect(workers.filter(isAlive)).toEqual([]);
      // Cancelling ends workers at once; seconds here would mean something waited on a timeout.
      expect(stopMs).toBeLessThan(5_000);
      api.close();
      // The key is printed once, in the link, and nowhere else.
      expect(output().split(key).length - 1).toBe(1);
    });
  },
);

/** Starts serve.js on a free port with its own history folder; resolves once it printed its URL. */
async function startServe(
  env: NodeJS.ProcessEnv = {},
): Promise<{ dir: string; child: ChildProcess; url: string; output: () => string }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'threadlab-serve-'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><div id="root"></div>');
  const child = spawn(process.execPath, [SERVE, '--port', '0', '--renderer', dir], {
    stdio: ['ignore', 'pipe', 'pipe'],
    // history goes to the temp folder, never to the user's ~/.threadlab
    env: { ...process.env, THREADLAB_HOME: dir, ...env },
  });
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (s: string) => (output += s));
  child.stderr?.setEncoding('utf8').on('data', (s: string) => (output += s));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve.js printed no URL:\n${output}`)), 15_000);
    const poll = setInterval(() => {
      const m = /running at (http:\/\/\S+)/.exec(output);
      if (m?.[1]) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve(m[1]);
      }
    }, 50);
  });
  return { dir, child, url, output: () => output };
}

/** A client holding the key of the serve.js at `url`. */
function connectWithKey(url: string) {
  const { origin, searchParams } = new URL(url);
  const wsUrl = `${origin.replace('http:', 'ws:')}/lab`;
  return connectLab(wsUrl, {
    key: searchParams.get('token') ?? '',
    WebSocketImpl: WebSocket as unknown as SocketConstructor,
  });
}

// The deadlock's Python never ends by itself and its time limit is kept by the lab: once serve.js is
// SIGKILLed (no handler runs), only the driver's lifeline (stdin closing, the parent changing) can end it.
describe.runIf(onLinux('test/lab/serve/main (SIGKILL mid-snippet)', 'the process tree in /proc'))(
  'serve.js SIGKILLed while a demo snippet runs',
  () => {
    it('leaves no Python process behind', async () => {
      const { dir, child, url, output } = await startServe({ THREADLAB_PYTHON: PYTHON.executable });
      const pid = child.pid ?? 0;
      let pythons: number[] = [];
      try {
        const api = await connectWithKey(url);
        // Not awaited: it resolves only when the snippet ends, and serve.js is killed before that.
        api.runDemoPython('deadlock').catch(() => undefined);
        expect(await eventually(() => snippetProcesses(pid).length > 0, 30_000), output()).toBe(true);
        pythons = snippetProcesses(pid);
        // Mid-snippet: its threads are deadlocked by now, well inside its time limit.
        await new Promise((r) => setTimeout(r, 1000));
        expect(pythons.every(isAlive)).toBe(true);
        child.kill('SIGKILL');
        expect(await eventually(() => pythons.every((p) => !isAlive(p)), 10_000)).toBe(true);
        api.close();
      } finally {
        child.kill('SIGKILL');
        // When the test fails, what the lab left behind must not outlive it.
        killLeftovers(pythons);
        rmSync(dir, { recursive: true, force: true });
      }
    }, 60_000);
  },
);

/** Runs serve.js to its end with `args`; resolves with its exit code and everything it printed. */
function runServe(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number | null; text: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [SERVE, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    });
    let text = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (text += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (text += s));
    child.once('exit', (code) => resolve({ code, text }));
  });
}

describe('serve.js refuses what would hand out control', () => {
  it('exits 2 for a network --host without --public, saying what to do', async () => {
    for (const host of ['0.0.0.0', '::', '192.0.2.1']) {
      const { code, text } = await runServe(['--port', '0', '--host', host]);
      expect(code).toBe(2);
      expect(text).toContain(`--host ${host}`);
      expect(text).toContain('--public');
      expect(text).not.toContain('running at');
    }
  });

  it('exits 2 for a --token or THREADLAB_TOKEN too short to be a key, naming which', async () => {
    const flag = await runServe(['--port', '0', '--token', 'short']);
    expect(flag.code).toBe(2);
    expect(flag.text).toContain('--token must be 16 to 256 characters');
    const env = await runServe(['--port', '0'], { THREADLAB_TOKEN: 'a b' });
    expect(env.code).toBe(2);
    expect(env.text).toContain('THREADLAB_TOKEN must be');
  });
});
