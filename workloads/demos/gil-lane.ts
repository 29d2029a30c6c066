/** Turns the emulated GIL's recorded spans into lane spans: holding the lock, waiting for it, or without it. */
import type { LaneState } from '../../electron/common/demos';
import type { RecorderSnapshot } from '../gil/recorder';
import type { RawSpan } from '../protocol';

/** The recorder measures spans from the origin it was reset with; `originMono` is that origin. */
export function gilSpans(
  snapshot: RecorderSnapshot,
  originMono: number,
  outside: LaneState,
  outsideLabel: string,
): RawSpan[] {
  return snapshot.spans.map((s) => {
    const state: LaneState = s.state === 'hold' ? 'holding' : s.state === 'wait' ? 'waiting' : outside;
    const label =
      s.state === 'hold' ? 'holds the GIL' : s.state === 'wait' ? 'waits for the GIL' : outsideLabel;
    return { state, start: originMono + s.startMs, end: originMono + s.endMs, label };
  });
}
