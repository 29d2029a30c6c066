/** daemon: how far a daemon worker and a normal one got before the process exited. */
import type { DaemonDetails } from '../../../../electron/common/demos';
import { fractionOf } from '../../../state/demo-views/scale';
import { formatMs } from '../../../../electron/common/format';
import { Bars } from '../Bars';

export function DaemonView({ details }: { details: DaemonDetails }) {
  return (
    <div className="demo-view" data-testid="view-daemon">
      <Bars
        testId="daemon-steps"
        label="Steps the worker finished before the process exited"
        rows={details.runs.map((r) => ({
          key: String(r.daemon),
          label: r.daemon ? 'daemon worker' : 'normal worker',
          fraction: fractionOf(r.stepsDone, r.totalSteps),
          tone: r.stepsDone < r.totalSteps ? 'bad' : 'good',
          value: `${r.stepsDone} of ${r.totalSteps} steps; exit ${formatMs(r.processExitMs - r.mainEndedMs)} after main`,
        }))}
      />
    </div>
  );
}
