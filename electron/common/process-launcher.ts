/**
 * How the engine may start a worker process without knowing what starts it: plain Node's child_process.fork
 * in the CLI and browser mode, Electron's utilityProcess.fork in the desktop app (electron/main/
 * utility-launcher.ts). The desktop app needs the second because forking its own binary as Node takes
 * ELECTRON_RUN_AS_NODE, which only works while the RunAsNode fuse is on, and that fuse lets anyone run the
 * signed app binary as a general-purpose Node. Type-only: the engine takes a ProcessLauncher by injection.
 *
 * Deliberately missing: passing a socket handle with a message (child_process's send(message, socket)).
 * utilityProcess can transfer only MessagePorts, so a design that hands accepted connections to a child
 * must let the child accept them itself.
 */

export interface LaunchOptions {
  /** V8 and Node flags for the child, such as `--max-old-space-size=512` */
  readonly execArgv?: readonly string[];
  /** the child's whole environment; the parent's when left out */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** a name for the OS task manager and crash reports */
  readonly name?: string;
}

/** How a launched process ended: `signal` is null where the launcher only learns an exit code. */
export interface ProcessExit {
  readonly code: number | null;
  readonly signal: string | null;
}

/**
 * One running child. Messages are structured clones both ways (Node's 'advanced' serialization, or
 * utilityProcess's postMessage), so typed arrays and Maps survive; the child answers on its own channel
 * (process.send in a Node child, process.parentPort.postMessage in a utility process).
 */
export interface LaunchedProcess {
  /** undefined until the OS has started the process */
  readonly pid: number | undefined;
  send(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): void;
  /** the child's stderr as text, for explaining a crash (a heap limit hit, a stack trace) */
  on(event: 'stderr', listener: (text: string) => void): void;
  /** once, after the process is gone, however it ended */
  on(event: 'exit', listener: (exit: ProcessExit) => void): void;
  /** ends the process now (a utility process gets SIGTERM on POSIX, so the child must not trap it); 'exit' follows */
  kill(): void;
}

export interface ProcessLauncher {
  fork(modulePath: string, args: readonly string[], options: LaunchOptions): LaunchedProcess;
}
