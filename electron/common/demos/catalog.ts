/**
 * Every demo, in the order a lesson would take them: the one list a new demo is added to. DemoId and the
 * DemoDetails union come from here; the engine's modules and the renderer's views are Records over DemoId, so
 * a demo missing from either does not compile.
 */
import { atomicsDemo } from './atomics';
import { barrierDemo, type BarrierDetails } from './barrier';
import { convoyDemo, type ConvoyDetails } from './convoy';
import type { CounterDetails } from './counter';
import { daemonDemo, type DaemonDetails } from './daemon';
import { deadlockDemo, type DeadlockDetails } from './deadlock';
import type { DemoDefinition } from './definition';
import { eventDemo, type EventDetails } from './event';
import { lifecycleDemo, type LifecycleDetails } from './lifecycle';
import { lockDemo } from './lock';
import { nativeGilDemo, type NativeGilDetails } from './native-gil';
import { poolsDemo, type PoolsDetails } from './pools';
import { queueDemo, type QueueDetails } from './queue';
import { raceDemo } from './race';
import { semaphoreDemo, type SemaphoreDetails } from './semaphore';
import { tcpServerDemo, type TcpServerDetails } from './tcp-server';
import { threadVsProcessDemo, type ThreadVsProcessDetails } from './thread-vs-process';

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
 * What each demo measured, as a discriminated union on `kind` (the demo id). Every number here was measured
 * on real threads and processes; times are ms unless a name says otherwise.
 */
export type DemoDetails =
  | ThreadVsProcessDetails
  | LifecycleDetails
  | DaemonDetails
  | CounterDetails
  | DeadlockDetails
  | SemaphoreDetails
  | EventDetails
  | QueueDetails
  | BarrierDetails
  | PoolsDetails
  | TcpServerDetails
  | ConvoyDetails
  | NativeGilDetails;

/** The details of demo `K` (race, lock and atomics share CounterDetails, whose kind names all three). */
export type DemoDetailsOf<K extends DemoId> = DemoDetails extends infer D
  ? D extends { readonly kind: infer C }
    ? K extends C
      ? D
      : never
    : never
  : never;
