/**
 * `npm run lab -- demo --list` and `npm run lab -- demo <name> [--json] [--slow] [-p name=value]`: a classroom
 * demo from the terminal. The explanation and the question come first, then the measured outcome.
 */
import type { Command } from 'commander';
import { demoMeta } from '../../../common/demo-catalog';
import { isDemoId } from '../../../common/demos';
import { LabError } from '../../../common/errors';
import { listDemos, runDemo } from '../../demos';
import { formatCatalog, formatOutcome, formatQuestion, wrap } from '../../demos/text';
import { collectParam, type ParamFlag } from '../args';

interface DemoFlags {
  list: boolean;
  json: boolean;
  slow: boolean;
  param: ParamFlag[];
}

async function demoCommand(name: string | undefined, flags: DemoFlags): Promise<number> {
  if (flags.list || !name) {
    process.stdout.write(formatCatalog(listDemos()) + '\n');
    return flags.list ? 0 : 2;
  }
  if (!isDemoId(name)) {
    throw LabError.invalid([{ field: 'demo', message: `unknown demo '${name}' (see: lab demo --list)` }]);
  }
  const meta = demoMeta(name);
  const params: Record<string, number> = {};
  for (const p of flags.param) params[p.workload ? `${p.workload}.${p.name}` : p.name] = p.value;
  const abort = new AbortController();
  const onSigint = () => {
    process.stderr.write('\nInterrupted: stopping every thread and process...\n');
    abort.abort();
  };
  process.once('SIGINT', onSigint);
  if (!flags.json) {
    process.stdout.write(
      `${meta.title}\n\n${wrap(meta.summary)}\n\n${formatQuestion(meta)}\n\nRunning on real threads and processes...\n`,
    );
  }
  try {
    const outcome = await runDemo(name, {
      params,
      speed: flags.slow ? 'slow' : 'normal',
      signal: abort.signal,
      onEvent: (e) => {
        if (e.type === 'phase' && !flags.json) process.stderr.write(`  · ${e.label}\n`);
      },
    });
    process.stdout.write(
      flags.json ? JSON.stringify(outcome, null, 2) + '\n' : formatOutcome(outcome) + '\n',
    );
    return 0;
  } catch (err) {
    if (err instanceof LabError && err.code === 'cancelled') return 130;
    throw err;
  } finally {
    process.off('SIGINT', onSigint);
  }
}

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('run a classroom demo on real threads and processes (lab demo --list)')
    .argument('[name]', 'the demo to run')
    .option('--list', 'list the demos', false)
    .option('--json', 'print the full outcome as JSON', false)
    .option('--slow', 'slow motion, for presenting', false)
    .option('-p, --param <name=value>', 'a demo parameter (repeatable)', collectParam, [])
    .action(async (name: string | undefined, flags: DemoFlags) => {
      process.exitCode = await demoCommand(name, flags);
    });
}
