/**
 * `npm run lab -- demo --list` and `npm run lab -- demo <name> [--json] [--slow] [-p name=value]`: a classroom
 * demo from the terminal. The explanation and the question come first, then the measured outcome.
 */
import type { Command } from 'commander';
import { demoMeta } from '../../../common/demos';
import { isDemoId } from '../../../common/demos';
import { LabError } from '../../../common/errors';
import { listDemos, runDemo } from '../../demos';
import { formatCatalog, formatOutcome, formatQuestion, wrap } from '../../demos/text';
import { discoverPythons } from '../../python/discover';
import { runDemoSnippet, type SnippetResult } from '../../python/run-snippet';
import { collectParam, type ParamFlag } from '../args';
import { writeOut, writeErr } from '../print';

interface DemoFlags {
  list: boolean;
  json: boolean;
  slow: boolean;
  param: ParamFlag[];
  python: boolean;
}

function formatPython(r: SnippetResult, endsByTimeout: boolean): string {
  const lines = [`The Python, run for real (${r.summary}):`, ''];
  if (r.stdout.trim()) lines.push(r.stdout.trimEnd());
  if (r.stderr.trim()) lines.push('stderr:', r.stderr.trimEnd());
  if (!r.stdout.trim() && !r.stderr.trim()) lines.push('(no output)');
  if (r.truncated) lines.push('(output cut)');
  if (r.timedOut && endsByTimeout)
    lines.push('', 'It never ends by itself: that is the demo. Its threads were stopped with the process.');
  return lines.join('\n');
}

async function demoCommand(name: string | undefined, flags: DemoFlags): Promise<number> {
  if (flags.list || !name) {
    writeOut(formatCatalog(listDemos()) + '\n');
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
    writeErr('\nInterrupted: stopping every thread and process...\n');
    abort.abort();
  };
  process.once('SIGINT', onSigint);
  if (!flags.json) {
    writeOut(
      `${meta.title}\n\n${wrap(meta.summary)}\n\n${formatQuestion(meta)}\n\nRunning on real threads and processes...\n`,
    );
  }
  try {
    const outcome = await runDemo(name, {
      params,
      speed: flags.slow ? 'slow' : 'normal',
      signal: abort.signal,
      onEvent: (e) => {
        if (e.type === 'phase' && !flags.json) writeErr(`  · ${e.label}\n`);
      },
    });
    const python = flags.python
      ? await runDemoSnippet(name, await discoverPythons(), abort.signal)
      : undefined;
    if (flags.json) {
      // `python` is the snippet's result, or the reason it could not run
      const said = python && (python.ran ? python.result : python.reason);
      writeOut(JSON.stringify(said === undefined ? outcome : { outcome, python: said }, null, 2) + '\n');
    } else {
      writeOut(formatOutcome(outcome) + '\n');
      if (python && !python.ran) writeOut(`\nThe Python cannot run here: ${python.reason}\n`);
      else if (python) writeOut('\n' + formatPython(python.result, python.endsByTimeout) + '\n');
    }
    return python && !python.ran ? 1 : 0;
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
    .option(
      '--python',
      "also run the demo's Python for real, with the first interpreter found (lab python)",
      false,
    )
    .action(async (name: string | undefined, flags: DemoFlags) => {
      process.exitCode = await demoCommand(name, flags);
    });
}
