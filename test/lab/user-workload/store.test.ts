/**
 * The lifecycle of the folders that hold workload files opened in the app: one test per rule of
 * electron/lab/user-workload/store.ts (held, another lab's, ran by a saved report, the bound, everything
 * else removed, links never followed).
 */
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createUserWorkloadStore,
  OWNER_FILE,
  type UserWorkloadStore,
} from '../../../electron/lab/user-workload/store';

// Creating a symbolic link needs a privilege on Windows; the link tests say so and skip there.
const canLink = process.platform !== 'win32';
if (!canLink) console.warn('user-workload store: the link tests are skipped: no symlinks without privilege');

const KERNEL = 'export const meta = {}; export function unit() { return 0; }\n';

let base: string;
let root: string;
let store: UserWorkloadStore;
beforeEach(() => {
  base = mkdtempSync(path.join(os.tmpdir(), 'threadlab-store-'));
  root = path.join(base, 'user-workloads');
  store = createUserWorkloadStore(root);
});
afterEach(() => rmSync(base, { recursive: true, force: true }));

const noRuns = { hasRun: () => Promise.resolve(false) };
const savedRuns = (...ids: string[]) => ({ hasRun: (id: string) => Promise.resolve(ids.includes(id)) });
const folders = () => (existsSync(root) ? readdirSync(root).sort() : []);
const folderOf = (file: string) => path.basename(path.dirname(file));

/** A pid that no process has: a child that has already exited (reused only after the pid space wraps). */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', '0']);
  return r.pid as number;
}

/** A folder as another lab process left it: its marker names `pid` and the runs it was recorded for. */
function foreignFolder(name: string, pid: number, runs: string[] = []): string {
  const folder = path.join(root, name);
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, 'k.mjs'), KERNEL);
  writeFileSync(path.join(folder, OWNER_FILE), JSON.stringify({ pid, runs }));
  return folder;
}

describe('the user workload store', () => {
  it('keeps the folder this lab holds, and removes it once released and not run by a saved report', async () => {
    const first = await store.add('k.mjs', KERNEL);
    expect((await store.sweep(noRuns)).removed).toEqual([]);
    expect(folders()).toEqual([folderOf(first)]);
    const second = await store.add('k.mjs', KERNEL);
    store.release(first);
    const swept = await store.sweep(noRuns);
    expect(swept.removed).toEqual([path.dirname(first)]);
    expect(folders()).toEqual([folderOf(second)]);
  });

  it('removes what it holds when the lab closes (keepHeld false), unless a saved report ran it', async () => {
    const ran = await store.add('a.mjs', KERNEL);
    const opened = await store.add('b.mjs', KERNEL);
    await store.ranIn(ran, 'run-1');
    await store.sweep({ ...savedRuns('run-1'), keepHeld: false });
    expect(folders()).toEqual([folderOf(ran)]);
    expect(existsSync(opened)).toBe(false);
  });

  it('keeps a folder while its report is saved, and removes it once the report is deleted', async () => {
    const file = await store.add('k.mjs', KERNEL);
    await store.ranIn(file, 'run-1');
    await store.ranIn(file, 'run-2');
    store.release(file);
    await store.sweep(savedRuns('run-2'));
    expect(existsSync(file)).toBe(true);
    await store.sweep(savedRuns());
    expect(existsSync(file)).toBe(false);
  });

  it('at the next start, removes what a killed lab left unless a report ran it, and leaves a live lab’s', async () => {
    const dead = deadPid();
    foreignFolder('orphan', dead);
    foreignFolder('ran', dead, ['run-1']);
    // The process that started this test runs, and is not this one: a second lab on the same history.
    foreignFolder('live', process.ppid);
    // A folder whose marker is missing or not believed is nobody's.
    foreignFolder('no-marker', dead);
    rmSync(path.join(root, 'no-marker', OWNER_FILE));
    const fresh = createUserWorkloadStore(root);
    await fresh.sweep(savedRuns('run-1'));
    expect(folders()).toEqual(['live', 'ran']);
  });

  it('keeps only the most recently run folders within the bound on count and bytes', async () => {
    const dead = deadPid();
    const now = Date.now() / 1000;
    for (const [i, name] of ['old', 'mid', 'new'].entries()) {
      const folder = foreignFolder(name, dead, [`run-${name}`]);
      utimesSync(folder, now - 100 + i, now - 100 + i);
    }
    const all = savedRuns('run-old', 'run-mid', 'run-new');
    await store.sweep({ ...all, limits: { folders: 2, bytes: 2 ** 20 } });
    expect(folders()).toEqual(['mid', 'new']);
    // Each folder holds the kernel and its marker: room for one.
    const oneFolderBytes = KERNEL.length + 100;
    await store.sweep({ ...all, limits: { folders: 10, bytes: oneFolderBytes } });
    expect(folders()).toEqual(['new']);
  });

  it.skipIf(!canLink)(
    'removes stray entries, and a link as a link: what it points at outside is untouched',
    async () => {
      const outside = path.join(base, 'outside');
      mkdirSync(outside);
      writeFileSync(path.join(outside, 'precious.txt'), 'keep me');
      const file = await store.add('k.mjs', KERNEL);
      store.release(file);
      // A link inside a folder to be removed, a link in place of a folder, a stray file.
      symlinkSync(outside, path.join(path.dirname(file), 'inner-link'));
      symlinkSync(path.join(outside, 'precious.txt'), path.join(path.dirname(file), 'file-link'));
      symlinkSync(outside, path.join(root, 'top-link'));
      writeFileSync(path.join(root, 'stray.txt'), 'x');
      await store.sweep(noRuns);
      expect(folders()).toEqual([]);
      expect(readdirSync(outside)).toEqual(['precious.txt']);
    },
  );

  it.skipIf(!canLink)('touches nothing when its folder is itself a link', async () => {
    const elsewhere = path.join(base, 'elsewhere');
    mkdirSync(path.join(elsewhere, 'not-ours'), { recursive: true });
    writeFileSync(path.join(elsewhere, 'not-ours', 'k.mjs'), KERNEL);
    symlinkSync(elsewhere, root);
    const swept = await createUserWorkloadStore(root).sweep(noRuns);
    expect(swept.removed).toEqual([]);
    expect(readdirSync(path.join(elsewhere, 'not-ours'))).toEqual(['k.mjs']);
  });
});
