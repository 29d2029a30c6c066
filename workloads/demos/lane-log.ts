/**
 * A worker's own lane: it reports each change of state as it happens (so a UI can draw the lane live) and
 * stops reporting after a fixed number, so a busy loop cannot flood the host.
 */
import type { LaneState } from '../../electron/common/demos';
import { monoNow } from '../clock';
import type { RawSpan, WorkerMessage } from '../protocol';

export class LaneLog {
  private sent = 0;
  private stopped = false;
  private current: LaneState | null = null;
  private currentLabel: string | undefined;

  constructor(
    private readonly post: (m: WorkerMessage) => void,
    private maxStates = 240,
  ) {}

  /** Lowers the budget: a lane that changes state per request need not report every one. */
  limit(maxStates: number): void {
    this.maxStates = Math.min(this.maxStates, maxStates);
  }

  /** Enters `state` now; returns the time stamp used, so callers can reuse it. */
  state(state: LaneState | null, label?: string): number {
    const at = monoNow();
    if (state === this.current && label === this.currentLabel) return at;
    this.current = state;
    this.currentLabel = label;
    if (this.stopped) return at;
    if (this.sent >= this.maxStates) {
      // Say so once, so the host ends the open span here instead of stretching it to the lane's end.
      this.stopped = true;
      this.post({ type: 'truncated', at });
      return at;
    }
    this.sent++;
    this.post({ type: 'state', state, at, ...(label ? { label } : {}) });
    return at;
  }

  /** Spans recorded elsewhere (a lock recorder), delivered in one message. */
  spans(spans: readonly RawSpan[]): void {
    if (spans.length) this.post({ type: 'spans', spans });
  }
}
