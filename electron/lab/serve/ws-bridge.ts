/**
 * LabApi over a WebSocket, server side. Requests are `{id, method, args}` and get exactly one LabReply
 * (`{id, ok: true, value}` or `{id, ok: false, error}`) back; engine events are pushed as `{event}`, or
 * `{events}` when a live run's frequent ones were gathered (electron/common/event-batch.ts). Methods,
 * their argument checks and which of them watchers may not call all come from the method table
 * (electron/common/api.ts).
 * Every message is checked (size, JSON, shape, method) before anything runs, and a bad one is answered
 * with an error rather than dropping the connection, so one buggy client cannot take the lab down. Whoever
 * the client is, it gets a budget (electron/lab/api/budgets.ts): a cap on connections, on requests in
 * flight, and on the bytes held for it when it does not read, past which it is cut off.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { z } from 'zod';
import {
  errorReply,
  isControlCall,
  isLabMethod,
  LAB_METHODS,
  MAX_REQUEST_BYTES,
  replyTo,
  type ClientLabApi,
  type LabEvent,
  type LabInfo,
  type LabReply,
} from '../../common/api';
import { LabError } from '../../common/errors';
import { createLabEventSender, type LabEventMessage } from '../../common/event-batch';
import { LAB_SOCKET_PATH, LAB_SUBPROTOCOL } from '../../common/lab-socket';
import {
  DROP_EVENTS_AFTER_BYTES,
  MAX_BUFFERED_BYTES_PER_CLIENT,
  MAX_CONTROL_CONNECTIONS,
  MAX_IN_FLIGHT_PER_CLIENT,
  MAX_WATCH_CONNECTIONS,
  MAX_WATCH_MESSAGE_BYTES,
} from '../api/budgets';

const HEARTBEAT_MS = 30_000;
/** How long a client cut off for not reading gets to take the close frame before its socket is destroyed. */
const CUT_OFF_GRACE_MS = 2_000;
/** Close code for a client cut off by its budget (1008: policy violation). */
export const CLOSE_OVER_BUDGET = 1008;

/** A first bound on the shape; the table's schemas then hold each method to its exact argument list. */
const MAX_ARGS = 4;

const RequestSchema = z.strictObject({
  id: z
    .number({ error: 'must be a number' })
    .int({ error: 'must be a whole number' })
    .nonnegative()
    .max(2 ** 53 - 1),
  method: z.string({ error: 'must be a method name' }).refine(isLabMethod, {
    error: `must be one of ${LAB_METHODS.join(', ')}`,
  }),
  args: z.array(z.unknown(), { error: 'must be a list' }).max(MAX_ARGS, { error: 'has too many arguments' }),
});

/** What the server sends. */
export type ServerMessage =
  | (LabReply & { readonly id: number | null })
  /** one event, or several in the order they happened (electron/common/event-batch.ts) */
  | LabEventMessage;

/** Whether a connection may open, and as what; decided from the upgrade request alone. */
export type Admission = { readonly readOnly: boolean } | { readonly refuse: 401 | 403 };

export interface LabBridgeOptions {
  /** the engine; the bridge never closes it */
  readonly service: ClientLabApi;
  /** URL path of the socket */
  readonly path?: string;
  /** frame limit for clients that may write (default MAX_REQUEST_BYTES) */
  readonly maxPayloadBytes?: number;
  /** frame limit for watch-only clients (default MAX_WATCH_MESSAGE_BYTES) */
  readonly maxReadOnlyPayloadBytes?: number;
  /**
   * May this connection open, and may it only watch? (Host, Origin and key checks in `serve`.) Without it,
   * every connection opens with control: for tests and embedders that check elsewhere.
   */
  readonly admit?: (req: IncomingMessage) => Admission;
  /** the budgets; defaults from electron/lab/api/budgets.ts */
  readonly maxControlConnections?: number;
  readonly maxWatchConnections?: number;
  readonly maxInFlightPerClient?: number;
  readonly maxBufferedBytesPerClient?: number;
}

export interface LabBridge {
  /** Give it the http server's 'upgrade' events. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  readonly clientCount: number;
  /** Bytes sent to clients but not yet taken by them, over all clients. */
  readonly bufferedBytes: number;
  /** Closes every connection (the service is left alone). */
  close(): Promise<void>;
}

/** Events a lagging client can lose without losing the story (the next one supersedes them). */
const DROPPABLE = new Set<LabEvent['type']>(['progress', 'cpu-sample']);

export function createLabBridge(options: LabBridgeOptions): LabBridge {
  const { service } = options;
  const socketPath = options.path ?? LAB_SOCKET_PATH;
  const maxInFlight = options.maxInFlightPerClient ?? MAX_IN_FLIGHT_PER_CLIENT;
  const maxBufferedBytes = options.maxBufferedBytesPerClient ?? MAX_BUFFERED_BYTES_PER_CLIENT;
  // Two servers for their frame limits (a watcher cannot make the lab buffer 100 MiB) and their caps.
  // The server answers with the lab's subprotocol when offered, never with the one carrying the key.
  const server = (maxPayload: number) =>
    new WebSocketServer({
      noServer: true,
      maxPayload,
      perMessageDeflate: false,
      handleProtocols: (offered) => (offered.has(LAB_SUBPROTOCOL) ? LAB_SUBPROTOCOL : false),
    });
  const writers = server(options.maxPayloadBytes ?? MAX_REQUEST_BYTES);
  const watchers = server(options.maxReadOnlyPayloadBytes ?? MAX_WATCH_MESSAGE_BYTES);
  const capOf = (readOnly: boolean) =>
    readOnly
      ? (options.maxWatchConnections ?? MAX_WATCH_CONNECTIONS)
      : (options.maxControlConnections ?? MAX_CONTROL_CONNECTIONS);
  const clients = () => [...writers.clients, ...watchers.clients];

  const refuse = (socket: Duplex, status: number, text: string): void => {
    socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  };

  const serveClient = (ws: WebSocket, readOnly: boolean): void => {
    let alive = true;
    let inFlight = 0;
    // Aborted when the client leaves: its exports still waiting for their turn are dropped.
    const leaving = new AbortController();
    const cutOff = (reason: string): void => {
      ws.close(CLOSE_OVER_BUDGET, reason);
      // A client that does not read will not read the close frame either; its buffers go with the socket.
      setTimeout(() => ws.terminate(), CUT_OFF_GRACE_MS).unref();
    };
    const send = (message: ServerMessage): void => {
      if (ws.readyState !== ws.OPEN) return;
      // Checked before sending, so one large reply (a report) still goes out, but nothing piles up behind it.
      if (ws.bufferedAmount > maxBufferedBytes) {
        cutOff(`too slow: more than ${maxBufferedBytes / 2 ** 20} MiB unread`);
        return;
      }
      ws.send(JSON.stringify(message));
    };
    // A live run's frequent events go at most once a second (the page draws once a second anyway, and
    // every message costs the browser's IPC threads as much as a small one's drawing); any other event, and
    // every reply, first sends what is held, so a client sees things in the order they happened.
    const events = createLabEventSender(send);
    const reply = (id: number | null, err: unknown): void => {
      events.flush();
      send({ id, ...errorReply(err) });
    };
    const unsubscribe = service.onEvent((event) => {
      if (DROPPABLE.has(event.type) && ws.bufferedAmount > DROP_EVENTS_AFTER_BYTES) return;
      events.push(event);
    });
    const heartbeat = setInterval(() => {
      if (!alive) {
        ws.terminate();
        return;
      }
      alive = false;
      ws.ping();
    }, HEARTBEAT_MS);
    heartbeat.unref();
    ws.on('pong', () => {
      alive = true;
    });
    ws.on('close', () => {
      clearInterval(heartbeat);
      events.close();
      unsubscribe();
      leaving.abort();
    });
    // An oversized frame makes ws close with 1009; the error itself needs no handling beyond that.
    ws.on('error', () => undefined);

    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (isBinary) {
        reply(null, new LabError('invalid-config', 'binary messages are not accepted'));
        return;
      }
      let raw: unknown;
      try {
        raw = JSON.parse(rawText(data));
      } catch {
        reply(null, new LabError('invalid-config', 'message is not valid JSON'));
        return;
      }
      const parsed = RequestSchema.safeParse(raw);
      if (!parsed.success) {
        const id = idOf(raw);
        reply(
          id,
          LabError.invalid(
            parsed.error.issues.map((i) => ({
              field: i.path.map(String).join('.') || 'message',
              message: i.message,
            })),
          ),
        );
        return;
      }
      const { id, method, args } = parsed.data;
      if (!isLabMethod(method)) return; // unreachable: the schema refined it
      if (readOnly && isControlCall(method, args)) {
        reply(
          id,
          new LabError(
            'read-only',
            `this connection may watch but not control the lab (${method} refused): runs, demos, PDF/PNG ` +
              'exports and reports are started, cancelled, imported and deleted on the machine running the lab',
          ),
        );
        return;
      }
      if (inFlight >= maxInFlight) {
        reply(
          id,
          new LabError(
            'busy',
            `${inFlight} requests of this connection are still being worked on (at most ${maxInFlight}); ` +
              'wait for their replies before sending more',
          ),
        );
        return;
      }
      inFlight++;
      void replyTo(service, method, args, leaving.signal)
        .then((answer) => {
          events.flush();
          send(
            answer.ok && method === 'getInfo'
              ? { id, ok: true, value: asClientInfo(answer.value as LabInfo, readOnly) }
              : { id, ...answer },
          );
        })
        .finally(() => inFlight--);
    });
  };

  return {
    handleUpgrade(req, socket, head) {
      const url = new URL(req.url ?? '/', 'http://placeholder');
      if (url.pathname !== socketPath) return refuse(socket, 404, 'Not Found');
      const admission = options.admit?.(req) ?? { readOnly: false };
      if ('refuse' in admission)
        return refuse(socket, admission.refuse, admission.refuse === 401 ? 'Unauthorized' : 'Forbidden');
      const { readOnly } = admission;
      const wss = readOnly ? watchers : writers;
      // Upgrades complete synchronously, so the count cannot be raced past the cap.
      if (wss.clients.size >= capOf(readOnly)) return refuse(socket, 503, 'Service Unavailable');
      wss.handleUpgrade(req, socket, head, (ws) => serveClient(ws, readOnly));
    },
    get clientCount() {
      return writers.clients.size + watchers.clients.size;
    },
    get bufferedBytes() {
      return clients().reduce((sum, ws) => sum + ws.bufferedAmount, 0);
    },
    async close() {
      for (const ws of clients()) ws.close(1001, 'server shutting down');
      // Clients that do not answer the close handshake are cut off.
      setTimeout(() => {
        for (const ws of clients()) ws.terminate();
      }, 1000).unref();
      await Promise.all(
        [writers, watchers].map((wss) => new Promise<void>((resolve) => wss.close(() => resolve()))),
      );
    },
  };
}

function asClientInfo(info: LabInfo, readOnly: boolean): LabInfo {
  return { ...info, transport: 'websocket', readOnly };
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}

function idOf(raw: unknown): number | null {
  if (typeof raw !== 'object' || raw === null || !('id' in raw)) return null;
  const { id } = raw;
  return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? id : null;
}
