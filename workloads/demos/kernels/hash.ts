/**
 * native-gil: GIL-bound threads hash large buffers. 'native' hashes with node:crypto inside gil.native(),
 * which lets go of the lock for the call (as CPython's hashlib does for large inputs); 'pure-js' hashes in
 * JavaScript while holding the lock, offering it up between blocks like interpreted code.
 */
import { createHash } from 'node:crypto';
import { Gil } from '../../gil/gil';
import { GilRecorder } from '../../gil/recorder';
import { demoKernel, type KernelIo } from '../kernel';
import { monoNow } from '../../clock';
import { gilSpans } from '../gil-lane';
import { sha256Hex } from '../sha256-js';
import { Flag } from '../sync';

export const ARMED = 0;
export const GO = 1;
export const HASH_SLOTS = 2;

export interface HashInput {
  readonly gil: SharedArrayBuffer;
  readonly index: number;
  readonly control: SharedArrayBuffer;
  readonly variant: 'native' | 'pure-js';
  readonly jobs: readonly number[];
  readonly kib: number;
}

export interface HashOutput {
  readonly digests: readonly { readonly job: number; readonly hex: string }[];
  readonly start: number;
  readonly end: number;
}

/** The bytes of job `job`: the same on every thread and every run, different per job. */
function jobData(job: number, kib: number): Uint8Array {
  const words = new Uint32Array(kib * 256);
  let x = (job + 1) * 0x9e3779b1;
  for (let i = 0; i < words.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    words[i] = x >>> 0;
  }
  return new Uint8Array(words.buffer);
}

export function hashWorker(input: HashInput, io: KernelIo): HashOutput {
  const c = new Int32Array(input.control);
  const data = input.jobs.map((job) => jobData(job, input.kib)); // made before the clock starts
  const gil = new Gil(input.gil, input.index, new GilRecorder(input.index, 300));
  Atomics.add(c, ARMED, 1);
  new Flag(c, GO).wait();
  const originMono = monoNow();
  gil.recorder.reset(originMono, true);
  const start = monoNow();
  gil.acquire();
  const digests = input.jobs.map((job, k) => {
    const bytes = data[k] as Uint8Array;
    const hex =
      input.variant === 'native'
        ? gil.native(() => createHash('sha256').update(bytes).digest('hex'))
        : sha256Hex(bytes, () => gil.check());
    return { job, hex };
  });
  gil.release();
  const end = monoNow();
  const outside = input.variant === 'native' ? 'native hash, GIL released' : 'without the GIL';
  io.lane.spans(gilSpans(gil.recorder.snapshot(), originMono, 'running', outside));
  return { digests, start, end };
}

export const HASH_KERNEL = demoKernel('hash', 'hash', hashWorker);
