import { spawnSync } from 'node:child_process';
import path from 'node:path';

/** Small parameters per workload: enough units to spread over workers, quick enough for a test suite. */
export const SMALL: Record<string, Record<string, number>> = {
  primes: { units: 6, span: 2000 },
  mandelbrot: { units: 6, size: 48, maxIter: 64 },
  matmul: { units: 6, n: 24 },
  fnv: { units: 6, kib: 16 },
  sha256: { units: 6, mib: 1, rounds: 1 },
  sleep: { units: 6, ms: 5 },
  'file-io': { units: 6, kib: 8 },
  'tcp-echo': { units: 6, roundTrips: 3, bytes: 256 },
  mixed: { units: 6, cpuPct: 50, unitMs: 4 },
};

/** Runs the built CLI (out/lab/cli.js) synchronously with THREADLAB_HOME set to `home`. */
export function labCli(home: string, timeoutMs = 120_000) {
  const cli = path.resolve('out/lab/cli.js');
  return (...args: string[]) =>
    spawnSync(process.execPath, [cli, ...args], {
      encoding: 'utf8',
      timeout: timeoutMs,
      env: { ...process.env, THREADLAB_HOME: home },
    });
}
