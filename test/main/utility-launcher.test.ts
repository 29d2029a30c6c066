/**
 * The ProcessLauncher over utilityProcess.fork, against a stand-in for Electron's utilityProcess (the binary
 * is not on this machine). The stand-in starts a real Node child and gives it a process.parentPort the way
 * Electron does ({ data } message events, postMessage), so the adapter's messages, stderr, exit and kill are
 * exercised on a real OS process, and the child script shows the side the engine's process entry must speak.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { ProcessExit } from '../../electron/common/process-launcher';

/** What Electron's utility process gives the child: process.parentPort with { data } messages. */
const PARENT_PORT_SHIM = `
const { EventEmitter } = require('node:events');
const port = new EventEmitter();
port.postMessage = (message) => process.send(message);
process.on('message', (data) => port.emit('message', { data }));
process.parentPort = port;
`;

/** The child: echoes messages, writes to stderr on request, exits or hangs on request. */
const CHILD = `
const port = process.parentPort;
port.on('message', ({ data }) => {
  if (data.op === 'echo') port.postMessage({ echo: data.value, argv: process.argv.slice(2), env: process.env.TL_X, heap: process.execArgv });
  if (data.op === 'stderr') process.stderr.write(data.text);
  if (data.op === 'exit') process.exit(data.code);
  if (data.op === 'hang') { port.postMessage({ hanging: true }); for (;;); }
});
port.postMessage({ ready: true });
`;

const forks: { modulePath: string; args: string[]; options: Record<string, unknown> }[] = [];
const children: ChildProcess[] = [];
let shimFile = '';

/** Electron's UtilityProcess, as far as the adapter uses it, over a real Node child. */
class StandInUtilityProcess extends EventEmitter {
  readonly child: ChildProcess;
  constructor(
    modulePath: string,
    args: string[],
    options: { execArgv?: string[]; env?: NodeJS.ProcessEnv; stdio?: string[] },
  ) {
    super();
    this.child = fork(modulePath, args, {
      execArgv: ['--require', shimFile, ...(options.execArgv ?? [])],
      env: options.env ?? process.env,
      stdio: [...(options.stdio ?? ['ignore', 'ignore', 'ignore']), 'ipc'] as never,
      serialization: 'advanced',
    });
    children.push(this.child);
    this.child.on('message', (m) => this.emit('message', m));
    // Electron reports a code only; a signal death is reported with a code too.
    this.child.on('exit', (code, signal) => this.emit('exit', code ?? (signal ? 1 : 0)));
  }
  get pid(): number | undefined {
    return this.child.pid;
  }
  get stderr() {
    return this.child.stderr;
  }
  postMessage(message: unknown): void {
    this.child.send(message as never);
  }
  kill(): boolean {
    return this.child.kill('SIGTERM');
  }
}

vi.mock('electron', () => ({
  utilityProcess: {
    fork: (modulePath: string, args: string[], options: Record<string, unknown>) => {
      forks.push({ modulePath, args, options });
      return new StandInUtilityProcess(modulePath, args, options);
    },
  },
}));

const { utilityLauncher } = await import('../../electron/main/utility-launcher');

const dir = mkdtempSync(path.join(os.tmpdir(), 'threadlab-utility-'));
shimFile = path.join(dir, 'parent-port-shim.cjs');
writeFileSync(shimFile, PARENT_PORT_SHIM);
const childFile = path.join(dir, 'child.cjs');
writeFileSync(childFile, CHILD);

afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

function start(options = {}) {
  const proc = utilityLauncher.fork(childFile, ['--job', '7'], options);
  const messages: Record<string, unknown>[] = [];
  let stderr = '';
  const exited = new Promise<ProcessExit>((resolve) => proc.on('exit', resolve));
  proc.on('message', (m) => messages.push(m as Record<string, unknown>));
  proc.on('stderr', (text) => (stderr += text));
  const next = (key: string) =>
    vi.waitFor(
      () => {
        const m = messages.find((x) => key in x);
        if (!m) throw new Error(`no ${key} message yet`);
        return m;
      },
      { timeout: 20_000, interval: 20 },
    );
  return { proc, exited, next, stderr: () => stderr };
}

describe('ProcessLauncher over utilityProcess.fork', () => {
  it('forks the module with its args, heap flag, environment and a task manager name; stderr piped', async () => {
    forks.length = 0;
    const { proc, next, exited } = start({
      execArgv: ['--max-old-space-size=64'],
      env: { ...process.env, TL_X: 'yes', TL_UNSET: undefined },
      name: 'ThreadLab worker',
    });
    expect(forks).toHaveLength(1);
    expect(forks[0]?.modulePath).toBe(childFile);
    expect(forks[0]?.args).toEqual(['--job', '7']);
    expect(forks[0]?.options).toMatchObject({
      execArgv: ['--max-old-space-size=64'],
      serviceName: 'ThreadLab worker',
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    // Undefined entries are dropped: utilityProcess takes string values only.
    expect(forks[0]?.options.env).not.toHaveProperty('TL_UNSET');
    expect(forks[0]?.options.env).not.toHaveProperty('ELECTRON_RUN_AS_NODE');
    await next('ready');
    expect(proc.pid).toBeGreaterThan(0);
    proc.send({ op: 'echo', value: new Float64Array([1.5, 2]) });
    const echo = await next('echo');
    expect(echo.echo).toEqual(new Float64Array([1.5, 2]));
    expect(echo.argv).toEqual(['--job', '7']);
    expect(echo.env).toBe('yes');
    expect(echo.heap).toContain('--max-old-space-size=64');
    proc.send({ op: 'exit', code: 3 });
    expect(await exited).toEqual({ code: 3, signal: null });
  });

  it("passes the child's stderr on as text", async () => {
    const { proc, next, exited, stderr } = start();
    await next('ready');
    proc.send({ op: 'stderr', text: 'FATAL ERROR: JavaScript heap out of memory\n' });
    await vi.waitFor(() => expect(stderr()).toContain('heap out of memory'), { timeout: 20_000 });
    proc.send({ op: 'exit', code: 0 });
    expect((await exited).code).toBe(0);
  });

  it('kill() ends a busy child, and exit follows', async () => {
    const { proc, next, exited } = start();
    await next('ready');
    proc.send({ op: 'hang' });
    await next('hanging');
    const pid = proc.pid ?? 0;
    proc.kill();
    await exited;
    expect(() => process.kill(pid, 0)).toThrow();
  });
});
