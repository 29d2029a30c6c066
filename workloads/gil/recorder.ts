/**
 * Per-thread lock accounting for the emulated GIL: totals (hold, wait, I/O time, acquisitions, switches,
 * forced drops) and, when asked, the spans themselves for a Beazley-style timeline. Spans are bounded so a
 * long run cannot grow memory without limit; `truncated` says when some were dropped.
 */
import { monoNow } from '../clock';
import type { GilThreadStats, TimelineSpan } from '../../electron/common/report';

export interface RecorderSnapshot {
  readonly stats: GilThreadStats;
  readonly spans: TimelineSpan[];
  readonly truncated: boolean;
}

export class GilRecorder {
  private holdMs = 0;
  private waitMs = 0;
  private ioMs = 0;
  private acquisitions = 0;
  private switches = 0;
  private forcedDrops = 0;
  private heldSince = 0;
  private ioSince = 0;
  private originMs = 0;
  private spans: TimelineSpan[] = [];
  private truncated = false;
  private recordSpans = false;

  constructor(
    private readonly thread: number,
    private readonly maxSpans = 5000,
    readonly now: () => number = monoNow,
  ) {}

  /** Starts a new run: totals to zero, spans measured from `originMs` (a monoNow() value). */
  reset(originMs: number, recordSpans: boolean): void {
    this.holdMs = this.waitMs = this.ioMs = 0;
    this.acquisitions = this.switches = this.forcedDrops = 0;
    this.spans = [];
    this.truncated = false;
    this.originMs = originMs;
    this.recordSpans = recordSpans;
  }

  private span(state: TimelineSpan['state'], start: number, end: number): void {
    if (!this.recordSpans) return;
    if (this.spans.length >= this.maxSpans) {
      this.truncated = true;
      return;
    }
    this.spans.push({
      thread: this.thread,
      state,
      startMs: Math.max(0, start - this.originMs),
      endMs: Math.max(0, end - this.originMs),
    });
  }

  acquired(waitStart: number, switched: boolean): void {
    const t = this.now();
    const waited = t - waitStart;
    this.waitMs += waited;
    // Uncontended takes cost well under a microsecond; a span for them would only be noise.
    if (waited > 0.01) this.span('wait', waitStart, t);
    this.acquisitions++;
    if (switched) this.switches++;
    this.heldSince = t;
  }

  released(forced: boolean): void {
    const t = this.now();
    this.holdMs += t - this.heldSince;
    this.span('hold', this.heldSince, t);
    if (forced) this.forcedDrops++;
  }

  ioStarted(): void {
    this.ioSince = this.now();
  }

  ioEnded(): void {
    const t = this.now();
    this.ioMs += t - this.ioSince;
    this.span('io', this.ioSince, t);
  }

  snapshot(): RecorderSnapshot {
    return {
      stats: {
        thread: this.thread,
        holdMs: this.holdMs,
        waitMs: this.waitMs,
        ioMs: this.ioMs,
        acquisitions: this.acquisitions,
        switches: this.switches,
        forcedDrops: this.forcedDrops,
      },
      spans: this.spans,
      truncated: this.truncated,
    };
  }
}
