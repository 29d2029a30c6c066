/**
 * Where a lab keeps the workload files opened in the app: `<dir>/<uuid>/<file name>`, one folder per opened
 * file, beside a small marker (`OWNER_FILE`) that says which lab process holds it and which recorded runs
 * ran it. The lifecycle, applied by sweep():
 *
 * - a folder this lab holds (the file opened last, or one still being checked) is kept while the lab runs;
 * - a folder another live lab process holds (a second lab on the same history folder) is left alone;
 * - a folder that a saved history report ran is kept, so the report's file stays there to be run again;
 *   of those, only the most recently run KEEP_LIMITS.folders, within KEEP_LIMITS.bytes, are kept;
 * - every other folder, and anything else found here, is removed: at close, and at the next start for
 *   what a killed lab left behind.
 *
 * Removing never follows a symbolic link: a link found here is removed as a link, and when the folder
 * itself is a link nothing in it is touched.
 */
import { randomUUID } from 'node:crypto';
import { lstat, mkdir, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../report/io';

/** The store's folder under the history folder. */
export const USER_WORKLOADS_SUBDIR = 'user-workloads';

/** How many folders that saved reports ran are kept, and how many bytes they may take together. */
export const KEEP_LIMITS = { folders: 50, bytes: 32 * 2 ** 20 } as const;

/** The marker beside each file; a dot name, so it never clashes with a .mjs or .py file's name. */
export const OWNER_FILE = '.threadlab-owner.json';

const OwnerSchema = z.object({ pid: z.number().int(), runs: z.array(z.string()).max(10_000) });
type Owner = z.output<typeof OwnerSchema>;

export interface SweepOptions {
  /** whether a saved history report ran `runId` */
  readonly hasRun: (runId: string) => Promise<boolean>;
  /** false: the lab is closing, so what it held goes too unless a report ran it (default true) */
  readonly keepHeld?: boolean;
  readonly limits?: { readonly folders: number; readonly bytes: number };
}

/** What one sweep did, for tests and for a line in the log. */
export interface SweepResult {
  readonly kept: readonly string[];
  readonly removed: readonly string[];
}

export interface UserWorkloadStore {
  readonly dir: string;
  /** Writes a file into a new folder that this lab holds; resolves with the file's path. */
  add(fileName: string, text: string): Promise<string>;
  /** This lab no longer holds the folder of `file` (a newer file replaced it, or it was refused). */
  release(file: string): void;
  /** Records that run `runId` ran `file`: while its report is saved, the folder is kept. */
  ranIn(file: string, runId: string): Promise<void>;
  /** Applies the lifecycle above once; never throws (a folder that cannot be read or removed is left). */
  sweep(options: SweepOptions): Promise<SweepResult>;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists, under another user
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readOwner(folder: string): Promise<Owner | null> {
  const file = path.join(folder, OWNER_FILE);
  try {
    // A link in place of the marker is not believed: it could point at anything.
    if (!(await lstat(file)).isFile()) return null;
    const parsed = OwnerSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Bytes of the regular files directly in `folder` (links are not followed, subfolders are not expected). */
async function sizeOf(folder: string): Promise<number> {
  let bytes = 0;
  for (const name of await readdir(folder)) {
    const info = await lstat(path.join(folder, name));
    if (info.isFile()) bytes += info.size;
  }
  return bytes;
}

/** Removes `entry` itself: a link as a link; a folder with its contents, whose links rm removes as links. */
async function remove(entry: string): Promise<boolean> {
  try {
    await rm(entry, { recursive: true, force: true });
    return true;
  } catch {
    return false;
  }
}

export function createUserWorkloadStore(dir: string): UserWorkloadStore {
  const root = path.resolve(dir);
  /** folders this lab holds */
  const held = new Set<string>();
  // One change at a time: a sweep must not see a folder half written, nor remove one being marked.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work);
    queue = next.catch(() => undefined);
    return next;
  };

  const writeOwner = (folder: string, owner: Owner) =>
    writeFileAtomic(path.join(folder, OWNER_FILE), JSON.stringify(owner) + '\n');

  return {
    dir: root,

    add: (fileName, text) =>
      serial(async () => {
        const folder = path.join(root, randomUUID());
        held.add(folder);
        await mkdir(folder, { recursive: true });
        await writeOwner(folder, { pid: process.pid, runs: [] });
        const file = path.join(folder, path.basename(fileName));
        await writeFile(file, text);
        return file;
      }),

    release(file) {
      held.delete(path.dirname(path.resolve(file)));
    },

    ranIn: (file, runId) =>
      serial(async () => {
        const folder = path.dirname(path.resolve(file));
        const owner = (await readOwner(folder)) ?? { pid: process.pid, runs: [] };
        if (!owner.runs.includes(runId)) owner.runs.push(runId);
        await writeOwner(folder, owner);
        // The folder's time says when it last ran: the bound keeps the most recently run.
        const now = new Date();
        await utimes(folder, now, now);
      }),

    sweep: (options) =>
      serial(async () => {
        const kept: string[] = [];
        const removed: string[] = [];
        const limits = options.limits ?? KEEP_LIMITS;
        try {
          // A link in place of the folder: whatever it points at is not this lab's to clean.
          if (!(await lstat(root)).isDirectory()) return { kept, removed };
        } catch {
          return { kept, removed }; // nothing opened yet
        }
        const ran: { folder: string; mtimeMs: number; bytes: number }[] = [];
        for (const name of await readdir(root).catch(() => [])) {
          const entry = path.join(root, name);
          try {
            const info = await lstat(entry);
            if (!info.isDirectory()) {
              if (await remove(entry)) removed.push(entry);
              continue;
            }
            if (options.keepHeld !== false && held.has(entry)) {
              kept.push(entry);
              continue;
            }
            const owner = await readOwner(entry);
            if (owner && owner.pid !== process.pid && isAlive(owner.pid)) {
              kept.push(entry);
              continue;
            }
            let saved = false;
            for (const runId of owner?.runs ?? []) {
              if (await options.hasRun(runId)) {
                saved = true;
                break;
              }
            }
            if (saved) ran.push({ folder: entry, mtimeMs: info.mtimeMs, bytes: await sizeOf(entry) });
            else if (await remove(entry)) removed.push(entry);
          } catch {
            // gone meanwhile, or unreadable: left for the next sweep
          }
        }
        // The bound: the most recently run first, until either limit is reached.
        ran.sort((a, b) => b.mtimeMs - a.mtimeMs);
        let folders = 0;
        let bytes = 0;
        for (const r of ran) {
          if (folders < limits.folders && bytes + r.bytes <= limits.bytes) {
            folders += 1;
            bytes += r.bytes;
            kept.push(r.folder);
          } else if (await remove(r.folder)) removed.push(r.folder);
        }
        return { kept, removed };
      }),
  };
}
