/**
 * The builder's "Open your own workload…" as plain state. A file is checked before it is read (its type and
 * size, so a large file never reaches memory); the engine's refusal becomes one line that names the file;
 * and opening a file changes the builder's form: the workload is offered and chosen with its declared
 * defaults, the models of its language are chosen (the CLI's default for a file alone), and the other
 * language's models are marked as not fitting while it is chosen. The engine, not the page, knows which file
 * is open: a builder that mounts (after a reload) asks it and restores the file.
 */
import { isBaseline, type Model, type WorkloadMeta } from '../../electron/common/config';
import {
  DEFAULT_MODELS,
  unfitReason,
  USER_WORKLOAD_LIMITS,
  userWorkloadLanguage,
  userWorkloadMeta,
  type UserWorkloadRecord,
} from '../../electron/common/user-workload';
import type { BuilderForm } from './builder';
import { toErrorView } from './errors';

/** The picker: the file the engine holds (the builder offers it), a file being checked, the last refusal. */
export interface OwnWorkload {
  readonly record: UserWorkloadRecord | null;
  /** the name of the file being read and checked, or null */
  readonly opening: string | null;
  /** why the last file could not be opened, starting with its name, or null */
  readonly error: string | null;
}

export const NO_OWN_WORKLOAD: OwnWorkload = { record: null, opening: null, error: null };

export const LANGUAGE_TITLE: Readonly<Record<UserWorkloadRecord['language'], string>> = {
  js: 'JavaScript',
  python: 'Python',
};

/** Why a file is refused before it is read (not .mjs/.py, or too large), naming it; null when it may be. */
export function refuseBeforeReading(fileName: string, sizeBytes: number): string | null {
  if (!userWorkloadLanguage(fileName))
    return `${fileName}: a workload file must be a .mjs (JavaScript module) or .py (Python) file`;
  const max = USER_WORKLOAD_LIMITS.fileBytes;
  if (sizeBytes > max)
    return `${fileName}: is ${sizeBytes} bytes; a workload file may have at most ${max} (${max / 2 ** 20} MiB)`;
  return null;
}

/**
 * The engine's refusal as one line. Its own messages already start with the file's name and say the problem
 * (`bad.mjs: bad meta: meta.kind must be 'cpu' or 'io'`); anything else (a refused argument, a lost
 * connection) gets the name put in front, with the fields it names.
 */
export function openError(fileName: string, err: unknown): string {
  const view = toErrorView(err);
  const raw = typeof err === 'object' && err !== null ? (err as { message?: unknown }).message : undefined;
  const message = typeof raw === 'string' && raw ? raw : view.message;
  if (message.startsWith(`${fileName}:`)) return message;
  const fields = view.issues.map((i) => `${i.field} ${i.message}`).join('; ');
  return `${fileName}: ${fields || message}`;
}

/** The catalog the builder offers: the engine's workloads, and the opened file's as one more. */
export function catalogWith(
  catalog: readonly WorkloadMeta[],
  record: UserWorkloadRecord | null,
): readonly WorkloadMeta[] {
  if (!record) return catalog;
  return [...catalog.filter((w) => w.name !== record.meta.name), userWorkloadMeta(record)];
}

/**
 * The form once a file is opened: its workload chosen alone with its declared defaults (opening a file says
 * "run this"; the others stay a click away), a previously opened file's entry gone, and the models of its
 * language chosen, without the baseline, which always runs.
 */
export function formWithOwn(
  form: BuilderForm,
  record: UserWorkloadRecord,
  previous: UserWorkloadRecord | null,
): BuilderForm {
  const workloads = Object.fromEntries(
    Object.entries(form.workloads)
      .filter(([name]) => name !== previous?.meta.name)
      .map(([name, w]) => [name, { ...w, on: false }]),
  );
  workloads[record.meta.name] = { on: true, params: declaredDefaults(record) };
  return { ...form, workloads, models: DEFAULT_MODELS[record.language].filter((m) => !isBaseline(m)) };
}

/** The file's parameters at their declared defaults, as the form holds them (text). */
function declaredDefaults(record: UserWorkloadRecord): Record<string, string> {
  return Object.fromEntries(Object.entries(record.meta.params).map(([n, p]) => [n, String(p.default)]));
}

/**
 * The form when the engine says it still holds a file opened before (the page was reloaded, or the builder
 * shown again): chosen as when it was opened; but a form that already names it is left as it is, and one
 * that started from a report's settings only gains it, not chosen, so those settings stay what was asked for.
 */
export function formRestoring(
  form: BuilderForm,
  record: UserWorkloadRecord,
  fromReport: boolean,
): BuilderForm {
  if (form.workloads[record.meta.name]) return form;
  if (!fromReport) return formWithOwn(form, record, null);
  return {
    ...form,
    workloads: { ...form.workloads, [record.meta.name]: { on: false, params: declaredDefaults(record) } },
  };
}

/** The models the opened file cannot run on, each with the engine's reason, while it is chosen. */
export function unfitModels(
  record: UserWorkloadRecord | null,
  form: Pick<BuilderForm, 'workloads'>,
  models: readonly Model[],
): Partial<Record<Model, string>> {
  if (!record || !form.workloads[record.meta.name]?.on) return {};
  const out: Partial<Record<Model, string>> = {};
  for (const m of models) {
    const why = unfitReason(record, m);
    if (why !== null) out[m] = why;
  }
  return out;
}
