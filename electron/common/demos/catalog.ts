/**
 * Every demo, in the order a lesson would take them: the one list in electron/common a new demo is added to
 * (an import, a line in DEMOS and its types re-exported). DemoId and the DemoDetails union are derived from
 * the definitions; the engine's modules and the renderer's views are Records over DemoId, so a demo missing
 * from either does not compile.
 */
import { atomicsDemo } from './atomics';
import { barrierDemo } from './barrier';
import { convoyDemo } from './convoy';
import { daemonDemo } from './daemon';
import { deadlockDemo } from './deadlock';
import type { DemoDefinition, DetailsOfDefinition } from './definition';
import { eventDemo } from './event';
import { lifecycleDemo } from './lifecycle';
import { lockDemo } from './lock';
import { nativeGilDemo } from './native-gil';
import { poolsDemo } from './pools';
import { queueDemo } from './queue';
import { raceDemo } from './race';
import { semaphoreDemo } from './semaphore';
import { tcpServerDemo } from './tcp-server';
import { threadVsProcessDemo } from './thread-vs-process';

// What each demo's details are made of, for the views that draw them.
export type * from './counter';
export type { ThreadVsProcessDetails } from './thread-vs-process';
export type { LifecycleThreadInfo, LifecycleDetails } from './lifecycle';
export type { DaemonRun, DaemonDetails } from './daemon';
export type { DeadlockEdge, DeadlockFix, DeadlockDetails } from './deadlock';
export type { SemaphoreDetails } from './semaphore';
export type { EventDetails } from './event';
export type { QueueSide, QueueDetails } from './queue';
export type { BarrierRound, BarrierDetails } from './barrier';
export type { PoolKind, PoolRun, PoolsDetails } from './pools';
export type { ServerModel, ServerRun, TcpServerDetails } from './tcp-server';
export type { ConvoySetting, ConvoyDetails } from './convoy';
export type { NativeGilVariant, NativeGilDetails } from './native-gil';

const DEMOS = [
  threadVsProcessDemo,
  lifecycleDemo,
  daemonDemo,
  raceDemo,
  lockDemo,
  atomicsDemo,
  deadlockDemo,
  semaphoreDemo,
  eventDemo,
  queueDemo,
  barrierDemo,
  poolsDemo,
  tcpServerDemo,
  convoyDemo,
  nativeGilDemo,
] as const;

export type DemoId = (typeof DEMOS)[number]['id'];

/** Catalog entry of a demo: everything a UI shows before running it. */
export type DemoMeta = DemoDefinition<DemoId>;

/** Every demo's catalog entry, in lesson order. */
export const DEMO_CATALOG: readonly DemoMeta[] = DEMOS;

/** Every demo id, in lesson order. */
export const DEMO_IDS: readonly DemoId[] = DEMOS.map((d) => d.id);

export function isDemoId(value: string): value is DemoId {
  return (DEMO_IDS as readonly string[]).includes(value);
}

export function demoMeta(id: DemoId): DemoMeta {
  const meta = DEMO_CATALOG.find((d) => d.id === id);
  if (!meta) throw new Error(`no catalog entry for demo '${id}'`);
  return meta;
}

/**
 * What each demo measured, as a discriminated union on `kind` (the demo id), from the details type each
 * definition declares. Every number here was measured on real threads and processes; times are ms unless a
 * name says otherwise.
 */
export type DemoDetails = DetailsOfDefinition<(typeof DEMOS)[number]>;

/** The details of demo `K` (race, lock and atomics share CounterDetails, whose kind names all three). */
export type DemoDetailsOf<K extends DemoId> = DemoDetails extends infer D
  ? D extends { readonly kind: infer C }
    ? K extends C
      ? D
      : never
    : never
  : never;
