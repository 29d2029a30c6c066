/**
 * A worker's own lane: it reports each change of state as it happens (so a UI can draw the lane live) and
 * stops reporting after a fixed number, so a busy loop cannot flood the host.
 */
import type { LaneState } from '../../electron/common/demos';
import { monoNow } from './clock';
import type { FromWorker, RawSpan } from './protocol';

const MAX_STATES = 600;

export class LaneLog {
  private sent = 0;
  private current: LaneState | null = null;
  private currentLabel: string | undefined;

  constructor(private readonly post: (m: FromWorker) => void) {}

  /** Enters `state` now; returns the time stamp used, so callers can reuse it. */
  state(state: LaneState | null, label?: string): number {
    const at = monoNow();
    if (state === this.current && label === this.currentLabel) return at;
    this.current = state;
    this.currentLabel = label;
    // The end of a lane is always worth sending: without it the last span would stay open.
    if (this.sent >= MAX_STATES && state !== null) return at;
    this.sent++;
    this.post({ type: 'state', state, at, ...(label ? { label } : {}) });
    return at;
  }

  /** Spans recorded elsewhere (a lock recorder), delivered in one message. */
  spans(spans: readonly RawSpan[]): void {
    if (spans.length) this.post({ type: 'spans', spans });
  }
}
