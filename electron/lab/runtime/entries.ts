/**
 * Where the bundled worker entries live. The CLI bundle sits beside them in out/lab; from TypeScript sources
 * (tests) they are in <repo>/out/lab; the Electron shell passes its own folder explicitly.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function defaultEntriesDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  if (existsSync(path.join(here, 'thread-entry.js'))) return here;
  return path.resolve(here, '../../../out/lab');
}

export function checkEntriesDir(dir: string): void {
  for (const f of ['thread-entry.js', 'process-entry.js']) {
    if (!existsSync(path.join(dir, f)))
      throw new Error(`worker entry ${f} is missing from ${dir}: run 'npm run build:lab' first`);
  }
}
