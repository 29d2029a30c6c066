/**
 * Synthetic reports as large as the report schema allows (REPORT_LIMITS and the 50 MiB import limit), for the
 * benchmark's memory step and the tests that bound memory. Every list is filled with the longest text the
 * schema accepts, so what is measured is the worst a hostile but valid file can ask of a reader.
 */
import { MODELS } from '../electron/common/config';
import {
  REPORT_LIMITS,
  REPORT_SCHEMA,
  REPORT_VERSION,
  type Report,
  type ResultEntry,
} from '../electron/common/report';

export interface LimitsShape {
  readonly cells: number;
  readonly rawPerCell: number;
  /** timeline spans of each GIL cell */
  readonly spansPerGilCell: number;
  readonly samples: number;
  readonly cores: number;
}

/**
 * At the documented limits: every cell, every raw time the total allows, the longest failure message and
 * warnings; spans and samples up to what keeps the file under the 50 MiB import limit (at 1,500 cells the
 * rest comes to about 46 MiB, so spans and samples get what is left, with a margin for fields to come).
 */
export const AT_LIMITS: LimitsShape = {
  cells: REPORT_LIMITS.results,
  rawPerCell: REPORT_LIMITS.rawTotal / REPORT_LIMITS.results,
  spansPerGilCell: 200,
  samples: 3600,
  cores: 64,
};

const text = (n: number, seed: string) => seed.repeat(Math.ceil(n / seed.length)).slice(0, n);

/** A deterministic pseudo-random stream (xorshift), so two calls give the same report. */
function stream(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

function cell(i: number, shape: LimitsShape, rnd: () => number, slower: number): ResultEntry {
  const model = MODELS[i % MODELS.length] ?? 'threads';
  const base = 50 + (i % 97);
  const raw = Array.from({ length: shape.rawPerCell }, () => base * slower * (1 + rnd() * 0.2));
  const sorted = [...raw].sort((a, b) => a - b);
  const median = sorted[sorted.length >> 1] ?? base;
  const workers = 1 + Math.floor(i / MODELS.length / 13);
  const gil =
    model === 'gil'
      ? {
          switchIntervalMs: 5,
          threads: Array.from({ length: Math.min(workers, REPORT_LIMITS.workersPerCell) }, (_, t) => ({
            thread: t,
            holdMs: 1,
            waitMs: 1,
            ioMs: 0,
            acquisitions: 1,
            switches: 1,
            forcedDrops: 0,
          })),
          timeline: Array.from({ length: shape.spansPerGilCell }, (_, s) => ({
            thread: s % workers,
            state: (['hold', 'wait', 'io'] as const)[s % 3] ?? 'hold',
            startMs: s * 0.1,
            endMs: s * 0.1 + 0.05,
          })),
          timelineWallMs: shape.spansPerGilCell * 0.1,
          truncated: false,
        }
      : null;
  return {
    workload: `w${String(i % 13).padStart(2, '0')}-${text(96, 'x')}`,
    kind: 'cpu',
    model,
    workers,
    units: 8,
    wallMs: {
      median,
      mean: median,
      stddev: median * 0.05,
      min: sorted[0] ?? base,
      max: sorted[sorted.length - 1] ?? base,
      mad: median * 0.03,
      raw,
      outliers: [0],
    },
    speedup: { median: 1.5, ciLow: 1.4, ciHigh: 1.6 },
    efficiency: 0.75,
    warnings: (['noisy', 'too-short', 'outliers', 'first-run-slower', 'few-cores'] as const).map((kind) => ({
      kind,
      message: text(1000, `${kind} \u202e\u001b[2J `),
    })),
    checksum: 1,
    checksumOk: true,
    memoryBytes: Array.from({ length: Math.min(workers, REPORT_LIMITS.workersPerCell) }, () => 2 ** 24),
    gil,
    failure: { reason: 'error', message: text(4000, '=HYPERLINK("x") \u001b[1A\u202e ') },
  };
}

/** A schema-valid report of `shape`; `slower` scales every time (1.1: 10% slower than the other side). */
export function limitsReport(shape: LimitsShape = AT_LIMITS, slower = 1, seed = 1): Report {
  const rnd = stream(seed);
  return {
    schema: REPORT_SCHEMA,
    version: REPORT_VERSION,
    id: `limits-${seed}`,
    createdAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T01:00:00.000Z',
    status: 'complete',
    tool: { name: 'threadlab', version: '0.0.0' },
    machine: {
      cpuModel: text(300, 'CPU \u001b]0;title\u0007 '),
      physicalCores: shape.cores,
      logicalCores: shape.cores,
      os: { platform: 'linux', release: '6', arch: 'x64' },
      memoryBytes: 2 ** 34,
      node: '20',
      electron: null,
    },
    config: {
      label: text(200, 'label \u202e '),
      workloads: [{ name: 'primes', params: { units: 8 } }],
      models: [...MODELS],
      workers: [1, 2],
      repeat: shape.rawPerCell > 1000 ? 1000 : shape.rawPerCell,
      warmup: 0,
      switchIntervalMs: 5,
      timeoutMs: 120_000,
      sampleIntervalMs: 500,
      memoryLimitMb: 512,
      seed,
      timeline: true,
    },
    spawn: MODELS.map((model) => ({ model, workers: 2, perWorkerMs: 10, totalMs: 20 })),
    samples: {
      intervalMs: 500,
      points: Array.from({ length: shape.samples }, (_, i) => ({
        tMs: i * 500,
        loadPct: Array.from({ length: shape.cores }, () => Math.round(rnd() * 100)),
      })),
      samplerCpuPct: 0.1,
    },
    results: Array.from({ length: shape.cells }, (_, i) => cell(i, shape, rnd, slower)),
    fits: [],
  };
}
