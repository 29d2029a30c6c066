/** thread-vs-process: who has which PID, the shared write, spawn costs. */
import type { ThreadVsProcessDetails } from '../../../electron/common/demos';
import { fractionOf } from './scale';

export interface ExecRow {
  readonly who: string;
  readonly pid: number;
  readonly threadId: number;
  readonly samePidAsMain: boolean;
}

export interface ThreadVsProcessView {
  readonly ids: readonly ExecRow[];
  readonly spawns: readonly {
    readonly kind: 'thread' | 'process';
    readonly runsMs: readonly number[];
    readonly medianMs: number;
    readonly fraction: number;
  }[];
  /** process spawn median / thread spawn median */
  readonly processVsThread: number;
  readonly sharedWrite: ThreadVsProcessDetails['sharedWrite'];
}

export function threadVsProcessView(d: ThreadVsProcessDetails): ThreadVsProcessView {
  const row = (who: string, id: { pid: number; threadId: number }): ExecRow => ({
    who,
    pid: id.pid,
    threadId: id.threadId,
    samePidAsMain: id.pid === d.main.pid,
  });
  const slowest = Math.max(d.spawnMedianMs.thread, d.spawnMedianMs.process, 0);
  return {
    ids: [row('main program', d.main), row('thread', d.thread), row('child process', d.process)],
    spawns: (['thread', 'process'] as const).map((kind) => ({
      kind,
      runsMs: d.spawnMs[kind],
      medianMs: d.spawnMedianMs[kind],
      fraction: fractionOf(d.spawnMedianMs[kind], slowest),
    })),
    processVsThread: d.spawnMedianMs.thread > 0 ? d.spawnMedianMs.process / d.spawnMedianMs.thread : 0,
    sharedWrite: d.sharedWrite,
  };
}
