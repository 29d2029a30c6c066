/** View data for the servers, pools, threads-vs-processes and native-GIL demos, shaped from real details. */
import type {
  NativeGilDetails,
  PoolKind,
  PoolsDetails,
  TcpServerDetails,
  ThreadVsProcessDetails,
} from '../../electron/common/demos';
import { fractionOf } from './demo-views';

export const POOL_NAMES: Readonly<Record<PoolKind, string>> = {
  threads: 'threads',
  processes: 'processes',
  'gil-threads': 'GIL-bound threads',
};

const SERVER_NAMES: Readonly<Record<TcpServerDetails['servers'][number]['model'], string>> = {
  threads: 'a thread per client',
  processes: 'a process per client',
  'gil-threads': 'a GIL-bound thread per client',
};

export interface ServerView {
  readonly rows: readonly (TcpServerDetails['servers'][number] & {
    readonly name: string;
    readonly rpsFraction: number;
    readonly p50Fraction: number;
    readonly p99Fraction: number;
  })[];
  /** the fastest server by requests per second */
  readonly best: string | null;
}

export function serverView(d: TcpServerDetails): ServerView {
  const maxRps = Math.max(0, ...d.servers.map((s) => s.rps));
  const maxLatency = Math.max(0, ...d.servers.map((s) => s.p99Ms));
  const best = d.servers.reduce<TcpServerDetails['servers'][number] | null>(
    (b, s) => (b === null || s.rps > b.rps ? s : b),
    null,
  );
  return {
    rows: d.servers.map((s) => ({
      ...s,
      name: SERVER_NAMES[s.model],
      rpsFraction: fractionOf(s.rps, maxRps),
      p50Fraction: fractionOf(s.p50Ms, maxLatency),
      p99Fraction: fractionOf(s.p99Ms, maxLatency),
    })),
    best: best ? best.model : null,
  };
}

export interface PoolsView {
  readonly rows: readonly (PoolsDetails['pools'][number] & {
    readonly name: string;
    readonly fraction: number;
    /** completion order differs from submission order */
    readonly reordered: boolean;
  })[];
  readonly slowest: PoolKind | null;
}

export function poolsView(d: PoolsDetails): PoolsView {
  const longest = Math.max(0, ...d.pools.map((p) => p.totalMs));
  const slowest = d.pools.find((p) => p.totalMs === longest);
  return {
    rows: d.pools.map((p) => ({
      ...p,
      name: POOL_NAMES[p.pool],
      fraction: fractionOf(p.totalMs, longest),
      reordered: p.completionOrder.some((id, i) => id !== p.mapOrder[i]),
    })),
    slowest: slowest ? slowest.pool : null,
  };
}

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

export interface NativeGilView {
  readonly rows: readonly (NativeGilDetails['variants'][number] & {
    readonly oneFraction: number;
    readonly twoFraction: number;
  })[];
}

export function nativeGilView(d: NativeGilDetails): NativeGilView {
  return {
    rows: d.variants.map((v) => {
      const longest = Math.max(v.oneThreadMs, v.twoThreadsMs);
      return {
        ...v,
        oneFraction: fractionOf(v.oneThreadMs, longest),
        twoFraction: fractionOf(v.twoThreadsMs, longest),
      };
    }),
  };
}
