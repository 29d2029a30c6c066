import type { TestContext } from 'vitest';

/**
 * A test that cannot run here must say so when it is skipped, not only in its source: vitest's default
 * reporter counts a skip without its reason. `runsHere` warns with the reason once, when the file loads, and
 * returns the condition for `it.runIf` / `describe.runIf`.
 */
export function runsHere(condition: boolean, what: string, reason: string): boolean {
  if (!condition) console.warn(`${what}: skipped, ${reason}`);
  return condition;
}

/** The reason a Linux-only test gives elsewhere. */
export const onLinux = (what: string, needs: string): boolean =>
  runsHere(process.platform === 'linux', what, `needs Linux (${needs}); this is ${process.platform}`);

/** Skips the running test from inside it, printing why first (the skip's note alone is not always shown). */
export function skipBecause(ctx: TestContext, what: string, reason: string): never {
  console.warn(`${what}: skipped, ${reason}`);
  return ctx.skip(reason);
}
