/**
 * convoy: the CPU-bound side. A GIL-bound thread spins while holding the emulated lock and offers it up only
 * at checkpoints (as CPython's eval loop does between bytecodes); a plain spinner, for a child process, needs
 * no lock at all and yields to its event loop now and then only to hear the host say stop.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Gil } from '../../gil/gil';
import { GilRecorder } from '../../gil/recorder';
import { demoKernel, type KernelIo } from '../kernel';
import { monoNow } from '../../clock';
import { gilSpans } from '../gil-lane';
import { busyFor, spin } from '../sync';

export const SPINNING = 0;
export const STOP_SPIN = 1;
export const SPIN_SLOTS = 2;

export interface GilSpinInput {
  readonly gil: SharedArrayBuffer;
  readonly index: number;
  readonly control: SharedArrayBuffer;
}

export function gilSpin(input: GilSpinInput, io: KernelIo): { sink: number } {
  const c = new Int32Array(input.control);
  const gil = new Gil(input.gil, input.index, new GilRecorder(input.index, 300));
  const originMono = monoNow();
  gil.recorder.reset(originMono, true);
  gil.acquire();
  Atomics.add(c, SPINNING, 1);
  let x = input.index + 1;
  while (Atomics.load(c, STOP_SPIN) === 0) {
    x = spin(400, x); // a few microseconds of "bytecodes" between checkpoints
    gil.check();
  }
  gil.release();
  io.lane.spans(gilSpans(gil.recorder.snapshot(), originMono, 'io', 'without the GIL'));
  return { sink: x };
}

export interface CpuSpinInput {
  /** a safety net: stop by itself after this long even if the host never says so */
  readonly maxMs: number;
}

export async function cpuSpin(input: CpuSpinInput, io: KernelIo): Promise<{ sink: number }> {
  let stop = false;
  io.onMessage(() => {
    stop = true;
  });
  io.lane.state('running', 'spins (no lock to share)');
  io.post({ spinning: true });
  const end = monoNow() + input.maxMs;
  let x = 1;
  while (!stop && monoNow() < end) {
    x ^= busyFor(5);
    await nextTurn();
  }
  io.lane.state(null);
  return { sink: x };
}

export const CPU_SPIN_KERNEL = demoKernel('cpu', 'cpu-spin', cpuSpin);

export const GIL_SPIN_KERNEL = demoKernel('cpu', 'gil-spin', gilSpin);
