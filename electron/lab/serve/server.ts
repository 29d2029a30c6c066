/**
 * The browser-mode server: the built renderer as static files plus LabApi over a WebSocket at /lab, on
 * loopback by default. With `public`, it listens on every interface and network clients may only watch.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { renderWithChromium } from '../api/chromium-renderer';
import { createLabService, type DocumentRenderer, type LabService } from '../api/lab-service';
import { isAllowedHost, isAllowedOrigin, isLoopbackAddress } from './origin';
import { createStaticHandler } from './static';
import { createLabBridge } from './ws-bridge';

export const DEFAULT_PORT = 5178;
export const LAB_SOCKET_PATH = '/lab';

export interface LabServerOptions {
  /** folder with the built renderer (index.html and assets) */
  readonly rendererDir: string;
  /** default 127.0.0.1, or 0.0.0.0 when `public` */
  readonly host?: string;
  /** default 5178; 0 picks a free port */
  readonly port?: number;
  /** listen for the network too; non-loopback clients get a read-only view */
  readonly public?: boolean;
  /** the engine to serve; when left out, one is created and closed with the server */
  readonly service?: LabService;
  /** for the engine created here */
  readonly entriesDir?: string;
  /** for the engine created here: where runs are recorded (none when left out; `serve` passes the default) */
  readonly historyDir?: string;
  /** for the engine created here: PDF/PNG exports (default: the installed Chromium) */
  readonly renderDocument?: DocumentRenderer;
}

export interface LabServer {
  /** the loopback URL of the UI */
  readonly url: string;
  /** URLs other machines can use (only with `public`) */
  readonly networkUrls: readonly string[];
  readonly port: number;
  readonly service: LabService;
  /** Stops listening, drops the sockets, and (if the server made it) closes the engine, cancelling any run. */
  close(): Promise<void>;
}

export async function startLabServer(options: LabServerOptions): Promise<LabServer> {
  const isPublic = options.public ?? false;
  const host = options.host ?? (isPublic ? '0.0.0.0' : '127.0.0.1');
  const ownsService = options.service === undefined;
  const service =
    options.service ??
    createLabService({
      transport: 'websocket',
      renderDocument: options.renderDocument ?? renderWithChromium,
      ...(options.entriesDir ? { entriesDir: options.entriesDir } : {}),
      ...(options.historyDir ? { historyDir: options.historyDir } : {}),
    });
  const serveFile = createStaticHandler(options.rendererDir);
  let port = options.port ?? DEFAULT_PORT;

  const hostOk = (req: IncomingMessage) => isAllowedHost(req.headers.host, port);
  const bridge = createLabBridge({
    service,
    path: LAB_SOCKET_PATH,
    accept: (req) => hostOk(req) && isAllowedOrigin(req.headers.origin, req.headers.host),
    isReadOnly: (req) => isPublic && !isLoopbackAddress(req.socket.remoteAddress),
  });

  const server = createServer((req, res) => {
    if (!hostOk(req)) {
      res.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('421 Misdirected Request: unexpected Host header\n');
      return;
    }
    void serveFile(req, res);
  });
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
  const shownHost =
    host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;

  let closing: Promise<void> | null = null;
  return {
    url: `http://${shownHost}:${port}/`,
    networkUrls: isPublic ? lanAddresses().map((a) => `http://${a}:${port}/`) : [],
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
