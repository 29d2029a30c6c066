/**
 * daemon: the same small program (workloads/demos/exit-child.ts) run twice as a real process, once with its
 * worker unref()'d (a daemon) and once not. The child logs every step with a monotonic time stamp; after
 * it is gone we read how far the worker got and when the process really ended.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { DaemonRun, LaneSpan } from '../../common/demos';
import type { DemoContext } from './context';
import { metric, type DemoModule } from './demo';
import { ms } from './numbers';

interface LogLine {
  readonly what: string;
  readonly atMs: number;
}

async function runOnce(ctx: DemoContext, dir: string, daemon: boolean): Promise<DaemonRun> {
  const steps = ctx.param('steps');
  const stepMs = ctx.scaled(ctx.param('stepMs'));
  const mainMs = ctx.scaled(ctx.param('mainMs'));
  const log = path.join(dir, `${daemon ? 'daemon' : 'normal'}.log`);
  const kind = daemon ? 'daemon' : 'normal';
  const group = `${kind} worker`;
  ctx.phase(`a program with a ${kind} worker`);
  const child = ctx.program('exit', [log, daemon ? '1' : '0', String(steps), String(stepMs), String(mainMs)]);
  const code = await ctx.guard(child.exited);
  const exitAtMs = ctx.now();
  const lines: LogLine[] = (await readFile(log, 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const [what = '', at = '0'] = l.split(' ');
      return { what, atMs: ctx.ms(Number(at)) };
    });
  const at = (what: string) => lines.find((l) => l.what === what)?.atMs;
  const start = at('main-start') ?? 0;
  const mainEnd = at('main-end') ?? start;
  const exit = at('exit') ?? exitAtMs;
  const stepLines = lines.filter((l) => l.what.startsWith('step-'));

  // Lanes from the log: the child's main thread, then its worker step by step.
  const mainSpans: LaneSpan[] = [{ state: 'running', startMs: start, endMs: mainEnd, label: 'main works' }];
  if (exit > mainEnd + 0.5)
    mainSpans.push({
      state: 'waiting',
      startMs: mainEnd,
      endMs: exit,
      label: 'interpreter waits for the worker',
    });
  ctx.lane({ id: `${kind}-main`, label: `main thread (${kind} run)`, group }, 'main', {
    pid: child.pid ?? 0,
    threadId: 0,
  });
  ctx.event({ type: 'spans', laneId: `${kind}-main`, spans: mainSpans });
  ctx.lane({ id: `${kind}-worker`, label: `${kind} worker`, group }, 'thread');
  let prev = start;
  ctx.event({
    type: 'spans',
    laneId: `${kind}-worker`,
    spans: stepLines.map((l, k) => {
      const span: LaneSpan = { state: 'sleeping', startMs: prev, endMs: l.atMs, label: `step ${k + 1}` };
      prev = l.atMs;
      return span;
    }),
  });
  return {
    daemon,
    stepsDone: stepLines.length,
    totalSteps: steps,
    mainEndedMs: mainEnd - start,
    processExitMs: exit - start,
    exitCode: code,
  };
}

export const daemonDemo: DemoModule = {
  id: 'daemon',
  sources: ['workloads/demos/exit-child.ts'],
  async run(ctx) {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'threadlab-daemon-'));
    ctx.onClose(() => rm(dir, { recursive: true, force: true }));
    const d = await runOnce(ctx, dir, true);
    const n = await runOnce(ctx, dir, false);
    const daemonCut = d.stepsDone < d.totalSteps;
    const normalDone = n.stepsDone === n.totalSteps;
    const choice =
      daemonCut && normalDone ? 'daemon-cut' : !daemonCut && normalDone ? 'both-finish' : 'both-cut';
    return {
      sentence:
        `With a daemon worker the process exited ${ms(d.processExitMs - d.mainEndedMs)} ms after main ended, ` +
        `and the worker had done only ${d.stepsDone} of ${d.totalSteps} steps; with a normal worker the process waited ` +
        `${ms(n.processExitMs - n.mainEndedMs)} ms after main ended, until the worker had done ${n.stepsDone} of ${n.totalSteps}.`,
      answer: {
        choice,
        why: `daemon worker: ${d.stepsDone}/${d.totalSteps} steps; normal worker: ${n.stepsDone}/${n.totalSteps} steps`,
      },
      metrics: [
        metric('daemonSteps', 'daemon worker steps done', d.stepsDone, 'count'),
        metric('normalSteps', 'normal worker steps done', n.stepsDone, 'count'),
        metric('totalSteps', 'steps to do', d.totalSteps, 'count'),
        metric(
          'daemonExitAfterMainMs',
          'daemon run: exit after main ended',
          d.processExitMs - d.mainEndedMs,
          'ms',
        ),
        metric(
          'normalExitAfterMainMs',
          'normal run: exit after main ended',
          n.processExitMs - n.mainEndedMs,
          'ms',
        ),
      ],
      details: { kind: 'daemon', stepMs: ctx.scaled(ctx.param('stepMs')), runs: [d, n] },
    };
  },
};
