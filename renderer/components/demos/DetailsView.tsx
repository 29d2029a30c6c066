/** The per-demo view of an outcome's details, chosen by their kind. */
import { memo } from 'react';
import type { DemoOutcome } from '../../../electron/common/demos';
import { ConvoyView } from './views/ConvoyView';
import { CounterView } from './views/CounterView';
import { DeadlockView } from './views/DeadlockView';
import {
  BarrierView,
  DaemonView,
  EventView,
  LifecycleView,
  NativeGilView,
  QueueView,
} from './views/MoreViews';
import { SemaphoreView } from './views/SemaphoreView';
import { PoolsView, ServerView, ThreadVsProcessView } from './views/SystemViews';

function View({ outcome }: { outcome: DemoOutcome }) {
  const d = outcome.details;
  switch (d.kind) {
    case 'race':
    case 'lock':
    case 'atomics':
      return <CounterView details={d} />;
    case 'deadlock':
      return <DeadlockView details={d} />;
    case 'semaphore':
      return <SemaphoreView details={d} lanes={outcome.lanes} />;
    case 'convoy':
      return <ConvoyView details={d} />;
    case 'tcp-server':
      return <ServerView details={d} />;
    case 'pools':
      return <PoolsView details={d} />;
    case 'thread-vs-process':
      return <ThreadVsProcessView details={d} />;
    case 'lifecycle':
      return <LifecycleView details={d} />;
    case 'daemon':
      return <DaemonView details={d} />;
    case 'event':
      return <EventView details={d} />;
    case 'queue':
      return <QueueView details={d} />;
    case 'barrier':
      return <BarrierView details={d} />;
    case 'native-gil':
      return <NativeGilView details={d} />;
  }
}

export const DetailsView = memo(function DetailsView({ outcome }: { outcome: DemoOutcome }) {
  return (
    <section
      className="panel demo-details"
      aria-label="What was measured, in detail"
      data-testid="demo-details"
    >
      <h3 className="demo-step-heading">
        <span className="demo-step">In detail</span> {outcome.title}
      </h3>
      <View outcome={outcome} />
    </section>
  );
});
