/**
 * LabApi implemented in-process on the engine. Every transport (Electron IPC, the WebSocket bridge) wraps
 * one of these, and tests use it directly as the third transport. One experiment or one demo at a time: the
 * machine has only so many cores, and two runs measured at once would spoil each other's figures. A second
 * start is refused 'busy', naming what runs, rather than queued: a queued run would start measuring later,
 * unseen, on a machine someone may be using, and every client already sees what runs and can cancel it.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ClientLabApi, LabEvent, LabInfo, QuietCheck, Unsubscribe } from '../../common/api';
import { MODELS, type ExperimentConfig, type ExperimentConfigInput } from '../../common/config';
import { LabError } from '../../common/errors';
import { workloadCatalog } from '../../../workloads/registry';
import { checkQuiet, QUIET_CHECK_CORES } from '../measure/interference';
import { isDemoId, DEMO_IDS } from '../../common/demos';
import { machineInfo } from '../measure/machine';
import { discoverPythons, type DiscoverOptions, type Discovery } from '../python/discover';
import { runDemoSnippet } from '../python/run-snippet';
import { pythonInfo } from '../python/selection';
import { prepareExperiment, runPrepared, type PreparedExperiment } from '../runner/runner';
import { TOOL_VERSION } from '../version';
import { checkMemoryBudget } from './budgets';
import { DemoSlot } from './demo-slot';
import { createReportLibrary, type DocumentRenderer } from './library';
import { loadUserWorkload, type LoadedUserWorkload } from '../user-workload/load';
import {
  createUserWorkloadStore,
  USER_WORKLOADS_SUBDIR,
  type UserWorkloadStore,
} from '../user-workload/store';
import { userWorkloadLanguage, type UserWorkloadRecord } from '../../common/user-workload';

export type { DocumentRenderer } from './library';

/** How long after the first getInfo the lab starts looking for Python. */
const PROBE_DELAY_MS = 1500;

/** How the service is set up; every field is optional. */
export interface LabServiceOptions {
  /** folder with the bundled thread-entry.js / process-entry.js (the Electron shell passes its unpacked copy) */
  readonly entriesDir?: string;
  /** what getInfo reports as the transport; the bridges override it per client */
  readonly transport?: string;
  /** false turns the CPU sampler off (tests that count processes) */
  readonly sampleCpu?: boolean;
  /**
   * where every experiment is recorded as it runs, and imports are kept (in its `imported/` subfolder);
   * without it nothing is recorded, the history is empty and imports are refused
   */
  readonly historyDir?: string;
  /** renders PDF and PNG exports; without it those two formats reject with LabError('not-found') */
  readonly renderDocument?: DocumentRenderer;
  /**
   * false: checkQuiet answers at once that the machine is quiet, without watching it (`serve
   * --no-quiet-check`, and UI tests that start runs on a machine other suites keep busy)
   */
  readonly quietCheck?: boolean;
  /** where getInfo and runDemoPython look for Python (an explicit path, the environment) */
  readonly discover?: DiscoverOptions;
}

/**
 * The LabApi plus the lifecycle the owner of the engine needs. Its exportReport takes the asking client's
 * signal: when that client has left, a PDF/PNG export still waiting for its turn is dropped.
 */
export interface LabService extends ClientLabApi {
  /** true while an experiment or a demo runs */
  readonly busy: boolean;
  /**
   * Cancels any run or demo, waits until its workers are gone and the history is written, and refuses new
   * runs from then on.
   */
  close(): Promise<void>;
}

interface CurrentRun {
  readonly runId: string;
  readonly config: ExperimentConfig;
  readonly abort: AbortController;
  /** settles once the runner has returned and every worker is gone */
  readonly done: Promise<void>;
  /** set on 'experiment-finished' / 'experiment-failed': the engine has torn its workers down by then */
  ended: boolean;
}

export function createLabService(options: LabServiceOptions = {}): LabService {
  const listeners = new Set<(event: LabEvent) => void>();
  const transport = options.transport ?? 'in-process';
  let current: CurrentRun | null = null;
  let closed = false;
  const library = createReportLibrary({
    ...(options.historyDir !== undefined ? { historyDir: options.historyDir } : {}),
    ...(options.renderDocument ? { renderDocument: options.renderDocument } : {}),
  });

  const emit = (event: LabEvent): void => {
    if (current && event.runId === current.runId) {
      if (event.type === 'experiment-finished' || event.type === 'experiment-failed') current.ended = true;
    }
    library.record(event);
    // A throwing listener (a closed socket, a destroyed window) must not break the run or the others.
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch {
        // ignored on purpose, see above
      }
    }
  };

  // One check at a time, shared by every caller: each watches the same second of the same machine.
  let quietCheck: Promise<QuietCheck> | null = null;
  const checkQuietShared = (): Promise<QuietCheck> => {
    if (options.quietCheck === false)
      return Promise.resolve({
        otherCores: null,
        thresholdCores: QUIET_CHECK_CORES,
        quiet: true,
        top: [],
        windowMs: 0,
      });
    quietCheck ??= checkQuiet().finally(() => {
      quietCheck = null;
    });
    return quietCheck;
  };

  // Aborted by close(): the children the lab starts on its own (the Python probe, a workload file's meta
  // read) end with it rather than outlive it, and close() waits for them.
  const closing = new AbortController();
  const background = new Set<Promise<unknown>>();
  const tracked = <T>(work: Promise<T>): Promise<T> => {
    const settled = work.then(
      () => undefined,
      () => undefined,
    );
    background.add(settled);
    void settled.then(() => background.delete(settled));
    return work;
  };

  // The user's workload file last opened: kept in a folder of the engine's (under the history's, else a
  // temporary one), so the workers load exactly the text that was checked. The store's sweep removes what
  // no saved report ran: now, what a killed lab left behind; at close, what this lab opened.
  let userWorkload: LoadedUserWorkload | null = null;
  let userStore: UserWorkloadStore | null =
    options.historyDir !== undefined
      ? createUserWorkloadStore(path.join(options.historyDir, USER_WORKLOADS_SUBDIR))
      : null;
  const hasRun = (runId: string) => library.hasRun(runId);
  if (userStore) void tracked(userStore.sweep({ hasRun }));
  const openWorkloadFile = async (fileName: string, source: string): Promise<UserWorkloadRecord> => {
    if (closed) throw new LabError('busy', 'the lab is shutting down');
    const name = path.basename(fileName);
    if (!userWorkloadLanguage(name))
      throw new LabError('invalid-config', `${name}: a workload file must be a .mjs or .py file`, [
        { field: 'openWorkloadFile(args[0])', message: `${name} is not a .mjs or .py file` },
      ]);
    userStore ??= createUserWorkloadStore(await mkdtemp(path.join(tmpdir(), 'threadlab-user-')));
    const store = userStore;
    const file = await store.add(name, source);
    let loaded: LoadedUserWorkload;
    try {
      loaded = await tracked(loadUserWorkload(file, { signal: closing.signal }));
    } catch (err) {
      store.release(file);
      throw err;
    }
    if (userWorkload) store.release(userWorkload.source);
    userWorkload = loaded;
    return loaded.record;
  };

  const isRunning = (): boolean => current !== null && !current.ended;
  // Probed once per lab: each probe starts a few interpreters, and the machine's Python does not change
  // while the lab runs (an experiment still probes for itself, so a Python installed since is used).
  let discovery: Promise<Discovery> | null = null;
  let discovered: Discovery | null = null;
  const discover = (): Promise<Discovery> =>
    (discovery ??= tracked(
      discoverPythons({
        ...options.discover,
        signal: options.discover?.signal
          ? AbortSignal.any([options.discover.signal, closing.signal])
          : closing.signal,
      }).then((d) => (discovered = d)),
    ));
  /** the demo snippet running now: one at a time, stopped by the next one, by its client leaving, by close */
  let snippet: {
    readonly id: string;
    readonly abort: AbortController;
    readonly done: Promise<unknown>;
  } | null = null;
  const demos = new DemoSlot({
    emit,
    blockedBy: () => (isRunning() ? `an experiment is running (${current?.runId})` : null),
    ...(options.entriesDir !== undefined ? { entriesDir: options.entriesDir } : {}),
  });

  const start = (input: ExperimentConfigInput): Promise<{ readonly runId: string }> => {
    if (closed) return Promise.reject(new LabError('busy', 'the lab is shutting down'));
    if (isRunning()) {
      return Promise.reject(
        new LabError(
          'busy',
          `an experiment is already running (${current?.runId}); cancel it or wait for it to finish`,
        ),
      );
    }
    const demo = demos.running;
    if (demo) {
      return Promise.reject(
        new LabError(
          'busy',
          `demo '${demo.id}' is running (${demo.runId}); cancel it or wait for it to finish before measuring`,
        ),
      );
    }
    let prepared: PreparedExperiment;
    try {
      const user = userWorkload;
      // The input is not validated yet: only a list that names the opened file's workload uses it.
      const choices: unknown = input.workloads;
      const named =
        user !== null &&
        Array.isArray(choices) &&
        choices.some((w: unknown) => (w as { name?: unknown } | null)?.name === user.def.name);
      prepared = prepareExperiment(input, {
        ...(options.entriesDir !== undefined ? { entriesDir: options.entriesDir } : {}),
        ...(named ? { userWorkload: user } : {}),
      });
      checkMemoryBudget(prepared.config);
    } catch (err) {
      return Promise.reject(
        err instanceof LabError ? err : new LabError('internal', LabError.toData(err).message),
      );
    }
    // A demo's Python still running would take cores from the measurement: the experiment stops it, as a
    // newer snippet would (the snippet is killed at once, before the runner has even started its workers).
    snippet?.abort.abort();
    const runId = randomUUID();
    const abort = new AbortController();
    // While this run's report is saved, the file it ran stays in the store.
    const ran = prepared.userWorkload;
    if (ran && userStore) void tracked(userStore.ranIn(ran.source, runId));
    return new Promise((resolve, reject) => {
      let started = false;
      const onEvent = (event: LabEvent): void => {
        if (event.type === 'experiment-started' && !started) {
          started = true;
          emit(event);
          resolve({ runId });
          return;
        }
        emit(event);
      };
      const run = runPrepared(prepared, {
        runId,
        signal: abort.signal,
        onEvent,
        ...(options.sampleCpu !== undefined ? { sampleCpu: options.sampleCpu } : {}),
      });
      const done = run.then(
        () => undefined,
        (err: unknown) => {
          const error = LabError.toData(err);
          if (started) emit({ type: 'experiment-failed', runId, error });
          else reject(LabError.fromData(error));
        },
      );
      const me: CurrentRun = { runId, config: prepared.config, abort, done, ended: false };
      current = me;
      void done.finally(() => {
        me.ended = true;
        if (current === me) current = null;
      });
    });
  };

  return {
    get busy() {
      return isRunning() || demos.running !== null;
    },

    async getInfo(): Promise<LabInfo> {
      const machine = await machineInfo();
      // A moment after the answer, so a few interpreters starting do not compete with the UI's first paint.
      if (!discovery) setTimeout(() => closed || void discover(), PROBE_DELAY_MS).unref();
      return {
        version: TOOL_VERSION,
        machine,
        workloads: workloadCatalog().filter((w) => !w.hidden),
        models: MODELS,
        transport,
        readOnly: false,
        running: current && !current.ended ? { runId: current.runId, config: current.config } : null,
        runningDemo: demos.running,
        python: discovered ? pythonInfo(discovered) : null,
      };
    },

    checkQuiet: checkQuietShared,

    startExperiment: start,
    openWorkloadFile,
    listWorkloadFiles: () => Promise.resolve(userWorkload ? [userWorkload.record] : []),

    async cancelExperiment(runId: string): Promise<void> {
      const run = current;
      if (!run || run.runId !== runId)
        throw new LabError('not-found', `no running experiment with id ${runId}`);
      run.abort.abort();
      await run.done;
    },

    listDemos: () => Promise.resolve(demos.list()),

    startDemo(id, demoOptions) {
      try {
        return Promise.resolve(demos.start(id, demoOptions));
      } catch (err) {
        return Promise.reject(
          err instanceof LabError ? err : new LabError('internal', LabError.toData(err).message),
        );
      }
    },

    cancelDemo: (runId) => demos.cancel(runId),

    async runDemoPython(id, signal) {
      if (closed) throw new LabError('busy', 'the lab is shutting down');
      if (!isDemoId(id))
        throw LabError.invalid([
          { field: 'id', message: `unknown demo '${id.slice(0, 100)}' (known: ${DEMO_IDS.join(', ')})` },
        ]);
      if (isRunning())
        throw new LabError(
          'busy',
          `an experiment is running (${current?.runId}); the Python would spoil its measurements`,
        );
      snippet?.abort.abort();
      const abort = new AbortController();
      const run = discover().then((d) =>
        runDemoSnippet(id, d, signal ? AbortSignal.any([abort.signal, signal]) : abort.signal),
      );
      const me = { id, abort, done: run.catch(() => undefined) };
      snippet = me;
      try {
        return await run;
      } finally {
        if (snippet === me) snippet = null;
      }
    },

    async stopDemoPython(id) {
      const mine = snippet;
      // Only this demo's: a page left behind must not stop the snippet a newer page started.
      if (mine?.id !== id) return;
      mine.abort.abort();
      await mine.done;
    },

    listHistory: () => library.list(),
    getReport: (id) => library.get(id),
    deleteReport: (id) => library.delete(id),
    importReport: (text, fileName) => library.import(text, fileName),
    exportReport: (id, format, signal) => library.export(id, format, signal),

    onEvent(listener: (event: LabEvent) => void): Unsubscribe {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },

    async close(): Promise<void> {
      closed = true;
      const run = current;
      if (run) run.abort.abort();
      snippet?.abort.abort();
      closing.abort();
      await Promise.all([run?.done, demos.close(), snippet?.done, ...background]);
      await library.settled();
      // After the history is written, so the reports this lab saved keep the files they ran.
      if (userStore) {
        await userStore.sweep({ hasRun, keepHeld: false });
        // A temporary store holds nothing a report refers to: the folder goes with the lab.
        if (options.historyDir === undefined) await rm(userStore.dir, { recursive: true, force: true });
      }
      listeners.clear();
    },
  };
}
