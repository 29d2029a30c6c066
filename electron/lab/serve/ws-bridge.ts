/**
 * LabApi over a WebSocket, server side. Requests are `{id, method, args}` and get exactly one
 * `{id, ok: true, value}` or `{id, ok: false, error}` back; engine events are pushed as `{event}`.
 * Every message is checked (size, JSON, shape, method) before anything runs, and a bad one is answered
 * with an error rather than dropping the connection, so one buggy client cannot take the lab down.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { z } from 'zod';
import { MAX_REQUEST_BYTES, type LabApi, type LabEvent, type LabInfo } from '../../common/api';
import { LabError, type LabErrorData } from '../../common/errors';
import { callLabMethod, isLabMethod, LAB_METHODS, MUTATING_METHODS } from '../api/methods';

/**
 * 1 MiB for a watch-only client: its requests are a few hundred bytes; anything near this is abuse. A client
 * that may write gets MAX_REQUEST_BYTES, room for importReport's text.
 */
export const MAX_MESSAGE_BYTES = 1024 * 1024;
/** Past this much unsent data, a slow client stops getting the events it can afford to miss. */
const BACKLOG_DROP_BYTES = 4 * 1024 * 1024;
const HEARTBEAT_MS = 30_000;

const RequestSchema = z.strictObject({
  id: z
    .number({ error: 'must be a number' })
    .int({ error: 'must be a whole number' })
    .nonnegative()
    .max(2 ** 53 - 1),
  method: z.string({ error: 'must be a method name' }).refine(isLabMethod, {
    error: `must be one of ${LAB_METHODS.join(', ')}`,
  }),
  args: z.array(z.unknown(), { error: 'must be a list' }).max(4, { error: 'has too many arguments' }),
});

/** What the server sends. */
export type ServerMessage =
  | { readonly id: number | null; readonly ok: true; readonly value: unknown }
  | { readonly id: number | null; readonly ok: false; readonly error: LabErrorData }
  | { readonly event: LabEvent };

export interface LabBridgeOptions {
  /** the engine; the bridge never closes it */
  readonly service: LabApi;
  /** URL path of the socket */
  readonly path?: string;
  /** frame limit for clients that may write (default MAX_REQUEST_BYTES) */
  readonly maxPayloadBytes?: number;
  /** frame limit for watch-only clients (default MAX_MESSAGE_BYTES) */
  readonly maxReadOnlyPayloadBytes?: number;
  /** May this connection only watch? (network clients of `serve --public`) */
  readonly isReadOnly?: (req: IncomingMessage) => boolean;
  /** May this connection open at all? (Host and Origin checks) */
  readonly accept?: (req: IncomingMessage) => boolean;
}

export interface LabBridge {
  /** Give it the http server's 'upgrade' events. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  readonly clientCount: number;
  /** Closes every connection (the service is left alone). */
  close(): Promise<void>;
}

/** Events a lagging client can lose without losing the story (the next one supersedes them). */
const DROPPABLE = new Set<LabEvent['type']>(['progress', 'cpu-sample']);

export function createLabBridge(options: LabBridgeOptions): LabBridge {
  const { service } = options;
  const socketPath = options.path ?? '/lab';
  // Two servers only for their frame limits: a watcher cannot make the lab buffer 100 MiB.
  const server = (maxPayload: number) =>
    new WebSocketServer({ noServer: true, maxPayload, perMessageDeflate: false });
  const writers = server(options.maxPayloadBytes ?? MAX_REQUEST_BYTES);
  const watchers = server(options.maxReadOnlyPayloadBytes ?? MAX_MESSAGE_BYTES);
  const clients = () => [...writers.clients, ...watchers.clients];

  const refuse = (socket: Duplex, status: number, text: string): void => {
    socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  };

  const serveClient = (ws: WebSocket, readOnly: boolean): void => {
    let alive = true;
    const send = (message: ServerMessage): void => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
    };
    const reply = (id: number | null, err: unknown): void =>
      send({ id, ok: false, error: LabError.toData(err) });
    const unsubscribe = service.onEvent((event) => {
      if (DROPPABLE.has(event.type) && ws.bufferedAmount > BACKLOG_DROP_BYTES) return;
      send({ event });
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
      unsubscribe();
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
      if (readOnly && MUTATING_METHODS.has(method)) {
        reply(
          id,
          new LabError(
            'read-only',
            `this connection may watch but not change anything (${method} refused): runs, demos and reports ` +
              'are started, cancelled, imported and deleted on the machine running the lab',
          ),
        );
        return;
      }
      callLabMethod(service, method, args).then(
        (value) =>
          send({
            id,
            ok: true,
            value: method === 'getInfo' ? asClientInfo(value as LabInfo, readOnly) : value,
          }),
        (err: unknown) => reply(id, err),
      );
    });
  };

  return {
    handleUpgrade(req, socket, head) {
      const url = new URL(req.url ?? '/', 'http://placeholder');
      if (url.pathname !== socketPath) return refuse(socket, 404, 'Not Found');
      if (options.accept && !options.accept(req)) return refuse(socket, 403, 'Forbidden');
      const readOnly = options.isReadOnly?.(req) ?? false;
      (readOnly ? watchers : writers).handleUpgrade(req, socket, head, (ws) => serveClient(ws, readOnly));
    },
    get clientCount() {
      return writers.clients.size + watchers.clients.size;
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
