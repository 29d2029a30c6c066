/**
 * Where the bundled worker entries live. The CLI bundle sits beside them in out/lab; from TypeScript sources
 * (tests) they are in <repo>/out/lab; the Electron shell passes its own folder explicitly.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RUNTIME_ENTRIES } from './family';

export function defaultEntriesDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  if (existsSync(path.join(here, RUNTIME_ENTRIES.thread))) return here;
  return path.resolve(here, '../../../out/lab');
}

/** Throws, naming the file, when one of `files` (default: every runtime's entry) is missing from `dir`. */
export function checkEntriesDir(
  dir: string,
  files: readonly string[] = Object.values(RUNTIME_ENTRIES),
): void {
  for (const f of files) {
    if (!existsSync(path.join(dir, f)))
      throw new Error(`worker entry ${f} is missing from ${dir}: run 'npm run build:lab' first`);
  }
}
