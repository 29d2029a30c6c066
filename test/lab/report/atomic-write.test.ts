/**
 * The one atomic writer on a full disk: a 64 KiB tmpfs, filled almost to the brim, stands in for a full disk.
 * Mounting needs root (or CAP_SYS_ADMIN); where it is refused the full-disk tests are skipped with the reason.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../../electron/lab/report/io';
import { SAMPLE_FILE } from '../../fixtures/reports/fixtures';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'threadlab-atomic-'));
const disk = path.join(tmp, 'full');
const cli = path.resolve('out/lab/cli.js');
let mountRefused: string | null = null;

function mountFullDisk(): string | null {
  rmSync(disk, { recursive: true, force: true });
  spawnSync('mkdir', ['-p', disk]);
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', disk], { encoding: 'utf8' });
  if (r.status !== 0) return (r.stderr || r.error?.message || `mount exited ${r.status}`).trim();
  // Leave 8 KiB: room for a directory entry and a little data, not for a report.
  writeFileSync(path.join(disk, 'filler'), Buffer.alloc(56 * 1024));
  return null;
}

beforeAll(() => {
  mountRefused = mountFullDisk();
  if (mountRefused)
    console.warn(`full-disk tests skipped: cannot mount a small tmpfs here (${mountRefused})`);
});
afterAll(() => {
  if (!mountRefused) spawnSync('umount', [disk]);
  rmSync(tmp, { recursive: true, force: true });
});

const big = readFileSync(SAMPLE_FILE, 'utf8').repeat(4);
const leftovers = () => readdirSync(disk).filter((f) => f !== 'filler');

describe('writeFileAtomic', () => {
  it('writes the whole file and leaves no temporary file beside it', async () => {
    const file = path.join(tmp, 'ok.json');
    await writeFileAtomic(file, big);
    expect(readFileSync(file, 'utf8')).toBe(big);
    expect(readdirSync(tmp).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('writes chunks as they come, and an exporter that throws midway leaves no file behind', async () => {
    const file = path.join(tmp, 'chunks.txt');
    await writeFileAtomic(file, ['a\u202e', new TextEncoder().encode('b'), 'c'.repeat(200_000)]);
    expect(readFileSync(file, 'utf8')).toBe(`a\u202eb${'c'.repeat(200_000)}`);
    const failing = (function* () {
      yield 'half a report';
      throw new Error('exporter broke');
    })();
    const broken = path.join(tmp, 'broken.txt');
    await expect(writeFileAtomic(broken, failing)).rejects.toThrow(`${broken}: exporter broke`);
    expect(readdirSync(tmp).filter((f) => f.startsWith('.broken') || f === 'broken.txt')).toEqual([]);
  });

  it('on a full disk: rejects naming the path, leaves neither a partial file nor a temporary one', async (t) => {
    if (mountRefused) return t.skip(`cannot mount a small tmpfs: ${mountRefused}`);
    const file = path.join(disk, 'report.json');
    const err = await writeFileAtomic(file, big).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toContain(file);
    expect((err as Error).message).toMatch(/ENOSPC/);
    expect(leftovers()).toEqual([]);
  });

  it('an existing file is left whole when its replacement does not fit', async (t) => {
    if (mountRefused) return t.skip(`cannot mount a small tmpfs: ${mountRefused}`);
    const file = path.join(disk, 'kept.txt');
    await writeFileAtomic(file, 'old');
    await expect(writeFileAtomic(file, big)).rejects.toThrow(file);
    expect(readFileSync(file, 'utf8')).toBe('old');
    expect(leftovers()).toEqual(['kept.txt']);
    rmSync(file);
  });

  it('lab report --out on a full disk exits 1 naming the file and leaves nothing behind', (t) => {
    if (mountRefused) return t.skip(`cannot mount a small tmpfs: ${mountRefused}`);
    const outs = ['r.json', 'r.csv', 'r.html'].map((f) => path.join(disk, f));
    const r = spawnSync(
      process.execPath,
      [cli, 'report', SAMPLE_FILE, ...outs.flatMap((o) => ['--out', o])],
      {
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(outs[2]);
    expect(r.stderr).toMatch(/ENOSPC/);
    // The small files may fit; whatever is there is whole, and no temporary file is left.
    for (const f of leftovers()) {
      expect(f.endsWith('.tmp')).toBe(false);
      expect(readFileSync(path.join(disk, f)).length).toBeGreaterThan(0);
    }
    expect(leftovers()).not.toContain('r.html');
  });
});
