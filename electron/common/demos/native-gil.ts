/** The native-gil demo: what a UI shows before it runs, and what its details hold. */
import { param } from '../params';
import type { DemoDefinition } from './definition';

export interface NativeGilVariant {
  readonly name: 'native' | 'pure-js';
  readonly description: string;
  readonly jobs: number;
  readonly kibPerJob: number;
  /** best of the runs (interference from other programs only ever slows a run down) */
  readonly oneThreadMs: number;
  readonly twoThreadsMs: number;
  readonly oneThreadRunsMs: readonly number[];
  readonly twoThreadsRunsMs: readonly number[];
  readonly speedup: number;
  readonly digestsMatch: boolean;
}

export interface NativeGilDetails {
  readonly kind: 'native-gil';
  readonly variants: readonly NativeGilVariant[];
}

export const nativeGilDemo: DemoDefinition<'native-gil', NativeGilDetails> = {
  id: 'native-gil',
  title: 'Native code releases the GIL',
  concept: 'native code releases the GIL',
  summary:
    'Two GIL-bound threads hash large buffers with SHA-256. The native hash (node:crypto) lets go of the lock for the whole call, so two threads hash in parallel; the same hash written in JavaScript holds the lock while it runs, so two threads take turns and are no faster than one.',
  question: {
    prompt:
      'Under one GIL, which gets faster with two threads: native hashing (lock released) or hashing in interpreted code?',
    choices: [
      { id: 'native', label: 'Only the native hash' },
      { id: 'pure-js', label: 'Only the interpreted hash' },
      { id: 'both', label: 'Both' },
      { id: 'neither', label: 'Neither' },
    ],
  },
  params: [
    param('jobs', 'Buffers to hash (split over the threads)', { min: 2, max: 16, default: 4 }),
    param('nativeKib', 'Size of each buffer, native hash', {
      min: 256,
      max: 65_536,
      default: 16_384,
      unit: 'KiB',
    }),
    param('jsKib', 'Size of each buffer, JavaScript hash', {
      min: 64,
      max: 8_192,
      default: 2_048,
      unit: 'KiB',
    }),
    param('repeats', 'Runs of each (the best is kept)', { min: 1, max: 9, default: 3 }),
  ],
  timeLimitMs: 90_000,
  uses: ['threads', 'gil'],
  python: `import hashlib, os, threading, time

data = [os.urandom(16 << 20) for _ in range(4)]   # real bytes: no page is mapped in while timed

def native(chunks):
    for c in chunks:
        hashlib.sha256(c).digest()    # releases the GIL for large inputs

def timed(n):
    threads = [threading.Thread(target=native, args=(data[i::n],)) for i in range(n)]
    start = time.perf_counter()
    for t in threads: t.start()
    for t in threads: t.join()
    return time.perf_counter() - start

timed(2)                              # warm-up: the first pass is always slower
one, two = timed(1), timed(2)
print(f"1 thread {one:.2f} s, 2 threads {two:.2f} s: {one / two:.1f}x")   # about 2x on 2 idle cores
# a SHA-256 written in pure Python holds the GIL: 2 threads gain nothing`,
};
