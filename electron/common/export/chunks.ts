/**
 * Exports written as a sequence of pieces rather than one string. A report at the schema's limits exports to
 * files of 70-300 MB; built whole, each such file sat in memory as a string (two bytes a character once a
 * label holds one non-Latin-1 character) and again as the bytes written, on top of the report itself. In
 * pieces, the writer holds one chunk at a time.
 */

/**
 * About how many characters a chunk gathers before it is handed on: 32 Ki, at most 64 KB as a two-byte
 * string, so a spent chunk is under V8's large-object size and dies young in a scavenge. Chunks of a MiB went
 * to the large-object space, where hundreds of them waited for a full collection (the limits report's CSV
 * grew the process by 200 MiB so).
 */
export const CHUNK_CHARS = 1 << 15;

/** Gathers many small pieces into chunks of about `chunkChars` characters, so each write is worth making. */
export function* inChunks(pieces: Iterable<string>, chunkChars = CHUNK_CHARS): Generator<string> {
  let pending = '';
  for (const piece of pieces) {
    pending += piece;
    if (pending.length >= chunkChars) {
      yield pending;
      pending = '';
    }
  }
  if (pending) yield pending;
}

/** Pieces joined with `separator` between them, as `[...pieces].join(separator)` would be, but lazily. */
export function* separated(pieces: Iterable<string>, separator: string): Generator<string> {
  let first = true;
  for (const piece of pieces) {
    if (!first) yield separator;
    first = false;
    yield piece;
  }
}

/** Containers this many levels down are stringified whole: one result cell is tens of KB, which is fine. */
const STREAM_DEPTH = 3;

/** What JSON.stringify leaves out of an object (and writes as null in an array). */
const omitted = (v: unknown) => v === undefined || typeof v === 'function' || typeof v === 'symbol';

/**
 * `JSON.stringify(value, null, indent)`, the same text to the character, as a sequence of pieces: the outer
 * levels are walked here, and anything deeper is stringified whole and re-indented. JSON text never holds a
 * raw line feed inside a string (it is escaped), so prefixing each line feed indents exactly. `indent` must be
 * at least 1 (compact JSON has no lines to stream by).
 */
export function* jsonPieces(value: unknown, indent = 2, depth = 0): Generator<string> {
  const pad = (d: number) => ' '.repeat(d * indent);
  const walk =
    depth < STREAM_DEPTH &&
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { toJSON?: unknown }).toJSON !== 'function';
  if (!walk) {
    const text = JSON.stringify(value, null, indent) as string | undefined;
    yield text === undefined ? 'null' : depth ? text.replaceAll('\n', `\n${pad(depth)}`) : text;
    return;
  }
  const inner = `\n${pad(depth + 1)}`;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      yield i ? `,${inner}` : `[${inner}`;
      yield* jsonPieces(value[i], indent, depth + 1);
    }
    yield value.length ? `\n${pad(depth)}]` : '[]';
    return;
  }
  const entries = Object.entries(value).filter(([, v]) => !omitted(v));
  if (entries.length === 0) {
    yield '{}';
    return;
  }
  for (const [i, [k, v]] of entries.entries()) {
    yield `${i ? ',' : '{'}${inner}${JSON.stringify(k)}: `;
    yield* jsonPieces(v, indent, depth + 1);
  }
  yield `\n${pad(depth)}}`;
}
