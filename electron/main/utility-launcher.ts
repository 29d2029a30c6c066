/**
 * A ProcessLauncher (electron/common/process-launcher.ts) over Electron's utilityProcess.fork: a real OS
 * process running Node, started by the app without ELECTRON_RUN_AS_NODE, so the RunAsNode fuse can go off
 * once the engine's processes model takes this launcher in the desktop app. The child talks back over
 * process.parentPort instead of process.send. Call fork only after app 'ready' (Electron's rule).
 */
import { EventEmitter } from 'node:events';
import { utilityProcess, type UtilityProcess } from 'electron';
import type {
  LaunchedProcess,
  LaunchOptions,
  ProcessExit,
  ProcessLauncher,
} from '../common/process-launcher';

class UtilityChild implements LaunchedProcess {
  private readonly events = new EventEmitter();

  constructor(private readonly child: UtilityProcess) {
    child.on('message', (message: unknown) => this.events.emit('message', message));
    // Always drained, listened to or not: a full stderr pipe would block the child.
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (text: string) => this.events.emit('stderr', text));
    // A fatal V8 error (such as the heap limit) is reported here rather than only on stderr.
    child.on('error', (type, location) => this.events.emit('stderr', `\n${type} at ${location}\n`));
    child.once('exit', (code: number) => {
      const exit: ProcessExit = { code, signal: null };
      this.events.emit('exit', exit);
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  send(message: unknown): void {
    this.child.postMessage(message);
  }

  on(event: 'message', listener: (message: unknown) => void): void;
  on(event: 'stderr', listener: (text: string) => void): void;
  on(event: 'exit', listener: (exit: ProcessExit) => void): void;
  on(event: 'message' | 'stderr' | 'exit', listener: (value: never) => void): void {
    this.events.on(event, listener as (...values: unknown[]) => void);
  }

  kill(): void {
    this.child.kill();
  }
}

export const utilityLauncher: ProcessLauncher = {
  fork(modulePath: string, args: readonly string[], options: LaunchOptions): LaunchedProcess {
    const env = options.env
      ? Object.fromEntries(
          Object.entries(options.env).filter((e): e is [string, string] => typeof e[1] === 'string'),
        )
      : undefined;
    const child = utilityProcess.fork(modulePath, [...args], {
      ...(options.execArgv ? { execArgv: [...options.execArgv] } : {}),
      ...(env ? { env } : {}),
      ...(options.name ? { serviceName: options.name } : {}),
      // stdin and stdout unused (jobs and results go over messages); stderr kept to explain crashes.
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    return new UtilityChild(child);
  },
};
