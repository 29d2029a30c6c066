/** Raw WebSocket clients of the lab, for tests that speak the wire format or must be refused at the door. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import { KEY_SUBPROTOCOL_PREFIX, LAB_SUBPROTOCOL } from '../../electron/common/lab-socket';
import type { ClientLabApi } from '../../electron/common/api';
import { createLabBridge, type LabBridge } from '../../electron/lab/serve/ws-bridge';
import type { SocketConstructor } from '../../renderer/transport/ws-client';

/**
 * The `ws` client as connectLab's socket: Node 20 has no global WebSocket, and `ws` speaks the same protocol
 * (the browser is covered by serve-browser.test.ts). Its handler property types are wider than the DOM's,
 * hence the cast.
 */
export const NodeSocket = WebSocket as unknown as SocketConstructor;

/**
 * Opens a raw socket offering `key` (none when null) and resolves once open, or rejects with the HTTP status
 * of a refused upgrade.
 */
export function rawSocket(
  url: string,
  key: string | null,
  headers: Record<string, string> = {},
): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const protocols = key === null ? [] : [LAB_SUBPROTOCOL, `${KEY_SUBPROTOCOL_PREFIX}${key}`];
    const ws = new WebSocket(url, protocols, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

/** Sends one text frame and resolves with the next message parsed. */
export function exchange(ws: WebSocket, text: string): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    ws.once('message', (data: WebSocket.RawData) =>
      resolve(JSON.parse(String(data)) as Record<string, unknown>),
    );
    ws.send(text);
  });
}

/** A bridge on its own http server, with the options given. */
export async function bridgeServer(
  service: ClientLabApi,
  options: Omit<Parameters<typeof createLabBridge>[0], 'service'>,
): Promise<{ url: string; bridge: LabBridge; close(): Promise<void> }> {
  const bridge = createLabBridge({ service, ...options });
  const http = createServer((_req, res) => res.end());
  http.on('upgrade', (req, socket, head) => bridge.handleUpgrade(req, socket, head));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return {
    url: `ws://127.0.0.1:${(http.address() as AddressInfo).port}/lab`,
    bridge,
    async close() {
      await bridge.close();
      http.closeAllConnections();
      await new Promise((resolve) => http.close(resolve));
    },
  };
}
