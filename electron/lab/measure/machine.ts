/** The machine every report describes: CPU, cores, OS, memory, runtime versions. */
import os from 'node:os';
import si from 'systeminformation';
import type { Machine } from '../../common/report';

let cached: Promise<Machine> | null = null;

export function machineInfo(): Promise<Machine> {
  cached ??= readMachine();
  return cached;
}

async function readMachine(): Promise<Machine> {
  let cpuModel = os.cpus()[0]?.model?.trim() || 'unknown CPU';
  let physicalCores = 0;
  try {
    const cpu = await si.cpu();
    cpuModel = [cpu.manufacturer, cpu.brand].filter(Boolean).join(' ').trim() || cpuModel;
    physicalCores = cpu.physicalCores;
  } catch {
    // systeminformation is best effort; os.cpus() is always there
  }
  const logicalCores = os.availableParallelism();
  return {
    cpuModel,
    physicalCores: physicalCores || logicalCores,
    logicalCores,
    os: { platform: os.platform(), release: os.release(), arch: os.arch() },
    memoryBytes: os.totalmem(),
    node: process.versions.node,
    electron: process.versions.electron ?? null,
  };
}
