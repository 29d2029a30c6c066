/**
 * Engine events handed on in batches. Events that may wait (a progress tick, a CPU sample, a partial result,
 * a demo's step) are held for at most `intervalMs` and then delivered together, so the page re-renders once
 * per interval rather than once per event; an event that may not wait (a run starting or ending) is
 * delivered at once, together with everything held before it, so the order is always kept. Every render the
 * page skips is CPU left to the workers being measured. Pure (timers only), so it is tested in plain Node.
 */

export interface EventBatcher<E> {
  push(event: E): void;
  /** Delivers what is held now. */
  flush(): void;
  /** Drops what is held and stops the timer: the page is going away. */
  close(): void;
}

export function createEventBatcher<E>(
  deliver: (events: readonly E[]) => void,
  intervalMs: number,
  mayWait: (event: E) => boolean,
): EventBatcher<E> {
  if (!(intervalMs >= 0) || !Number.isFinite(intervalMs))
    throw new RangeError(`intervalMs must be a finite number of milliseconds >= 0, got ${intervalMs}`);
  let held: E[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  let closed = false;

  const flush = (): void => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (held.length === 0) return;
    const events = held;
    held = [];
    deliver(events);
  };

  return {
    push(event) {
      if (closed) return;
      held.push(event);
      if (!mayWait(event)) flush();
      else timer ??= setTimeout(flush, intervalMs);
    },
    flush,
    close() {
      closed = true;
      if (timer !== null) clearTimeout(timer);
      timer = null;
      held = [];
    },
  };
}
