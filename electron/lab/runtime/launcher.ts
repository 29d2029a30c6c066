/**
 * How a child process is started. The process runtime takes this by injection: plain Node and the tests use
 * child_process.fork (the default below); the desktop app may pass an adapter over Electron's
 * utilityProcess.fork. Whatever starts the process, the runtime only needs what LaunchedProcess offers.
 */
import { fork } from 'node:child_process';
import type net from 'node:net';

export interface LaunchOptions {
  /** Node flags for the child (e.g. --max-old-space-size) */
  readonly execArgv: readonly string[];
  /** command-line arguments after the entry file */
  readonly args: readonly string[];
}

/** A started child process, as the process runtime sees it. */
export interface LaunchedProcess {
  readonly pid: number | undefined;
  /** true while messages can be sent */
  readonly connected: boolean;
  /** Sends a structured-clone message; a socket may come along where the launcher supports it. */
  send(message: unknown, socket?: net.Socket): void;
  onMessage(listener: (message: unknown) => void): void;
  /** text the child writes to stderr, as it comes */
  onStderr(listener: (text: string) => void): void;
  /** a failure to start or to signal the child */
  onError(listener: (err: Error) => void): void;
  /** once, when the child is gone and every message it sent has been delivered */
  onExit(listener: (code: number | null, signal: string | null) => void): void;
  /** Ends the child at once (SIGKILL where there are signals). */
  kill(): void;
}

export type ProcessLauncher = (entryFile: string, options: LaunchOptions) => LaunchedProcess;

/** child_process.fork of the running executable, made to behave as plain Node even inside Electron. */
export const forkLauncher: ProcessLauncher = (entryFile, options) => {
  const child = fork(entryFile, [...options.args], {
    execPath: process.execPath,
    execArgv: [...options.execArgv],
    // Inside Electron, fork() runs the Electron binary: this makes it behave as plain Node.
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    serialization: 'advanced',
  });
  child.stderr?.setEncoding('utf8');
  return {
    get pid() {
      return child.pid;
    },
    get connected() {
      return child.connected;
    },
    send: (message, socket) => {
      if (child.connected) child.send(message as object, socket);
    },
    onMessage: (listener) => child.on('message', listener),
    onStderr: (listener) => child.stderr?.on('data', listener),
    onError: (listener) => child.on('error', listener),
    // 'close' (not 'exit') comes after the IPC channel has delivered everything the child sent.
    onExit: (listener) => child.once('close', (code, signal) => listener(code, signal)),
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
};
