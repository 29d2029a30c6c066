/**
 * semaphore: the most workers ever inside against the K permits (by the shared counter and by the lanes),
 * how many were inside at each moment (a step chart with K drawn across it), and how long each one waited.
 */
import type { Lane, SemaphoreDetails } from '../../../../electron/common/demos';
import { niceTicks } from '../../../charts/ticks';
import { semaphoreView } from '../../../state/demo-views';
import { formatMs } from '../../../../electron/common/format';
import { Bars } from '../Bars';

const W = 1000;
const H = 200;

export function SemaphoreView({ details, lanes }: { details: SemaphoreDetails; lanes: readonly Lane[] }) {
  const v = semaphoreView(details, lanes);
  const endMs = Math.max(1, ...lanes.flatMap((l) => l.spans.map((s) => s.endMs)));
  const top = Math.max(v.limit, v.maxInsideLanes) + 1;
  const x = (ms: number) => (ms / endMs) * W;
  const y = (n: number) => H - (n / top) * H;
  const path = v.occupancy
    .map((p, i) => {
      const prev = v.occupancy[i - 1];
      return `${i === 0 ? 'M' : `L ${x(p.atMs)} ${y(prev?.inside ?? 0)} L`} ${x(p.atMs)} ${y(p.inside)}`;
    })
    .join(' ');
  const ticks = niceTicks(endMs);
  return (
    <div className="demo-view" data-testid="view-semaphore">
      <p className="demo-bignums">
        <span>
          At most <strong data-testid="semaphore-max">{v.maxInside}</strong> inside at once
        </span>
        <span>
          permits <strong data-testid="semaphore-limit">K = {v.limit}</strong>
        </span>
        <span className={v.withinLimit ? 'demo-good' : 'bad'} data-testid="semaphore-verdict">
          {v.withinLimit ? `✓ never more than K (${v.workers} workers)` : '✗ more than K were inside'}
        </span>
      </p>
      <figure className="demo-occupancy">
        <svg
          viewBox={`0 0 ${W} ${H}`}
          preserveAspectRatio="none"
          role="img"
          aria-label={`Workers inside the section over time: at most ${v.maxInsideLanes} by the lanes, K is ${v.limit}`}
          className="demo-occupancy-svg"
        >
          {Array.from({ length: top + 1 }, (_, n) => (
            <line key={n} x1="0" x2={W} y1={y(n)} y2={y(n)} className="demo-gridline" />
          ))}
          <path d={`${path} L ${W} ${y(v.occupancy.at(-1)?.inside ?? 0)}`} className="demo-occupancy-line" />
          <line x1="0" x2={W} y1={y(v.limit)} y2={y(v.limit)} className="demo-limit-line" />
        </svg>
        <div className="demo-occupancy-y" aria-hidden="true">
          {Array.from({ length: top + 1 }, (_, n) => (
            <span key={n} style={{ bottom: `${(n / top) * 100}%` }}>
              {n === v.limit ? `K = ${n}` : n}
            </span>
          ))}
        </div>
        <div className="axis demo-occupancy-x" aria-hidden="true">
          {ticks.map((t) => (
            <span key={t} className="tick" style={{ left: `${(t / endMs) * 100}%` }}>
              {t}
            </span>
          ))}
        </div>
        <figcaption className="chart-caption">
          Workers inside the guarded section, from the lanes (ms since the start); the dashed line is K. Each
          of {v.workers} workers went in {details.rounds} times for {formatMs(details.sectionMs)}.
        </figcaption>
      </figure>
      <h4>How long each worker waited for a permit</h4>
      <Bars
        testId="semaphore-waits"
        label="Time each worker spent waiting for a permit"
        rows={v.waits.map((w) => ({
          key: String(w.worker),
          label: `worker ${w.worker}`,
          fraction: w.fraction,
          tone: 'muted',
          value: formatMs(w.ms),
        }))}
      />
    </div>
  );
}
