/**
 * The worker entry finds a demo kernel by the file name its KernelRef carries, with no list of kernels. So each
 * ref must name its own module, and names must be unique within a module, or a host would start the wrong one.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isKernelRef } from '../../../workloads/demos/kernel';

const DIR = path.resolve('workloads/demos/kernels');
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.ts'));

describe('demo kernel refs', () => {
  it.each(FILES)('%s: every ref names this file, each name once, and there is at least one', async (file) => {
    const module = (await import(path.join(DIR, file))) as Record<string, unknown>;
    const refs = Object.values(module).filter(isKernelRef);
    expect(refs.length).toBeGreaterThan(0);
    expect(refs.map((r) => r.file)).toEqual(refs.map(() => path.basename(file, '.ts')));
    expect(new Set(refs.map((r) => r.name)).size).toBe(refs.length);
  });
});
