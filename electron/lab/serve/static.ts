/**
 * Serves the built renderer (out/renderer) read-only: GET and HEAD, files only (no directory listings, no
 * dotfiles), anything resolving outside the root refused, every response with the strict CSP.
 */
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream';
import { SECURITY_HEADERS } from './csp';

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

/** The Content-Type for a file name; unknown kinds are served as opaque bytes (with nosniff). */
export function mimeType(file: string): string {
  return MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The file under `root` that a request path names, or a status to answer with instead. Checked on the raw
 * path before any URL normalisation, so `/../x` and its percent-encoded forms are refused, not rewritten.
 */
export function resolveRequestPath(
  root: string,
  rawUrl: string,
): { file: string } | { status: 400 | 403 | 404 } {
  const rawPath = rawUrl.split(/[?#]/, 1)[0] ?? '';
  if (!rawPath.startsWith('/')) return { status: 400 };
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { status: 400 };
  }
  if (decoded.includes('\0')) return { status: 400 };
  const segments = decoded.split(/[/\\]/);
  if (segments.some((s) => s === '..')) return { status: 403 };
  if (segments.some((s) => s.startsWith('.') && s !== '')) return { status: 404 };
  const relative = decoded.endsWith('/') ? `${decoded}index.html` : decoded;
  const base = path.resolve(root);
  const file = path.resolve(base, `.${relative}`);
  if (file !== base && !file.startsWith(base + path.sep)) return { status: 403 };
  return { file };
}

function sendStatus(
  res: ServerResponse,
  headers: Readonly<Record<string, string>>,
  status: number,
  text: string,
): void {
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  res.end(`${status} ${text}\n`);
}

/** A request handler serving files under `root`. */
export function createStaticHandler(
  root: string,
  /** the security headers of every response (the server passes its CSP narrowed to its port) */
  headers: Readonly<Record<string, string>> = SECURITY_HEADERS,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const base = path.resolve(root);
  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      sendStatus(res, headers, 405, 'Method Not Allowed');
      return;
    }
    const target = resolveRequestPath(base, req.url ?? '/');
    if ('status' in target) {
      sendStatus(
        res,
        headers,
        target.status,
        target.status === 403 ? 'Forbidden' : target.status === 400 ? 'Bad Request' : 'Not Found',
      );
      return;
    }
    try {
      // A symlink inside the root must not lead out of it.
      const [real, realBase] = await Promise.all([realpath(target.file), realpath(base)]);
      if (!real.startsWith(realBase + path.sep)) {
        sendStatus(res, headers, 403, 'Forbidden');
        return;
      }
      const info = await stat(real);
      if (!info.isFile()) {
        sendStatus(res, headers, 404, 'Not Found');
        return;
      }
      res.writeHead(200, {
        ...headers,
        'Content-Type': mimeType(real),
        'Content-Length': info.size,
        // The page and its hashed assets are rebuilt in place; revalidating is cheap on loopback.
        'Cache-Control': 'no-cache',
      });
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      // Not pipe(): a client that leaves mid-file would leave the file open for good, the stream paused.
      // pipeline destroys both sides on either's error or early close (the response already sent its status).
      pipeline(createReadStream(real), res, () => undefined);
    } catch {
      sendStatus(res, headers, 404, 'Not Found');
    }
  };
}
