/**
 * A workload the user wrote: one file (an ES module `.mjs`, or a Python module `.py`) that declares its
 * units and parameters in `meta` / `META` and computes one unit in `unit(index, params)`, returning an
 * integer. The integer is reduced to the same unsigned 32-bit checksum the built-in kernels return, so the
 * sequential run checks every other model as it does for them. Pure: the host loads the file
 * (electron/lab/user-workload), the workers run it (workloads/user-kernel.ts, workloads/python/kernels.py).
 */
import { z } from 'zod';
import { JS_MODELS, PYTHON_MODELS, type Model, type WorkloadMeta } from './config';
import { LabError } from './errors';
import { param } from './params';

export const USER_WORKLOAD_LIMITS = {
  /** a unit is at least one run of the user's function; 10,000 keeps a run's bookkeeping small */
  units: 10_000,
  params: 16,
  /** the file is read whole, hashed and (in browser mode) carried over the socket */
  fileBytes: 1024 * 1024,
} as const;

export type UserWorkloadLanguage = 'js' | 'python';

/** What a file's extension says it is, or null when it is neither. */
export function userWorkloadLanguage(file: string): UserWorkloadLanguage | null {
  if (file.endsWith('.mjs')) return 'js';
  if (file.endsWith('.py')) return 'python';
  return null;
}

/** Does `--workload` name a file rather than a built-in workload? */
export function looksLikeWorkloadFile(name: string): boolean {
  return /[\\/]/.test(name) || /\.(mjs|py|js|cjs|ts)$/.test(name);
}

/** The models a user workload in this language runs on: its own runtime's family. */
export function modelsFor(language: UserWorkloadLanguage): readonly Model[] {
  return language === 'js' ? JS_MODELS : PYTHON_MODELS;
}

/**
 * The models a run of work in this language takes when none are chosen: the CLI's `--models` default, and
 * what the app's builder picks when a file is opened. Each family's baseline, its threads and its processes
 * (plus the emulated GIL beside Node's): the comparison the lab is about, without the slower extras.
 */
export const DEFAULT_MODELS: Readonly<Record<UserWorkloadLanguage, readonly Model[]>> = {
  js: ['sequential', 'threads', 'processes', 'gil'],
  python: ['py-sequential', 'py-threads', 'py-processes'],
};

/** Why this user workload cannot run on `model` (its file is the other language's), or null when it can. */
export function unfitReason(
  record: Pick<UserWorkloadRecord, 'file' | 'language'>,
  model: Model,
): string | null {
  const fits = modelsFor(record.language);
  if (fits.includes(model)) return null;
  return `${record.file} is ${record.language === 'js' ? 'JavaScript' : 'Python'}: it runs on ${fits.join(', ')} only`;
}

const finite = z
  .number({ error: 'must be a number' })
  .refine(Number.isFinite, { error: 'must be a finite number' });

const UserParamSchema = z
  .strictObject({
    default: finite,
    min: finite,
    max: finite,
    description: z.string().max(200, { error: 'must be at most 200 characters' }).optional(),
  })
  .refine((p) => p.min <= p.default && p.default <= p.max, { error: 'must have min <= default <= max' });

export const UserMetaSchema = z.strictObject({
  name: z
    .string({ error: 'must be a name' })
    .regex(/^[a-z][a-z0-9-]{0,39}$/, { error: 'must be 1-40 of a-z, 0-9 and -, starting with a letter' }),
  kind: z.enum(['cpu', 'io'], { error: "must be 'cpu' or 'io'" }),
  units: z
    .number({ error: 'must be a number' })
    .int({ error: 'must be a whole number' })
    .min(1, { error: 'must be at least 1' })
    .max(USER_WORKLOAD_LIMITS.units, { error: `must be at most ${USER_WORKLOAD_LIMITS.units}` }),
  params: z
    .record(
      // The CLI's `-p name=value` accepts these names only.
      z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,39}$/, { error: 'names must be letters and digits' }),
      UserParamSchema,
      { error: 'must be an object of name: {default, min, max}' },
    )
    .refine((p) => Object.keys(p).length <= USER_WORKLOAD_LIMITS.params, {
      error: `must have at most ${USER_WORKLOAD_LIMITS.params} parameters`,
    })
    .default({}),
  title: z.string().max(100, { error: 'must be at most 100 characters' }).optional(),
  description: z.string().max(500, { error: 'must be at most 500 characters' }).optional(),
});
export type UserMeta = z.output<typeof UserMetaSchema>;

/** What a report records of the user workload it ran: enough to say which file, which version, which meta. */
export const UserWorkloadRecordSchema = z.strictObject({
  /** the file's name, without its folder (a report may travel; the folder is the user's business) */
  file: z.string().max(255),
  language: z.enum(['js', 'python']),
  /** SHA-256 of the file's bytes, hex */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  meta: UserMetaSchema,
});
export type UserWorkloadRecord = z.output<typeof UserWorkloadRecordSchema>;

/** Checks a file's declared meta; the error names the file and each bad field (`meta.units`). */
export function parseUserMeta(raw: unknown, file: string, builtIns: readonly string[]): UserMeta {
  const parsed = UserMetaSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({
      field: ['meta', ...i.path.map(String)].join('.'),
      message: i.message,
    }));
    throw new LabError(
      'invalid-config',
      `${file}: bad meta: ${issues.map((i) => `${i.field} ${i.message}`).join('; ')}`,
      issues.map((i) => ({ field: `${file}: ${i.field}`, message: i.message })),
    );
  }
  if (builtIns.includes(parsed.data.name))
    throw new LabError(
      'invalid-config',
      `${file}: meta.name '${parsed.data.name}' is a built-in workload's`,
      [{ field: `${file}: meta.name`, message: `'${parsed.data.name}' is a built-in workload's name` }],
    );
  return parsed.data;
}

/** The catalog entry of a user workload, so the experiment's params are validated like anyone's. */
export function userWorkloadMeta(record: UserWorkloadRecord): WorkloadMeta {
  const { meta, file } = record;
  return {
    name: meta.name,
    kind: meta.kind,
    title: meta.title ?? meta.name,
    description:
      meta.description ?? `Your own ${record.language === 'js' ? 'JavaScript' : 'Python'} workload (${file})`,
    params: Object.entries(meta.params).map(([name, p]) =>
      param(name, p.description ?? '', {
        min: p.min,
        max: p.max,
        default: p.default,
        integer: Number.isInteger(p.min) && Number.isInteger(p.max) && Number.isInteger(p.default),
      }),
    ),
  };
}

/**
 * A unit's result as the built-in kernels' checksum: any integer (number or bigint) modulo 2^32, as Python's
 * `value & 0xFFFFFFFF` reduces it, so the two languages agree on the same integer. Anything else is refused
 * with the file and unit named.
 */
export function unitChecksum(value: unknown, file: string, index: number): number {
  if (typeof value === 'bigint') return Number(BigInt.asUintN(32, value));
  if (typeof value === 'number' && Number.isSafeInteger(value))
    return Number(BigInt.asUintN(32, BigInt(value)));
  const shown = typeof value === 'number' ? String(value) : typeof value;
  throw new Error(`${file}: unit ${index} returned ${shown}, not an integer (number or bigint)`);
}
