/**
 * Finding Python where it is: an explicit path (the CLI's --python, a setting in the app), THREADLAB_PYTHON,
 * then python3, python, `py -3` on Windows, and the free-threaded builds (python3.13t, python3.14t, ...).
 * Each candidate is probed with the shipped driver (`driver.py --probe`), so the facts come from the
 * interpreter itself, under a time limit. Nothing here throws: a candidate that fails says why, and when
 * none is found there is one reason string for the UI and the CLI to show.
 */
import { execFile } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { killOnAbort } from '../runtime/kill-on-abort';
import { defaultDriverPath, type InterpreterCommand } from './interpreter-process';
import { describeIssues, interpreterFactsSchema, type InterpreterFacts } from './protocol';

// Generous: an interpreter starts in tens of milliseconds on a quiet machine, but a laptop busy with other
// programs (or a CI machine running many test files) can take seconds, and a false "no Python" is worse than a
// slow answer. A candidate that is absent fails at once (ENOENT), so only a hung interpreter waits this long.
export const DEFAULT_PROBE_TIMEOUT_MS = 30_000;
/** Free-threaded builds are probed from the first release that has them to a few releases ahead. */
const FREE_THREADED_MINORS = [13, 14, 15, 16];

export interface PythonCandidate extends InterpreterCommand {
  /** how the user would name it: `--python`, `THREADLAB_PYTHON`, `python3`, `py -3`, `python3.14t`... */
  readonly foundBy: string;
  /** named by the user: a failure is worth reporting (a PATH name that is absent is not) */
  readonly explicit: boolean;
}

export interface FoundPython extends PythonCandidate {
  readonly facts: Omit<InterpreterFacts, 'pid' | 'protocol'>;
}

export interface Discovery {
  readonly found: readonly FoundPython[];
  /** candidates that exist but could not be used, or that the user named and are missing */
  readonly problems: readonly { readonly foundBy: string; readonly reason: string }[];
  /** set when nothing was found: one sentence saying what was tried */
  readonly reason?: string;
}

export interface DiscoverOptions {
  /** a path given explicitly (--python, the app's setting); tried first */
  readonly explicitPath?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly platform?: NodeJS.Platform;
  readonly probeTimeoutMs?: number;
  readonly driverPath?: string;
  /** ends the probes still running (a lab that closes leaves no interpreter behind) */
  readonly signal?: AbortSignal;
}

export function candidates(options: DiscoverOptions = {}): PythonCandidate[] {
  const env = options.env ?? process.env;
  const windows = (options.platform ?? process.platform) === 'win32';
  const list: PythonCandidate[] = [];
  if (options.explicitPath)
    list.push({ executable: options.explicitPath, foundBy: '--python', explicit: true });
  if (env.THREADLAB_PYTHON)
    list.push({ executable: env.THREADLAB_PYTHON, foundBy: 'THREADLAB_PYTHON', explicit: true });
  list.push({ executable: 'python3', foundBy: 'python3', explicit: false });
  list.push({ executable: 'python', foundBy: 'python', explicit: false });
  if (windows) list.push({ executable: 'py', args: ['-3'], foundBy: 'py -3', explicit: false });
  for (const minor of FREE_THREADED_MINORS) {
    list.push({ executable: `python3.${minor}t`, foundBy: `python3.${minor}t`, explicit: false });
    if (windows)
      list.push({ executable: 'py', args: [`-3.${minor}t`], foundBy: `py -3.${minor}t`, explicit: false });
  }
  return list;
}

type ProbeOutcome = { ok: true; facts: InterpreterFacts } | { ok: false; reason: string; absent: boolean };

export function probe(
  candidate: InterpreterCommand,
  options: Pick<DiscoverOptions, 'env' | 'probeTimeoutMs' | 'driverPath' | 'signal'> = {},
): Promise<ProbeOutcome> {
  const timeoutMs = options.probeTimeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
  const looksLikePath = /[\\/]/.test(candidate.executable);
  if (looksLikePath && !existsSync(candidate.executable))
    return Promise.resolve({ ok: false, reason: `${candidate.executable}: no such file`, absent: true });
  const args = [...(candidate.args ?? []), '-B', options.driverPath ?? defaultDriverPath(), '--probe'];
  return new Promise((resolve) => {
    const child = execFile(
      candidate.executable,
      args,
      {
        timeout: timeoutMs,
        killSignal: 'SIGKILL',
        env: options.env ?? process.env,
        windowsHide: true,
        maxBuffer: 64 * 1024,
      },
      (err, stdout, stderr) => {
        stopWatching();
        if (err) {
          const code = (err as NodeJS.ErrnoException).code;
          if (code === 'ENOENT') return resolve({ ok: false, reason: 'not found', absent: true });
          if (options.signal?.aborted)
            return resolve({ ok: false, reason: 'stopped before it answered', absent: false });
          if (err.killed)
            return resolve({ ok: false, reason: `no answer within ${timeoutMs} ms`, absent: false });
          const said = String(stderr).trim().split('\n').slice(-1)[0] ?? '';
          return resolve({ ok: false, reason: `the probe failed (${said || err.message})`, absent: false });
        }
        let parsed: unknown;
        try {
          parsed = JSON.parse(String(stdout).trim().split('\n').slice(-1)[0] ?? '');
        } catch {
          return resolve({
            ok: false,
            reason: 'the probe printed no JSON (is this Python 3.8 or newer?)',
            absent: false,
          });
        }
        const facts = interpreterFactsSchema.safeParse(parsed);
        if (!facts.success)
          return resolve({
            ok: false,
            reason: `the probe said ${describeIssues(facts.error)}`,
            absent: false,
          });
        resolve({ ok: true, facts: facts.data });
      },
    );
    const stopWatching = killOnAbort(child, options.signal);
  });
}

function sameFile(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}

/** Every usable interpreter, first-named first, each executable once (python3 and python are often one). */
export async function discoverPythons(options: DiscoverOptions = {}): Promise<Discovery> {
  const list = candidates(options);
  const outcomes = await Promise.all(list.map((c) => probe(c, options)));
  const found: FoundPython[] = [];
  const problems: { foundBy: string; reason: string }[] = [];
  const seen = new Set<string>();
  list.forEach((candidate, i) => {
    const outcome = outcomes[i];
    if (!outcome) return;
    if (!outcome.ok) {
      if (candidate.explicit || !outcome.absent)
        problems.push({ foundBy: candidate.foundBy, reason: `${candidate.foundBy}: ${outcome.reason}` });
      return;
    }
    const { pid: _pid, protocol: _protocol, ...facts } = outcome.facts;
    const key = sameFile(facts.executable);
    if (seen.has(key)) return;
    seen.add(key);
    found.push({ ...candidate, facts });
  });
  if (found.length > 0) return { found, problems };
  const tried = list.map((c) => c.foundBy).join(', ');
  const why = problems.length ? ` (${problems.map((p) => p.reason).join('; ')})` : '';
  return { found, problems, reason: `no Python 3 found: tried ${tried}${why}` };
}
