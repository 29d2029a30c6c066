/**
 * What the engine allows any one client, whatever that client is (the desktop window, a browser tab, a
 * script on the WebSocket): the numbers in one place, so a reader can see the whole budget at once.
 */
import os from 'node:os';
import type { ExperimentConfig, Model } from '../../common/config';
import { LabError } from '../../common/errors';

/** WebSocket connections that may drive the lab: a teacher's few tabs. */
export const MAX_CONTROL_CONNECTIONS = 8;
/** Watch-only WebSocket connections (`serve --public`): a lecture hall. Kept apart so watchers cannot crowd out the teacher. */
export const MAX_WATCH_CONNECTIONS = 200;
/** TCP sockets the HTTP server keeps open at once (page loads, WebSockets and half-open ones together). */
export const MAX_HTTP_SOCKETS = 1024;
/** Requests of one client the engine works on at once; more are answered 'busy' at once. */
export const MAX_IN_FLIGHT_PER_CLIENT = 8;
/** Past this many unsent bytes, a client that does not read gets no more events it can afford to miss. */
export const DROP_EVENTS_AFTER_BYTES = 4 * 2 ** 20;
/**
 * Past this many unsent bytes (the client is not reading), the client is cut off rather than buffered for:
 * each client then holds at most this plus one message.
 */
export const MAX_BUFFERED_BYTES_PER_CLIENT = 8 * 2 ** 20;
/** Frame limit of a watch-only client: its requests are a few hundred bytes; anything near this is abuse. */
export const MAX_WATCH_MESSAGE_BYTES = 2 ** 20;
/** PDF/PNG exports waiting or rendering, over all clients: each one starts a browser engine. */
export const MAX_RENDER_QUEUE = 4;
/** Random bytes in a browser-mode key: 256 bits, twice what guessing would need to be hopeless. */
export const KEY_BYTES = 32;

/** Models whose pool holds one worker, whatever the worker count (the async tasks share one thread). */
const ONE_WORKER: ReadonlySet<Model> = new Set<Model>(['sequential', 'async', 'py-sequential', 'py-asyncio']);

/**
 * The heap an experiment may claim at once: its largest pool times the heap limit of each worker, refused
 * when it is more than the machine's memory (a run would swap the machine to a halt long before it ended).
 */
export function checkMemoryBudget(config: ExperimentConfig, totalBytes: number = os.totalmem()): void {
  const pooled = config.models.some((m) => !ONE_WORKER.has(m));
  const workers = pooled ? Math.max(...config.workers) : 1;
  const claimBytes = workers * config.memoryLimitMb * 2 ** 20;
  if (claimBytes <= totalBytes) return;
  const totalMiB = Math.floor(totalBytes / 2 ** 20);
  throw LabError.invalid([
    {
      field: 'workers',
      message:
        `${workers} workers x ${config.memoryLimitMb} MiB heap each = ${workers * config.memoryLimitMb} MiB, ` +
        `more than this machine's ${totalMiB} MiB of memory`,
    },
    {
      field: 'memoryLimitMb',
      message: `must be at most ${Math.floor(totalMiB / workers)} for ${workers} workers, or use fewer workers`,
    },
  ]);
}
