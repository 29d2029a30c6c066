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

/** The network error's own code (ECONNREFUSED, ENOTFOUND, UND_ERR_CONNECT_TIMEOUT...) rather than "fetch failed". */
function reason(error) {
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause && typeof cause === 'object' && 'code' in cause) return String(cause.code);
  if (cause instanceof Error) return cause.message;
  return error instanceof Error ? error.message : String(error);
}

globalThis.fetch = async (input, init) => {
  const url = input instanceof Request ? input.url : String(input);
  report({ url });
  let response;
  try {
    response = await realFetch(input, init);
  } catch (error) {
    report({ url, error: reason(error) });
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
