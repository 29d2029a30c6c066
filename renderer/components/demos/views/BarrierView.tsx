/** barrier: threads waiting for each other at every phase. */
import type { BarrierDetails } from '../../../../electron/common/demos';
import { fractionOf } from '../../../state/demo-views/scale';
import { formatMs } from '../../../../electron/common/format';
import { Bars } from '../Bars';

export function BarrierView({ details }: { details: BarrierDetails }) {
  const longest = Math.max(0, ...details.rounds.map((r) => r.longestWaitMs));
  return (
    <div className="demo-view" data-testid="view-barrier">
      <Bars
        testId="barrier-rounds"
        label="Per round: the earliest arrival's wait, and how close together all left"
        rows={details.rounds.map((r, i) => ({
          key: String(i),
          label: `round ${i + 1}`,
          fraction: fractionOf(r.longestWaitMs, longest),
          tone: r.releasedEarly ? 'bad' : 'a',
          value: `waited up to ${formatMs(r.longestWaitMs)}; all left within ${formatMs(r.releaseSpreadMs)}`,
        }))}
      />
    </div>
  );
}
