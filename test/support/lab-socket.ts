/** Raw WebSocket clients of the lab, for tests that speak the wire format or must be refused at the door. */
import WebSocket from 'ws';
import { KEY_SUBPROTOCOL_PREFIX, LAB_SUBPROTOCOL } from '../../electron/common/lab-socket';

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
