/**
 * LabApi over a WebSocket, browser side (browser mode, `npm run serve`). The wire format is the one
 * electron/lab/serve/ws-bridge.ts speaks: requests `{id, method, args}`, replies a LabReply with its `id`,
 * pushed `{event}` or `{events}` (electron/common/event-batch.ts); the methods are derived from the method
 * table (electron/common/api.ts). Errors are rebuilt as LabError so the UI can show which field is wrong.
 */
import {
  badArgs,
  labMethodsOver,
  MAX_REQUEST_BYTES,
  type LabApi,
  type LabEvent,
  type LabMethod,
  type Unsubscribe,
} from '../../electron/common/api';
import { LabError } from '../../electron/common/errors';
import { labEventsIn } from '../../electron/common/event-batch';
import { KEY_SUBPROTOCOL_PREFIX, LAB_SUBPROTOCOL } from '../../electron/common/lab-socket';
import { toLabError } from './normalize';

/** The part of the WebSocket API used here, met by the browser's WebSocket and by the `ws` package. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onmessage: ((ev: { readonly data: unknown }) => void) | null;
}
export type SocketConstructor = new (url: string, protocols?: string[]) => SocketLike;

export type ConnectionState = 'open' | 'reconnecting' | 'closed';

export interface ConnectOptions {
  /** the key `serve` printed in its URL; the socket is refused without it */
  readonly key?: string;
  /** defaults to the global WebSocket */
  readonly WebSocketImpl?: SocketConstructor;
  /** reconnect (with back-off) after the connection drops; calls made meanwhile reject */
  readonly reconnect?: boolean;
  /** how long the first connection may take (default 10 s) */
  readonly connectTimeoutMs?: number;
  readonly onStateChange?: (state: ConnectionState) => void;
}

/** A LabApi that can also be hung up. */
export interface LabConnection extends LabApi {
  /** Closes the socket for good; pending calls reject. */
  close(): void;
}

const OPEN = 1;
/** Below this many characters a request cannot reach MAX_REQUEST_BYTES (3 UTF-8 bytes a UTF-16 unit at most). */
const SURELY_SMALL_CHARS = Math.floor(MAX_REQUEST_BYTES / 3);
const MAX_BACKOFF_MS = 5_000;

interface Pending {
  readonly resolve: (value: unknown) => void;
  readonly reject: (err: LabError) => void;
}

export function connectLab(url: string, options: ConnectOptions = {}): Promise<LabConnection> {
  const Impl = options.WebSocketImpl ?? (globalThis.WebSocket as unknown as SocketConstructor | undefined);
  if (!Impl) return Promise.reject(new LabError('internal', 'this environment has no WebSocket'));
  const listeners = new Set<(event: LabEvent) => void>();
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let socket: SocketLike | null = null;
  let hungUp = false;
  let backoffMs = 250;

  const dropPending = (why: string): void => {
    for (const p of pending.values()) p.reject(new LabError('internal', why));
    pending.clear();
  };

  const onMessage = (data: unknown): void => {
    let message: unknown;
    try {
      message = JSON.parse(String(data));
    } catch {
      return;
    }
    if (typeof message !== 'object' || message === null) return;
    const events = labEventsIn(message);
    if (events) {
      for (const event of events) for (const listener of [...listeners]) listener(event);
      return;
    }
    if (!('id' in message) || !('ok' in message) || typeof message.id !== 'number') return;
    const call = pending.get(message.id);
    if (!call) return;
    pending.delete(message.id);
    if (message.ok === true) call.resolve('value' in message ? message.value : undefined);
    else
      call.reject(
        toLabError('error' in message ? message.error : 'the lab answered with an unreadable error'),
      );
  };

  // The key rides in a subprotocol, never in the URL: see electron/common/lab-socket.ts.
  const protocols = [LAB_SUBPROTOCOL, ...(options.key ? [`${KEY_SUBPROTOCOL_PREFIX}${options.key}`] : [])];
  const open = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const ws = new Impl(url, protocols);
      let opened = false;
      ws.onopen = () => {
        opened = true;
        socket = ws;
        backoffMs = 250;
        options.onStateChange?.('open');
        resolve();
      };
      ws.onmessage = (ev) => onMessage(ev.data);
      ws.onerror = () => undefined; // a close event follows and carries the consequences
      ws.onclose = () => {
        if (socket === ws) socket = null;
        if (!opened) {
          // A browser does not say why an upgrade was refused; a missing or old key is the usual cause.
          reject(
            new LabError(
              'internal',
              `cannot connect to the lab at ${url} (it is not running, or refused this page's key: ` +
                'open the link `npm run serve` printed at its last start)',
            ),
          );
          return;
        }
        dropPending('the connection to the lab was lost');
        if (hungUp || !options.reconnect) {
          options.onStateChange?.('closed');
          return;
        }
        options.onStateChange?.('reconnecting');
        scheduleReconnect();
      };
    });

  const scheduleReconnect = (): void => {
    setTimeout(() => {
      if (hungUp) return;
      open().catch(() => {
        backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
        scheduleReconnect();
      });
    }, backoffMs);
  };

  const call = (method: LabMethod, args: readonly unknown[]): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const text = JSON.stringify({ id: nextId, method, args });
      // Past the server's frame limit the server would hang up on us; say why instead (a huge import).
      if (text.length > SURELY_SMALL_CHARS && new TextEncoder().encode(text).length > MAX_REQUEST_BYTES) {
        reject(
          badArgs(method, [
            { field: `${method}(args)`, message: `are over ${MAX_REQUEST_BYTES / 2 ** 20} MiB` },
          ]),
        );
        return;
      }
      const ws = socket;
      if (!ws || ws.readyState !== OPEN) {
        reject(
          new LabError(
            'internal',
            hungUp ? 'the connection was closed' : 'not connected to the lab (reconnecting)',
          ),
        );
        return;
      }
      const id = nextId++;
      pending.set(id, { resolve, reject });
      ws.send(text);
    });

  const api: LabConnection = {
    ...labMethodsOver(call),
    onEvent(listener: (event: LabEvent) => void): Unsubscribe {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    close() {
      hungUp = true;
      dropPending('the connection was closed');
      socket?.close(1000, 'client closed');
      socket = null;
    },
  };

  const timeoutMs = options.connectTimeoutMs ?? 10_000;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      hungUp = true;
      reject(new LabError('internal', `connecting to the lab at ${url} timed out after ${timeoutMs} ms`));
    }, timeoutMs);
    open().then(
      () => {
        clearTimeout(timer);
        if (hungUp) api.close();
        else resolve(api);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}
