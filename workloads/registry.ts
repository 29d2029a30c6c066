/** Every workload the lab knows, in the order UIs list them. */
import type { WorkloadMeta } from '../electron/common/config';
import { fault } from './kernels/fault';
import { fileIo } from './kernels/file-io';
import { fnv } from './kernels/fnv';
import { mandelbrot } from './kernels/mandelbrot';
import { matmul } from './kernels/matmul';
import { mixed } from './kernels/mixed';
import { primes } from './kernels/primes';
import { sha256 } from './kernels/sha256';
import { sleep } from './kernels/sleep';
import { tcpEcho } from './kernels/tcp-echo';
import type { Params } from '../electron/common/workload';
import type { WorkloadDef } from './types';

export const WORKLOADS: readonly WorkloadDef[] = [
  primes,
  mandelbrot,
  matmul,
  fnv,
  sha256,
  sleep,
  fileIo,
  tcpEcho,
  mixed,
  fault,
];

const BY_NAME = new Map(WORKLOADS.map((w) => [w.name, w]));

export function getWorkload(name: string): WorkloadDef {
  const def = BY_NAME.get(name);
  if (!def) throw new Error(`unknown workload '${name}' (known: ${WORKLOADS.map((w) => w.name).join(', ')})`);
  return def;
}

/** Metadata only, without kernels: safe to serialise to the renderer or print in the CLI. */
export function workloadCatalog(): WorkloadMeta[] {
  return WORKLOADS.map(({ name, kind, title, description, params, hidden, size }) => ({
    name,
    kind,
    title,
    description,
    params,
    ...(hidden ? { hidden } : {}),
    ...(size ? { size } : {}),
  }));
}

/** Every parameter at its default, with `overrides` applied on top (not validated). */
export function defaultParams(def: WorkloadDef, overrides: Params = {}): Params {
  const params: Record<string, number> = {};
  for (const spec of def.params) params[spec.name] = spec.default;
  return { ...params, ...overrides };
}
