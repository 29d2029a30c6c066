/**
 * How a browser reaches the engine in browser mode (`npm run serve`), shared by the server
 * (electron/lab/serve) and the page's client (renderer/transport) so the two cannot drift apart.
 *
 * The key travels as a WebSocket subprotocol, `threadlab.key.<key>`, beside the plain `threadlab` one the
 * server answers with (the key itself is never echoed). A browser's WebSocket cannot set other headers, and a
 * subprotocol keeps the key out of every URL, so no access log or proxy log can record it (Kubernetes passes
 * its bearer tokens the same way).
 */

/** URL path of the socket. */
export const LAB_SOCKET_PATH = '/lab';
/** The subprotocol the server selects; a client must offer it. */
export const LAB_SUBPROTOCOL = 'threadlab';
/** Prefix of the subprotocol that carries the key. */
export const KEY_SUBPROTOCOL_PREFIX = 'threadlab.key.';
/** The query parameter of the page URL `serve` prints (as Jupyter's `?token=`). */
export const KEY_QUERY_PARAM = 'token';
/** base64url characters only (valid in a subprotocol and a URL as they are), 16 to 256 of them. */
export const KEY_PATTERN = /^[A-Za-z0-9_-]{16,256}$/;
