/**
 * convoy: a GIL-bound I/O thread doing echo round trips alone, beside one and then more CPU-bound GIL
 * threads at switch intervals of 5, 1 and 0.1 ms, and beside a CPU-bound child process (no shared lock).
 * Each setting gets a fresh GIL and fresh threads; the CPU side is spinning before the I/O side starts.
 */
import os from 'node:os';
import type { ConvoySetting } from '../../common/demos';
import {
  CPU_SPIN_KERNEL,
  GIL_SPIN_KERNEL,
  SPIN_SLOTS,
  SPINNING,
  STOP_SPIN,
} from '../../../workloads/demos/kernels/cpu';
import { startEchoServer } from '../../../workloads/echo-server';
import type { DemoContext } from './context';
import { metric, type DemoModule } from './demo-module';
import { count, ms, percentile, ratio } from './numbers';
import { CONVOY_IO_KERNEL } from '../../../workloads/demos/kernels/convoy-io';

interface Setting {
  readonly label: string;
  readonly cpuThreads: number;
  readonly cpuIn: ConvoySetting['cpuIn'];
  readonly switchIntervalMs: number;
}

function settings(more: number): Setting[] {
  const gil = (n: number, intervalMs: number): Setting => ({
    label: `beside ${n} CPU thread${n > 1 ? 's' : ''}, ${intervalMs} ms`,
    cpuThreads: n,
    cpuIn: 'gil-threads',
    switchIntervalMs: intervalMs,
  });
  return [
    { label: 'alone', cpuThreads: 0, cpuIn: 'none', switchIntervalMs: 5 },
    gil(1, 5),
    gil(1, 1),
    gil(1, 0.1),
    gil(more, 5),
    gil(more, 1),
    gil(more, 0.1),
    { label: 'CPU work in a child process', cpuThreads: 1, cpuIn: 'process', switchIntervalMs: 5 },
  ];
}

async function measure(ctx: DemoContext, s: Setting, port: number) {
  ctx.phase(s.label);
  const durationMs = ctx.param('durationMs');
  const gil = ctx.gil(s.switchIntervalMs);
  const control = new Int32Array(new SharedArrayBuffer(SPIN_SLOTS * 4));
  const group = s.label;
  const spinners =
    s.cpuIn === 'gil-threads'
      ? Array.from({ length: s.cpuThreads }, (_, k) =>
          ctx.thread(
            GIL_SPIN_KERNEL,
            { gil, index: k + 1, control: control.buffer as SharedArrayBuffer },
            { id: `${group}/cpu-${k + 1}`, label: `CPU thread ${k + 1}`, group },
            { gil: true },
          ),
        )
      : [];
  if (spinners.length)
    await ctx.until(
      () => Atomics.load(control, SPINNING) === spinners.length,
      20_000,
      'the CPU threads to spin',
    );
  const child =
    s.cpuIn === 'process'
      ? ctx.process(
          CPU_SPIN_KERNEL,
          { maxMs: durationMs * 4 + 10_000 },
          { id: `${group}/cpu`, label: 'CPU process', group },
        )
      : null;
  if (child) await ctx.guard(new Promise<void>((resolve) => child.onData(() => resolve())));
  const io = ctx.thread(
    CONVOY_IO_KERNEL,
    { gil, index: 0, port, durationMs, bytes: ctx.param('bytes') },
    { id: `${group}/io`, label: 'I/O thread', group },
    { gil: true },
  );
  const out = await ctx.guard(io.result);
  Atomics.store(control, STOP_SPIN, 1);
  child?.send('stop');
  await ctx.guard(Promise.all([...spinners.map((w) => w.exited), ...(child ? [child.exited] : [])]));
  return {
    roundTrips: out.roundTrips,
    durationMs: out.elapsedMs,
    rps: (out.roundTrips / out.elapsedMs) * 1000,
    p50Ms: percentile(out.latencies, 50),
    p99Ms: percentile(out.latencies, 99),
  };
}

export const convoy: DemoModule = {
  id: 'convoy',
  sources: ['workloads/demos/kernels/convoy-io.ts', 'workloads/demos/kernels/cpu.ts', 'workloads/gil/gil.ts'],
  async run(ctx) {
    const echo = await startEchoServer();
    ctx.onClose(() => echo.close());
    const measured: (Setting & Awaited<ReturnType<typeof measure>>)[] = [];
    const more = ctx.param('moreThreads');
    for (const s of settings(more)) measured.push({ ...s, ...(await measure(ctx, s, echo.port)) });
    const alone = measured[0]?.rps ?? 1;
    const rows: ConvoySetting[] = measured.map((m) => ({ ...m, ofAlone: m.rps / alone }));
    const at = (label: string) => rows.find((r) => r.label === label) as ConvoySetting;
    const one5 = at('beside 1 CPU thread, 5 ms');
    const one01 = at('beside 1 CPU thread, 0.1 ms');
    const proc = at('CPU work in a child process');
    const drop = alone / Math.max(one5.rps, 1e-9);
    const choice = drop >= 10 ? 'collapse' : drop >= 1.5 ? 'several' : 'same';
    return {
      sentence:
        `Alone the I/O thread did ${count(alone)} round trips per second; beside one CPU-bound GIL thread it fell to ${count(one5.rps)}/s at a 5 ms ` +
        `switch interval (${ratio(drop)}× fewer, p50 ${ms(one5.p50Ms)} ms), ${count(at('beside 1 CPU thread, 1 ms').rps)}/s at 1 ms and ${count(one01.rps)}/s at 0.1 ms; ` +
        `beside ${more} CPU threads: ${rows
          .slice(4, 7)
          .map((r) => `${count(r.rps)}/s at ${r.switchIntervalMs} ms`)
          .join(', ')}; with the CPU work in a child process it was back to ${count(proc.rps)}/s ` +
        `(${Math.round(proc.ofAlone * 100)}% of alone).`,
      answer: {
        choice,
        why: `${count(alone)}/s alone vs ${count(one5.rps)}/s beside a CPU thread at 5 ms (${ratio(drop)}× fewer)`,
      },
      metrics: rows.map((r) =>
        metric(`rps.${r.label}`, `${r.label}: round trips per second`, r.rps, 'req/s'),
      ),
      details: { kind: 'convoy', settings: rows },
      notes:
        os.availableParallelism() <= 2
          ? [
              'With two cores the CPU process, the I/O thread and the echo server share them, so the process setting cannot quite reach "alone".',
            ]
          : [],
    };
  },
};
