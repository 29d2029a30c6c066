/**
 * Host side of a user workload: reads the file once (its hash goes in the report), reads its declared meta
 * and checks it, and makes the host's view of it (a WorkloadDef whose units only workers run). Every error
 * is a LabError('invalid-config') that names the file and the problem.
 *
 * The meta is read in a short-lived child under a time limit (a child Node for a JavaScript module, the
 * interpreter's `driver.py --user-meta` for a Python one), so a module that hangs or crashes on import fails
 * cleanly and a long-lived host never caches an old version of an edited file.
 */
import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LabError } from '../../common/errors';
import {
  parseUserMeta,
  USER_WORKLOAD_LIMITS,
  userWorkloadLanguage,
  userWorkloadMeta,
  type UserWorkloadRecord,
} from '../../common/user-workload';
import { WORKLOADS } from '../../../workloads/registry';
import type { WorkloadDef } from '../../../workloads/types';
import { candidates, type DiscoverOptions } from '../python/discover';
import { killOnAbort } from '../runtime/kill-on-abort';
import { defaultDriverPath } from '../python/interpreter-process';

/** A checked user workload: what the report records, where the workers load it from, the host's view. */
export interface LoadedUserWorkload {
  readonly record: UserWorkloadRecord;
  /** absolute path, for the workers */
  readonly source: string;
  readonly def: WorkloadDef;
}

function refuse(file: string, problem: string): LabError {
  return new LabError('invalid-config', `${file}: ${problem}`, [{ field: file, message: problem }]);
}

export async function loadUserWorkload(
  file: string,
  options: {
    readonly python?: DiscoverOptions;
    /** ends the child reading the meta (a closing lab): its import may hang, and it would outlive the lab */
    readonly signal?: AbortSignal;
  } = {},
): Promise<LoadedUserWorkload> {
  const source = path.resolve(file);
  const language = userWorkloadLanguage(source);
  if (!language)
    throw refuse(file, 'a workload file must be a .mjs (JavaScript module) or .py (Python) file');
  let bytes: Buffer;
  try {
    const info = await stat(source);
    if (!info.isFile()) throw refuse(file, 'is not a file');
    if (info.size > USER_WORKLOAD_LIMITS.fileBytes)
      throw refuse(
        file,
        `is ${info.size} bytes; a workload file may have at most ${USER_WORKLOAD_LIMITS.fileBytes}`,
      );
    bytes = await readFile(source);
  } catch (err) {
    if (err instanceof LabError) throw err;
    throw refuse(file, 'no such file');
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const name = path.basename(source);
  const raw =
    language === 'js'
      ? await jsMeta(source, name, options.signal)
      : await pythonMeta(source, name, options.python, options.signal);
  const meta = parseUserMeta(
    raw,
    name,
    WORKLOADS.map((w) => w.name),
  );
  const record: UserWorkloadRecord = { file: name, language, sha256, meta };
  return { record, source, def: hostDef(record) };
}

/** How long reading a file's meta may take: an import that takes longer is refused, not waited for. */
export const META_TIMEOUT_MS = 30_000;

interface Answer {
  readonly stdout: string;
  readonly stderr: string;
  readonly failed: boolean;
}

/** What reading a file's meta may print before it is stopped. */
const META_OUTPUT_BYTES = 1024 * 1024;

/**
 * Runs a short child under a time limit; an answer either way, a refusal naming the file on a timeout, a
 * LabError('cancelled') when `signal` ends it first.
 */
function ask(
  name: string,
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  signal: AbortSignal | undefined,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      command,
      args,
      {
        env,
        timeout: META_TIMEOUT_MS,
        killSignal: 'SIGKILL',
        windowsHide: true,
        maxBuffer: META_OUTPUT_BYTES,
      },
      (err, stdout, stderr) => {
        stopWatching();
        const code = (err as NodeJS.ErrnoException | null)?.code;
        if (code === 'ENOENT') reject(err);
        else if (err && signal?.aborted)
          reject(new LabError('cancelled', `${name}: stopped while its meta was read`));
        // killed too, but for what it printed, not for the time it took
        else if (code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER')
          reject(
            refuse(
              name,
              `importing it printed more than ${META_OUTPUT_BYTES / 1024} KiB; a workload file must not print while it loads`,
            ),
          );
        else if (err?.killed)
          reject(
            refuse(
              name,
              `reading its meta did not finish within ${META_TIMEOUT_MS} ms (does importing it hang?)`,
            ),
          );
        else resolve({ stdout: String(stdout), stderr: String(stderr), failed: err !== null });
      },
    );
    const stopWatching = killOnAbort(child, signal);
  });
}

/** The last line of a child's answer as JSON, or null. */
function lastJson(text: string): { meta?: unknown; error?: unknown; hasUnit?: unknown } | null {
  try {
    return JSON.parse(text.trim().split('\n').slice(-1)[0] ?? '') as { meta?: unknown };
  } catch {
    return null;
  }
}

// Imports the module in a child Node, so a module that hangs or crashes on import costs nothing here, and an
// uncaught error prints where it happened (an import() error does not say which line).
const JS_META_SCRIPT = `
const mod = await import(process.argv[1]);
process.stdout.write(JSON.stringify({ meta: mod.meta ?? null, hasUnit: typeof mod.unit === 'function' }) + '\\n');
`;

async function jsMeta(source: string, name: string, signal: AbortSignal | undefined): Promise<unknown> {
  const answer = await ask(
    name,
    process.execPath,
    ['--input-type=module', '-e', JS_META_SCRIPT, pathToFileURL(source).href],
    // In the desktop app execPath is Electron's, which runs as plain Node with this set.
    { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    signal,
  );
  const parsed = answer.failed ? null : lastJson(answer.stdout);
  if (!parsed) {
    const line = /^file:.*:(\d+)\s*$/m.exec(answer.stderr)?.[1];
    const error = /^(\w*Error\b.*)$/m.exec(answer.stderr)?.[1] ?? 'it exited with an error';
    throw refuse(name, `cannot be loaded (${error}${line ? ` on line ${line}` : ''})`);
  }
  if (parsed.hasUnit !== true) throw refuse(name, 'exports no function unit(index, params)');
  if (parsed.meta === null) throw refuse(name, 'exports no meta = { name, kind, units, params }');
  return parsed.meta;
}

async function pythonMeta(
  source: string,
  name: string,
  python: DiscoverOptions = {},
  signal?: AbortSignal,
): Promise<unknown> {
  const driver = python.driverPath ?? defaultDriverPath();
  // The first interpreter that is there, as the py-* models would choose it (free-threaded builds last).
  for (const candidate of candidates(python)) {
    let answer: Answer;
    try {
      answer = await ask(
        name,
        candidate.executable,
        [...(candidate.args ?? []), '-B', driver, '--user-meta', source],
        python.env ?? process.env,
        signal,
      );
    } catch (err) {
      if (err instanceof LabError) throw err;
      continue; // not installed under this name
    }
    const parsed = lastJson(answer.stdout);
    if (!parsed)
      throw refuse(
        name,
        `${candidate.foundBy} gave no answer about its META (${answer.stderr.trim().slice(-200)})`,
      );
    // The driver's errors start with the file's name.
    if (typeof parsed.error === 'string')
      throw new LabError('invalid-config', parsed.error, [
        { field: name, message: parsed.error.replace(`${name}: `, '') },
      ]);
    if (parsed.meta === null || parsed.meta === undefined) throw refuse(name, 'defines no META = {...}');
    return parsed.meta;
  }
  throw refuse(name, 'is Python, and no Python interpreter was found to read it');
}

function hostDef(record: UserWorkloadRecord): WorkloadDef {
  const meta = userWorkloadMeta(record);
  return {
    ...meta,
    unitCount: () => record.meta.units,
    runUnit: () => {
      throw new Error(`${record.file}: its units run in the workers, not on the host`);
    },
  };
}
