/**
 * The browser-mode server: the built renderer as static files plus LabApi over a WebSocket at /lab, on
 * loopback by default. The socket opens only with a key (keys.ts): the control key in `url`, and with
 * `public` a watch key in `networkUrls`. With `public`, it listens on every interface, and network clients
 * may only watch, whichever key they hold. The page itself needs no key: it holds nothing secret.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { KEY_QUERY_PARAM, LAB_SOCKET_PATH } from '../../common/lab-socket';
import { MAX_HTTP_SOCKETS } from '../api/budgets';
import { renderWithChromium } from '../api/chromium-renderer';
import { createLabService, type DocumentRenderer, type LabService } from '../api/lab-service';
import { securityHeaders } from './csp';
import { keyFromProtocols, newKey, sameKey } from './keys';
import { hostProblem, isAllowedHost, isAllowedOrigin, isLoopbackAddress } from './origin';
import { createStaticHandler } from './static';
import { createLabBridge, type Admission } from './ws-bridge';

export const DEFAULT_PORT = 5178;

export interface LabServerOptions {
  /** folder with the built renderer (index.html and assets) */
  readonly rendererDir: string;
  /** default 127.0.0.1, or 0.0.0.0 when `public` */
  readonly host?: string;
  /** default 5178; 0 picks a free port */
  readonly port?: number;
  /** listen for the network too; non-loopback clients get a read-only view */
  readonly public?: boolean;
  /** the control key (default: a fresh random one); a watch key is always made fresh */
  readonly key?: string;
  /** the engine to serve; when left out, one is created and closed with the server */
  readonly service?: LabService;
  /** for the engine created here */
  readonly entriesDir?: string;
  /** for the engine created here: where runs are recorded (none when left out; `serve` passes the default) */
  readonly historyDir?: string;
  /** for the engine created here: PDF/PNG exports (default: the installed Chromium) */
  readonly renderDocument?: DocumentRenderer;
  /** for the engine created here: false answers every quiet check 'quiet' without watching the machine */
  readonly quietCheck?: boolean;
}

export interface LabServer {
  /** the loopback URL of the UI, with the control key */
  readonly url: string;
  /** URLs other machines can use, with the watch key (only with `public`) */
  readonly networkUrls: readonly string[];
  /** the keys the socket accepts: `watch` only with `public` */
  readonly keys: { readonly control: string; readonly watch: string | null };
  readonly port: number;
  readonly service: LabService;
  /** Stops listening, drops the sockets, and (if the server made it) closes the engine, cancelling any run. */
  close(): Promise<void>;
}

export async function startLabServer(options: LabServerOptions): Promise<LabServer> {
  const isPublic = options.public ?? false;
  const host = options.host ?? (isPublic ? '0.0.0.0' : '127.0.0.1');
  const refused = hostProblem(host, isPublic);
  if (refused) throw new Error(refused);
  const keys = { control: options.key ?? newKey(), watch: isPublic ? newKey() : null };
  const ownsService = options.service === undefined;
  const service =
    options.service ??
    createLabService({
      transport: 'websocket',
      renderDocument: options.renderDocument ?? renderWithChromium,
      ...(options.entriesDir ? { entriesDir: options.entriesDir } : {}),
      ...(options.historyDir ? { historyDir: options.historyDir } : {}),
      ...(options.quietCheck !== undefined ? { quietCheck: options.quietCheck } : {}),
    });
  let port = options.port ?? DEFAULT_PORT;
  // Made once the port is known (port 0 picks one), for the CSP; no request arrives before that.
  let serveFile: ReturnType<typeof createStaticHandler> | null = null;

  const hostOk = (req: IncomingMessage) => isAllowedHost(req.headers.host, port);
  const admit = (req: IncomingMessage): Admission => {
    if (!hostOk(req) || !isAllowedOrigin(req.headers.origin, req.headers.host)) return { refuse: 403 };
    const key = keyFromProtocols(req.headers['sec-websocket-protocol']);
    if (key === null) return { refuse: 401 };
    const network = !isLoopbackAddress(req.socket.remoteAddress);
    if (sameKey(key, keys.control)) return { readOnly: network };
    if (keys.watch !== null && sameKey(key, keys.watch)) return { readOnly: true };
    return { refuse: 401 };
  };
  const bridge = createLabBridge({ service, path: LAB_SOCKET_PATH, admit });

  const server = createServer((req, res) => {
    if (!hostOk(req)) {
      res.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('421 Misdirected Request: unexpected Host header\n');
      return;
    }
    void serveFile?.(req, res);
  });
  server.maxConnections = MAX_HTTP_SOCKETS;
  server.on('upgrade', (req, socket, head) => bridge.handleUpgrade(req, socket, head));
  server.on('clientError', (_err, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  serveFile = createStaticHandler(options.rendererDir, securityHeaders(port));
  const shownHost =
    host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const withKey = (key: string) => `?${KEY_QUERY_PARAM}=${key}`;
  const watchKey = keys.watch;

  let closing: Promise<void> | null = null;
  return {
    url: `http://${shownHost}:${port}/${withKey(keys.control)}`,
    networkUrls:
      watchKey === null ? [] : lanAddresses().map((a) => `http://${a}:${port}/${withKey(watchKey)}`),
    keys,
    port,
    service,
    close() {
      closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        await bridge.close();
        server.closeAllConnections();
        await stopped;
        if (ownsService) await service.close();
      })();
      return closing;
    },
  };
}

function lanAddresses(): string[] {
  const out: string[] = [];
  for (const list of Object.values(os.networkInterfaces())) {
    for (const a of list ?? []) {
      if (a.internal) continue;
      if (a.family === 'IPv4') out.push(a.address);
      // Link-local IPv6 needs a zone id, which browsers do not take in a URL.
      else if (!a.address.toLowerCase().startsWith('fe80')) out.push(`[${a.address}]`);
    }
  }
  return out;
}
