/**
 * One colour and one plain-words name per lane state, everywhere a demo draws lanes. Colours are CSS variables
 * (demos.css) so the dark theme can brighten them; states that mean "stuck" also carry stripes, so colour is
 * never the only cue on a washed-out projector.
 */
import type { LaneState } from '../../../electron/common/demos';

export const LANE_STYLE: Readonly<Record<LaneState, { color: string; label: string; striped: boolean }>> = {
  running: { color: 'var(--lane-running)', label: 'Running', striped: false },
  holding: { color: 'var(--lane-holding)', label: 'Holding a lock / the GIL', striped: false },
  'in-section': { color: 'var(--lane-in-section)', label: 'Inside the guarded section', striped: false },
  io: { color: 'var(--lane-io)', label: 'In I/O', striped: false },
  sleeping: { color: 'var(--lane-sleeping)', label: 'Sleeping or timed work', striped: false },
  waiting: { color: 'var(--lane-waiting)', label: 'Waiting', striped: true },
  blocked: { color: 'var(--lane-blocked)', label: 'Blocked on a lock', striped: true },
};
