/**
 * The workload contract. A workload is a pure kernel split into equal units of work; every unit returns a
 * 32-bit checksum so each execution model can be checked against sequential code.
 *
 * This file is pure TypeScript: no node:*, no DOM, no electron. The kernels themselves run in Node (some use
 * node:crypto, node:fs, node:net); UIs get workload metadata through LabApi.getInfo(), never by importing
 * the registry. The types the host and the UIs share with the kernels live in electron/common/workload.ts.
 */
import type { ParamSpec, Params, UnitEnv, UnitSize, WorkloadKind } from '../electron/common/workload';

/**
 * What a running unit may ask of the execution model. Under the emulated GIL:
 * - check() is a checkpoint: when another thread has asked for the lock, the holder drops it here;
 * - native() releases the lock around a synchronous native call (as CPython's hashlib does);
 * - io() releases the lock while the promise is pending.
 * For every other model these are plain pass-throughs.
 */
export interface UnitContext {
  check(): void;
  native<T>(fn: () => T): T;
  io<T>(fn: () => Promise<T>): Promise<T>;
  readonly env: UnitEnv;
}

/** A workload: metadata for the UI and CLI, and the kernel that runs one unit. */
export interface WorkloadDef {
  readonly name: string;
  readonly kind: WorkloadKind;
  readonly title: string;
  readonly description: string;
  readonly params: readonly ParamSpec[];
  /** Host resources this workload needs; the runner starts and stops them. */
  readonly needs?: { readonly echoServer?: boolean; readonly tmpDir?: boolean };
  /** Listed only with --all (fault-injection workloads used by tests and failure demos). */
  readonly hidden?: boolean;
  /** What sets a unit's work and how fast each family runs it: Python's default size, and estimates. */
  readonly size?: UnitSize;
  /**
   * Host-side, once before timing: fills in parameters that depend on this machine (e.g. a calibrated loop
   * rate), so every model then runs exactly the same work and the report records the values used.
   */
  resolveParams?(params: Params): Params;
  /** How many equal units the work splits into for these params. */
  unitCount(params: Params): number;
  /** Runs unit `index` (0-based) and returns its checksum (an unsigned 32-bit integer). */
  runUnit(params: Params, index: number, ctx: UnitContext): number | Promise<number>;
}

/** Order-independent combination of unit checksums (sum modulo 2^32). */
export function combineChecksums(checksums: Iterable<number>): number {
  let acc = 0;
  for (const c of checksums) acc = (acc + (c >>> 0)) % 0x1_0000_0000;
  return acc;
}
