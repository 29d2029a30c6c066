/**
 * `npm run lab -- python [--json] [--python PATH]`: the Python interpreters the lab can use on this machine,
 * how each was found, and whether it runs with the GIL. Plain printing: no Python is not an error (exit 0),
 * the reason is printed instead.
 */
import { writeOut } from '../print';
import type { Command } from 'commander';
import { discoverPythons, type FoundPython } from '../../python/discover';

interface PythonFlags {
  json: boolean;
  python?: string;
}

function gilText(p: FoundPython): string {
  if (!p.facts.freeThreadedBuild) return 'enabled';
  return p.facts.gilEnabled ? 'enabled (free-threaded build, GIL on)' : 'disabled (free-threaded)';
}

function formatInterpreters(found: readonly FoundPython[]): string {
  const header = ['found by', 'version', 'implementation', 'GIL', 'executable'];
  const rows = [
    header,
    ...found.map((p) => [p.foundBy, p.facts.version, p.facts.implementation, gilText(p), p.facts.executable]),
  ];
  const widths = header.map((_, col) => Math.max(...rows.map((r) => (r[col] ?? '').length)));
  return rows
    .map((r) =>
      r
        .map((cell, col) => cell.padEnd(widths[col] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

async function pythonCommand(flags: PythonFlags): Promise<number> {
  const found = await discoverPythons(flags.python ? { explicitPath: flags.python } : {});
  if (flags.json) {
    writeOut(JSON.stringify(found, null, 2) + '\n');
    return 0;
  }
  const out: string[] = [];
  if (found.found.length) out.push(formatInterpreters(found.found));
  else out.push(found.reason ?? 'no Python found');
  if (found.found.length && found.problems.length) {
    out.push('', 'Not usable:');
    for (const p of found.problems) out.push(`  ${p.reason}`);
  }
  writeOut(out.join('\n') + '\n');
  return 0;
}

export function registerPython(program: Command): void {
  program
    .command('python')
    .description(
      'list the Python interpreters found (THREADLAB_PYTHON, python3, python, free-threaded builds)',
    )
    .option('--json', 'print them as JSON', false)
    .option('--python <path>', 'also try this interpreter first')
    .action(async (flags: PythonFlags) => {
      process.exitCode = await pythonCommand(flags);
    });
}
