/**
 * `npm run serve` as a user runs it: the bundled out/lab/serve.js in its own process. Ctrl-C during a run
 * must cancel it and leave no worker process behind.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { LabEvent } from '../../../electron/common/api';
import { connectLab, type SocketConstructor } from '../../../renderer/transport/ws-client';
import { childPids, isAlive } from '../../support/processes';
import { onLinux } from '../../support/skip';
import { LONG, nextEvent } from '../api-contract';

const SERVE = path.resolve('out/lab/serve.js');

describe.runIf(onLinux('test/lab/serve/main', 'signals to serve.js and its children in /proc'))(
  'serve.js process',
  () => {
    let dir: string;
    let child: ChildProcess;
    let output = '';
    let url: string;

    beforeAll(async () => {
      dir = mkdtempSync(path.join(os.tmpdir(), 'threadlab-serve-'));
      writeFileSync(path.join(dir, 'index.html'), '<!doctype html><div id="root"></div>');
      child = spawn(process.execPath, [SERVE, '--port', '0', '--renderer', dir], {
        stdio: ['ignore', 'pipe', 'pipe'],
        // history goes to the temp folder, never to the user's ~/.threadlab
        env: { ...process.env, THREADLAB_HOME: dir },
      });
      child.stdout?.setEncoding('utf8').on('data', (s: string) => (output += s));
      child.stderr?.setEncoding('utf8').on('data', (s: string) => (output += s));
      url = await new Promise<string>((resolve, reject) => {
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
      expect(output).toContain('cancelling the running experiment');
      expect(workers.filter(isAlive)).toEqual([]);
      // Cancelling ends workers at once; seconds here would mean something waited on a timeout.
      expect(stopMs).toBeLessThan(5_000);
      api.close();
      // The key is printed once, in the link, and nowhere else.
      expect(output.split(key).length - 1).toBe(1);
    });
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
