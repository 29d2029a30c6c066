/** event: every waiter released by one set(). */
import type { EventDetails } from '../../../../electron/common/demos';
import { fractionOf } from '../../../state/demo-views/scale';
import { formatCount } from '../../../../electron/common/format';
import { Bars } from '../Bars';

export function EventView({ details }: { details: EventDetails }) {
  const slowest = Math.max(0, ...details.latencyUs);
  return (
    <div className="demo-view" data-testid="view-event">
      <p className="demo-bignums">
        <span>
          <strong>{details.released}</strong> of {details.workers} released
        </span>
        <span>
          <strong>{details.passedEarly}</strong> passed the red light
        </span>
      </p>
      <h4>From set() to running again</h4>
      <Bars
        testId="event-latency"
        label="Time from set() to each worker running again"
        rows={details.latencyUs.map((us, i) => ({
          key: String(i),
          label: `worker ${i + 1}`,
          fraction: fractionOf(us, slowest),
          tone: 'good',
          value: `${formatCount(us)} µs`,
        }))}
      />
    </div>
  );
}
