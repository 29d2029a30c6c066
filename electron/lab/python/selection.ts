/**
 * Which interpreter runs which py-* model of an experiment, decided once before anything starts: the GIL
 * models take the first interpreter found that is a normal (GIL) build, py-ft-threads the first
 * free-threaded one. A model with no interpreter is unavailable with one reason, said once in the report,
 * and fails only its own cells; everything else runs as if Python had not been asked for.
 */
import { PYTHON_MODELS, isPythonModel, type Model, type PythonModel } from '../../common/config';
import type { PythonInfo, PythonInterpreterInfo } from '../../common/api-types';
import type { PythonRun } from '../../common/report';
import { discoverPythons, type DiscoverOptions, type Discovery, type FoundPython } from './discover';

export interface PythonSelection {
  readonly chosen: ReadonlyMap<PythonModel, FoundPython>;
  readonly unavailable: ReadonlyMap<PythonModel, string>;
}

const EXPLICIT: ReadonlySet<string> = new Set(['--python', 'THREADLAB_PYTHON']);

export const NO_PYTHON_MODELS: PythonSelection = { chosen: new Map(), unavailable: new Map() };

export function choosePythons(models: readonly Model[], discovery: Discovery): PythonSelection {
  const chosen = new Map<PythonModel, FoundPython>();
  const unavailable = new Map<PythonModel, string>();
  // An interpreter the user named (--python, THREADLAB_PYTHON) that does not work is not quietly replaced
  // by another one from PATH: the measurements would be of a Python they did not ask for.
  const explicitFound = discovery.found.filter((p) => p.explicit);
  const explicitProblem = discovery.problems.find((p) => EXPLICIT.has(p.foundBy));
  const usable = explicitFound.length ? explicitFound : explicitProblem ? [] : discovery.found;
  const gilBuild = usable.find((p) => !p.facts.freeThreadedBuild) ?? usable[0];
  const freeThreaded = discovery.found.find((p) => p.facts.freeThreadedBuild);
  for (const model of PYTHON_MODELS.filter((m) => models.includes(m))) {
    const python = model === 'py-ft-threads' ? freeThreaded : gilBuild;
    if (python) chosen.set(model, python);
    else if (explicitProblem && model !== 'py-ft-threads')
      unavailable.set(model, `${explicitProblem.reason} (named explicitly, so no other Python is used)`);
    else if (discovery.reason) unavailable.set(model, discovery.reason);
    else
      unavailable.set(
        model,
        `no free-threaded Python found (python3.13t, python3.14t, ...): only ${discovery.found.map((p) => `${p.foundBy} ${p.facts.version}`).join(', ')}`,
      );
  }
  return { chosen, unavailable };
}

/** Discovers interpreters only when the experiment asks for a py-* model (probing costs a few processes). */
export async function selectPythons(
  models: readonly Model[],
  options: DiscoverOptions = {},
): Promise<PythonSelection> {
  if (!models.some(isPythonModel)) return NO_PYTHON_MODELS;
  return choosePythons(models, await discoverPythons(options));
}

/** The report's record of the selection: each interpreter once with the models it ran. */
export function describeSelection(selection: PythonSelection): PythonRun {
  const byExecutable = new Map<string, { python: FoundPython; models: PythonModel[] }>();
  for (const [model, python] of selection.chosen) {
    const entry = byExecutable.get(python.facts.executable) ?? { python, models: [] };
    entry.models.push(model);
    byExecutable.set(python.facts.executable, entry);
  }
  const byReason = new Map<string, PythonModel[]>();
  for (const [model, reason] of selection.unavailable)
    byReason.set(reason, [...(byReason.get(reason) ?? []), model]);
  return {
    interpreters: [...byExecutable.values()].map(({ python, models }) => ({
      models,
      version: python.facts.version,
      implementation: python.facts.implementation,
      executable: python.facts.executable,
      gilEnabled: python.facts.gilEnabled,
      freeThreadedBuild: python.facts.freeThreadedBuild,
    })),
    unavailable: [...byReason].map(([reason, models]) => ({ models, reason })),
  };
}

export function interpreterInfo(python: FoundPython): PythonInterpreterInfo {
  const { version, implementation, executable, gilEnabled, freeThreadedBuild } = python.facts;
  return { foundBy: python.foundBy, version, implementation, executable, gilEnabled, freeThreadedBuild };
}

/** What the UI is told of the machine's Python: every interpreter found, and each py-* model that cannot run. */
export function pythonInfo(discovery: Discovery): PythonInfo {
  const { unavailable } = choosePythons(PYTHON_MODELS, discovery);
  return {
    interpreters: discovery.found.map(interpreterInfo),
    reason: discovery.reason ?? null,
    unavailable: Object.fromEntries(unavailable),
  };
}
