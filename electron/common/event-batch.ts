/**
 * Engine events handed on in batches: the one batching implementation, used by both transports (the
 * WebSocket bridge, electron/lab/serve/ws-bridge.ts, and the desktop IPC, electron/main/ipc.ts) and by the
 * page's live views (renderer/hooks). Events that may wait (a progress tick, a CPU sample, a partial result,
 * a demo's step) are held for at most `intervalMs` and then delivered together; an event that may not wait
 * (a run starting or ending) is delivered at once, together with everything held before it, so the order is
 * always kept. Every message and every render skipped is CPU left to the workers being measured. Pure
 * (timers only), so it is tested in plain Node.
 */
import type { LabEvent } from './api';

export interface EventBatcher<E> {
  push(event: E): void;
  /** Delivers what is held now (before a reply, so the reply cannot overtake it). */
  flush(): void;
  /** Drops what is held and stops the timer, and goes on taking events: the page it was for has gone. */
  drop(): void;
  /** Drops what is held and stops the timer for good: the listener is going away. */
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

  const stopTimer = (): void => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
  const flush = (): void => {
    stopTimer();
    if (held.length === 0) return;
    const events = held;
    held = [];
    deliver(events);
  };
  const drop = (): void => {
    stopTimer();
    held = [];
  };

  return {
    push(event) {
      if (closed) return;
      held.push(event);
      if (!mayWait(event)) flush();
      else timer ??= setTimeout(flush, intervalMs);
    },
    flush,
    drop,
    close() {
      closed = true;
      drop();
    },
  };
}

/**
 * How long a transport gathers a live run's frequent events before sending them: the full headline sends a
 * few dozen a second, and once a second is as often as the progress bar and the live CPU chart change anyway.
 * The page draws each delivery as it comes (renderer/hooks/useExperiment.ts): it renders once a batch.
 */
export const LIVE_BATCH_MS = 1000;

/** The events a live run streams several times a second; any other one is sent (or drawn) at once. */
const LIVE_FREQUENT = new Set<LabEvent['type']>(['progress', 'cpu-sample', 'result']);
export const isFrequentLiveEvent = (event: LabEvent): boolean => LIVE_FREQUENT.has(event.type);

/**
 * What a transport pushes to a page: one event, or several in the order they happened. The same shape goes
 * over the WebSocket (inside ServerMessage) and over Electron IPC (LAB_EVENT_CHANNEL).
 */
export type LabEventMessage = { readonly event: LabEvent } | { readonly events: readonly LabEvent[] };

/**
 * A transport's side of batching: events go through `send` at most once per LIVE_BATCH_MS while a run
 * streams, and every other event goes at once with what was held before it, in one message.
 */
export function createLabEventSender(send: (message: LabEventMessage) => void): EventBatcher<LabEvent> {
  return createEventBatcher<LabEvent>(
    (events) => send(events.length === 1 && events[0] ? { event: events[0] } : { events }),
    LIVE_BATCH_MS,
    isFrequentLiveEvent,
  );
}

/**
 * The events a pushed message carries, in order; anything that is not an event (no string `type`) is left
 * out, since the page must not trip over a malformed message. Undefined when `message` is no event message
 * at all (e.g. a WebSocket reply).
 */
export function labEventsIn(message: unknown): LabEvent[] | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  let carried: unknown[];
  if ('event' in message) carried = [message.event];
  else if ('events' in message) carried = Array.isArray(message.events) ? (message.events as unknown[]) : [];
  else return undefined;
  return carried.filter(
    (e): e is LabEvent => typeof e === 'object' && e !== null && 'type' in e && typeof e.type === 'string',
  );
}
