/**
 * The keys of browser mode, as Jupyter's server has its token: a fresh random one at every start, printed
 * in the URL, and a WebSocket that does not present it is refused before the engine hears of it.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { KEY_PATTERN, KEY_SUBPROTOCOL_PREFIX } from '../../common/lab-socket';
import { KEY_BYTES } from '../api/budgets';

/** A new key: KEY_BYTES random bytes as base64url. */
export function newKey(): string {
  return randomBytes(KEY_BYTES).toString('base64url');
}

/** Throws an error naming `field` (`--token`, THREADLAB_TOKEN) when a chosen key cannot be used. */
export function checkKey(key: string, field: string): string {
  if (!KEY_PATTERN.test(key))
    throw new Error(
      `${field} must be 16 to 256 characters of A-Z a-z 0-9 - _ (got ${key.length} characters)`,
    );
  return key;
}

/** The key a client offered in its Sec-WebSocket-Protocol header, or null. */
export function keyFromProtocols(header: string | undefined): string | null {
  for (const offered of (header ?? '').split(',')) {
    const protocol = offered.trim();
    if (protocol.startsWith(KEY_SUBPROTOCOL_PREFIX)) return protocol.slice(KEY_SUBPROTOCOL_PREFIX.length);
  }
  return null;
}

/**
 * Constant-time comparison. Both sides are hashed first, so neither the length of the key nor how much of
 * it a guess got right shows in the time taken.
 */
export function sameKey(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}
