/**
 * The view of every demo's details, by demo id. A Record over DemoId, so a demo without a view, or a view
 * drawing another demo's details, does not compile.
 */
import type { ComponentType } from 'react';
import type { DemoDetailsOf, DemoId, Lane } from '../../../../electron/common/demos';
import { BarrierView } from './BarrierView';
import { ConvoyView } from './ConvoyView';
import { CounterView } from './CounterView';
import { DaemonView } from './DaemonView';
import { DeadlockView } from './DeadlockView';
import { EventView } from './EventView';
import { LifecycleView } from './LifecycleView';
import { NativeGilView } from './NativeGilView';
import { PoolsView } from './PoolsView';
import { QueueView } from './QueueView';
import { SemaphoreView } from './SemaphoreView';
import { TcpServerView } from './TcpServerView';
import { ThreadVsProcessView } from './ThreadVsProcessView';

export interface DemoViewProps<K extends DemoId> {
  readonly details: DemoDetailsOf<K>;
  /** the outcome's lanes, for a view that counts from them (semaphore) */
  readonly lanes: readonly Lane[];
}

export type DemoViews = { readonly [K in DemoId]: ComponentType<DemoViewProps<K>> };

export const DEMO_VIEWS: DemoViews = {
  'thread-vs-process': ThreadVsProcessView,
  lifecycle: LifecycleView,
  daemon: DaemonView,
  race: CounterView,
  lock: CounterView,
  atomics: CounterView,
  deadlock: DeadlockView,
  semaphore: SemaphoreView,
  event: EventView,
  queue: QueueView,
  barrier: BarrierView,
  pools: PoolsView,
  'tcp-server': TcpServerView,
  convoy: ConvoyView,
  'native-gil': NativeGilView,
};
