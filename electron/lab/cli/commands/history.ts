/**
 * `lab history [list | show <id> | delete <id>]`: the runs recorded in $THREADLAB_HOME/history (default
 * ~/.threadlab/history). Runs cut short by a crash or a kill are listed as incomplete; unreadable files as
 * corrupt with their error.
 */
import { Option, type Command } from 'commander';
import { LabError } from '../../../common/errors';
import { visible } from '../../../common/terminal-text';
import { createHistory, defaultHistoryDir, type HistorySummary } from '../../report/history-store';
import { historyRecorder, type HistoryRecorder } from '../../report/history-recorder';
import { formatTable } from '../table';
import { collectOut, printError, writeOutputs } from './report';
import { writeOut, writeErr } from '../print';

const dirOption = () =>
  new Option('--dir <path>', 'history folder (default: $THREADLAB_HOME/history or ~/.threadlab/history)');

/** One run on one line: every field from the file is made visible, so none can forge or rewrite a line. */
function line(s: HistorySummary): string {
  return visible(rawLine(s));
}

function rawLine(s: HistorySummary): string {
  const when = (s.createdAt ?? s.modifiedAt).replace('T', ' ').slice(0, 19);
  const status = s.running ? 'running' : s.status;
  if (s.status === 'corrupt') return `${when}  ${s.id}  CORRUPT  ${s.error ?? ''}`;
  const best = s.best.map((b) => `${b.model} ${b.speedup.toFixed(2)}x`).join(', ') || '-';
  const label = s.label ? `'${s.label}' ` : '';
  const failed = s.failedCells ? `, ${s.failedCells} failed` : '';
  return `${when}  ${s.id}  ${status}  ${label}${s.workloads.join(',')}  ${s.cells} cells${failed}  best: ${best}  [${s.machine ?? ''}]`;
}

async function guarded(what: string, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
    process.exitCode = 0;
  } catch (err) {
    printError(err, what);
    process.exitCode =
      err instanceof LabError && (err.code === 'not-found' || err.code === 'invalid-report') ? 2 : 1;
  }
}

export function registerHistory(program: Command): void {
  const history = program.command('history').description('list, show or delete recorded runs');
  history
    .command('list', { isDefault: true })
    .description('every recorded run, newest first')
    .addOption(dirOption())
    .option('--json', 'print the list as JSON', false)
    .action((opts: { dir?: string; json: boolean }) =>
      guarded('could not list the history', async () => {
        const store = createHistory(opts.dir ?? defaultHistoryDir());
        const entries = await store.list();
        if (opts.json) writeOut(JSON.stringify(entries, null, 2) + '\n');
        else if (!entries.length) writeOut(`no runs recorded in ${store.dir}\n`);
        else writeOut(`${entries.length} runs in ${store.dir}\n${entries.map(line).join('\n')}\n`);
      }),
    );
  history
    .command('show')
    .description('print one recorded run (or export it with --out)')
    .argument('<id>', 'the run id from `lab history list`')
    .addOption(dirOption())
    .option('--json', 'print the report as JSON', false)
    .option(
      '-o, --out <file>',
      'also write it to this file, format from its extension (repeatable)',
      collectOut,
      [],
    )
    .action((id: string, opts: { dir?: string; json: boolean; out: string[] }) =>
      guarded(`history entry '${id}'`, async () => {
        const report = await createHistory(opts.dir ?? defaultHistoryDir()).get(id);
        writeOut((opts.json ? JSON.stringify(report, null, 2) : formatTable(report)) + '\n');
        if (opts.out.length && (await writeOutputs(report, opts.out)) !== 0)
          throw new LabError('internal', 'some files were not written');
      }),
    );
  history
    .command('delete')
    .description('delete one recorded run')
    .argument('<id>', 'the run id from `lab history list`')
    .addOption(dirOption())
    .action((id: string, opts: { dir?: string }) =>
      guarded(`could not delete '${id}'`, async () => {
        await createHistory(opts.dir ?? defaultHistoryDir()).delete(id);
        writeErr(`deleted ${id}\n`);
      }),
    );
}

/**
 * The `lab run` hook: a recorder into the default history folder, or null with --no-history. Passing it
 * every event and awaiting `settled()` before exit is all the run command does.
 */
export function cliRecorder(enabled: boolean): HistoryRecorder | null {
  return enabled ? historyRecorder(createHistory(defaultHistoryDir())) : null;
}
