/** The running experiment: progress, live CPU load, the speedup charts filling in, and a way to stop. */
import { memo, useMemo } from 'react';
import type { WorkloadMeta } from '../../../electron/common/config';
import { useThrottled } from '../../hooks/useThrottled';
import type { ExperimentState } from '../../state/experiment';
import { SpeedupGrid } from '../results/SpeedupGrid';
import { CpuChart } from './CpuChart';
import { ProgressBar } from './ProgressBar';

interface Props {
  readonly state: ExperimentState;
  readonly cores: number;
  readonly catalog: readonly WorkloadMeta[];
  readonly canCancel: boolean;
  readonly onCancel: () => void;
  readonly liveCharts: boolean;
  readonly onToggleLiveCharts: () => void;
}

/**
 * Live charts redraw at most every five seconds, the progress bar once a second. A redraw of the three
 * charts costs Chromium about 0.15 CPU-seconds (recharts recomputes every selector of every chart), all of it
 * taken from the workers being timed: at the earlier pace (2 s, progress 4 Hz) the live view cost 14.4% of
 * one core, at this one 6.6% (`npm run bench`, on a 2-core VM shared with other test suites). Hence the slow
 * pace, and the switch to turn them off.
 */
const REDRAW_MS = 5000;
const PROGRESS_MS = 1000;

const LiveCpu = memo(CpuChart);
const LiveSpeedups = memo(SpeedupGrid);
const NO_FITS: never[] = [];

export function LivePanel({
  state,
  cores,
  catalog,
  canCancel,
  onCancel,
  liveCharts,
  onToggleLiveCharts,
}: Props) {
  const titles = useMemo(() => Object.fromEntries(catalog.map((w) => [w.name, w.title])), [catalog]);
  const progress = useThrottled(state.progress, PROGRESS_MS);
  // With live charts off the charts keep their last data and are hidden, so they never redraw.
  const samples = useThrottled(state.samples, liveCharts ? REDRAW_MS : Infinity);
  const results = useThrottled(state.results, liveCharts ? REDRAW_MS : Infinity);
  // Chart every workload of the run from the start, in the order it was configured. A user's own file is in
  // no catalog: its chart appears with its first result, which says its kind.
  const config = state.config;
  const workloads = useMemo(
    () =>
      (config?.workloads ?? []).flatMap((w) => {
        const kind =
          catalog.find((m) => m.name === w.name)?.kind ?? results.find((r) => r.workload === w.name)?.kind;
        return kind ? [{ name: w.name, kind }] : [];
      }),
    [config, catalog, results],
  );
  return (
    <section className="panel live" aria-labelledby="live-heading" data-testid="live-panel">
      <div className="panel-head">
        <h2 id="live-heading">Running: {state.config?.label || 'experiment'}</h2>
        <label className="toggle push-right">
          <input
            type="checkbox"
            checked={liveCharts}
            onChange={onToggleLiveCharts}
            data-testid="toggle-live-charts"
          />
          Live charts
        </label>
        {canCancel ? (
          <button
            type="button"
            className="button button-danger"
            onClick={onCancel}
            disabled={state.cancelling}
            data-testid="cancel"
          >
            {state.cancelling ? 'Stopping…' : 'Cancel'}
          </button>
        ) : null}
      </div>
      <ProgressBar progress={progress} />
      {liveCharts ? null : (
        <p className="note">
          Live charts are off, leaving every core to the experiment. The results appear when it finishes.
        </p>
      )}
      <div className="live-grid" hidden={!liveCharts}>
        <LiveCpu samples={samples} cores={cores} />
        <LiveSpeedups
          results={results}
          fits={NO_FITS}
          cores={cores}
          titles={titles}
          showFit={false}
          workloads={workloads.length ? workloads : undefined}
          live
        />
      </div>
    </section>
  );
}
