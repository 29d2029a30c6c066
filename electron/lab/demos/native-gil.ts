/**
 * native-gil: SHA-256 over large buffers on GIL-bound threads, one thread then two, for the native hash
 * (lock released around the call) and for a JavaScript hash (lock held). Buffers are made before the clock
 * starts; all threads start together on a flag.
 */
import type { NativeGilVariant } from '../../common/demos';
import { ARMED, GO, HASH_KERNEL, HASH_SLOTS } from '../../../workloads/demos/kernels/hash';
import { Flag } from '../../../workloads/demos/sync';
import type { DemoContext } from './context';
import { metric, type DemoModule } from './demo-module';
import { ms, ratio } from './numbers';

type Variant = NativeGilVariant['name'];

async function timed(
  ctx: DemoContext,
  variant: Variant,
  threads: number,
  jobs: readonly number[],
  kib: number,
  run: number,
) {
  const group = `${variant}, ${threads} thread${threads > 1 ? 's' : ''}, run ${run + 1}`;
  ctx.phase(group);
  const gil = ctx.gil(5);
  const control = new Int32Array(new SharedArrayBuffer(HASH_SLOTS * 4));
  const ws = Array.from({ length: threads }, (_, index) =>
    ctx.thread(
      HASH_KERNEL,
      {
        gil,
        index,
        control: control.buffer as SharedArrayBuffer,
        variant,
        jobs: jobs.filter((_, k) => k % threads === index),
        kib,
      },
      { id: `${group}/${index + 1}`, label: `thread ${index + 1}`, group },
      { gil: true },
    ),
  );
  await ctx.until(() => Atomics.load(control, ARMED) === threads, 60_000, 'the buffers to be ready');
  new Flag(control, GO).set();
  const outs = await ctx.guard(Promise.all(ws.map((w) => w.result)));
  const wall = Math.max(...outs.map((o) => o.end)) - Math.min(...outs.map((o) => o.start));
  const digests = new Map(outs.flatMap((o) => o.digests.map((d) => [d.job, d.hex] as const)));
  return { wall, digests };
}

async function variantRun(ctx: DemoContext, name: Variant): Promise<NativeGilVariant> {
  const jobs = Array.from({ length: ctx.param('jobs') }, (_, k) => k);
  const kib = ctx.param(name === 'native' ? 'nativeKib' : 'jsKib');
  const oneRuns: number[] = [];
  const twoRuns: number[] = [];
  let digestsMatch = true;
  // Alternating, several times, best of each: other programs on the machine only ever make a run slower.
  for (let r = 0; r < ctx.param('repeats'); r++) {
    const one = await timed(ctx, name, 1, jobs, kib, r);
    const two = await timed(ctx, name, 2, jobs, kib, r);
    oneRuns.push(one.wall);
    twoRuns.push(two.wall);
    digestsMatch &&= jobs.every(
      (j) => one.digests.get(j) !== undefined && one.digests.get(j) === two.digests.get(j),
    );
  }
  const oneThreadMs = Math.min(...oneRuns);
  const twoThreadsMs = Math.min(...twoRuns);
  return {
    name,
    description:
      name === 'native' ? 'node:crypto, GIL released around each call' : 'SHA-256 in JavaScript, GIL held',
    jobs: jobs.length,
    kibPerJob: kib,
    oneThreadMs,
    twoThreadsMs,
    oneThreadRunsMs: oneRuns,
    twoThreadsRunsMs: twoRuns,
    speedup: oneThreadMs / twoThreadsMs,
    digestsMatch,
  };
}

export const nativeGil: DemoModule = {
  id: 'native-gil',
  sources: ['workloads/demos/kernels/hash.ts', 'workloads/demos/sha256-js.ts'],
  async run(ctx) {
    const native = await variantRun(ctx, 'native');
    const js = await variantRun(ctx, 'pure-js');
    const faster = (v: NativeGilVariant) => v.speedup >= 1.3;
    const choice =
      faster(native) && faster(js) ? 'both' : faster(native) ? 'native' : faster(js) ? 'pure-js' : 'neither';
    const line = (v: NativeGilVariant) =>
      `${ms(v.oneThreadMs)} ms on one thread and ${ms(v.twoThreadsMs)} ms on two (${ratio(v.speedup)}×, best of ${v.oneThreadRunsMs.length})`;
    return {
      sentence:
        `Hashing ${native.jobs} buffers of ${native.kibPerJob / 1024} MiB natively, with the GIL released, took ${line(native)}; ` +
        `hashing ${js.jobs} buffers of ${js.kibPerJob / 1024} MiB in JavaScript under the GIL took ${line(js)}.`,
      answer: {
        choice,
        why: `speedup with 2 threads: native ${ratio(native.speedup)}×, JavaScript ${ratio(js.speedup)}×`,
      },
      metrics: [
        metric('nativeSpeedup', 'native hash: 2 threads vs 1', native.speedup, 'x'),
        metric('jsSpeedup', 'JavaScript hash: 2 threads vs 1', js.speedup, 'x'),
        metric('nativeOneMs', 'native, 1 thread', native.oneThreadMs, 'ms'),
        metric('nativeTwoMs', 'native, 2 threads', native.twoThreadsMs, 'ms'),
        metric('jsOneMs', 'JavaScript, 1 thread', js.oneThreadMs, 'ms'),
        metric('jsTwoMs', 'JavaScript, 2 threads', js.twoThreadsMs, 'ms'),
      ],
      details: { kind: 'native-gil', variants: [native, js] },
      notes:
        native.digestsMatch && js.digestsMatch
          ? []
          : ['Digests differed between the one- and two-thread runs.'],
    };
  },
};
