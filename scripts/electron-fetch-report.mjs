// Loaded with `node --import` into the electron package's own installer (node_modules/electron/install.js)
// by scripts/start.mjs. It reports, one JSON line each on file descriptor 3 (a pipe start.mjs opens), every
// request the installer makes: its URL, then the HTTP status and size or the network error, then the bytes
// received as they come. The installer itself says none of this usefully: a refused connection ends in a
// bare "fetch failed" stack trace, and its own progress bar only appears after 30 s on a terminal.
import { writeSync } from 'node:fs';

const REPORT_FD = 3;
const REPORT_EVERY_MS = 1000;

const realFetch = globalThis.fetch;
function report(event) {
  try {
    writeSync(REPORT_FD, `${JSON.stringify(event)}\n`);
  } catch {
    // No reader on fd 3 (the installer was started some other way): the download goes on unreported.
  }
}

/**
 * The innermost cause of a failed fetch, which names what really happened ("fetch failed" wraps "Request was
 * cancelled", which wraps "Proxy response (403) !== 200"), with its code where it has one (ECONNREFUSED...).
 */
function failure(error) {
  let inner = error;
  while (inner instanceof Error && inner.cause instanceof Error) inner = inner.cause;
  const code = inner && typeof inner === 'object' && typeof inner.code === 'string' ? inner.code : null;
  return { error: inner instanceof Error ? inner.message : String(inner), code };
}

globalThis.fetch = async (input, init) => {
  const url = input instanceof Request ? input.url : String(input);
  report({ url });
  let response;
  try {
    response = await realFetch(input, init);
  } catch (error) {
    report({ url, ...failure(error) });
    throw error;
  }
  const totalBytes = Number(response.headers.get('content-length')) || null;
  report({ url, status: response.status, statusText: response.statusText, totalBytes });
  if (!response.ok || !response.body) return response;
  let receivedBytes = 0;
  let reportedAt = Date.now();
  const counter = new TransformStream({
    transform(chunk, controller) {
      receivedBytes += chunk.byteLength;
      if (Date.now() - reportedAt >= REPORT_EVERY_MS) {
        reportedAt = Date.now();
        report({ url, receivedBytes, totalBytes });
      }
      controller.enqueue(chunk);
    },
  });
  // A new Response around the counted body; the installer reads only its status, headers and body.
  return new Response(response.body.pipeThrough(counter), {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
};
