/** One timeline lane's strip and the ms axis under the lanes: shared by the emulated GIL's and CPython's lanes. */
import type { ReactNode } from 'react';
import { niceTicks } from '../../charts/timeline';

/** The viewBox width lanes draw in; x = ms / windowMs * LANE_WIDTH. */
export const LANE_WIDTH = 1000;

export function LaneStrip({ children }: { children: ReactNode }) {
  return (
    <svg
      className="lane-svg"
      viewBox={`0 0 ${LANE_WIDTH} 10`}
      preserveAspectRatio="none"
      aria-hidden="true"
      focusable="false"
    >
      <rect x="0" y="0" width={LANE_WIDTH} height="10" fill="var(--lane-bg)" />
      {children}
    </svg>
  );
}

export function LaneAxis({ windowMs }: { windowMs: number }) {
  return (
    <div className="lane lane-axis" aria-hidden="true">
      <span className="lane-label">ms</span>
      <div className="axis">
        {niceTicks(windowMs).map((t) => (
          <span key={t} className="tick" style={{ left: `${(t / windowMs) * 100}%` }}>
            {t}
          </span>
        ))}
      </div>
    </div>
  );
}
