/** Host resources some workloads need (a loopback echo server, a private temp folder), started before timing
 * and always torn down, whatever happened in between. */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startEchoServer } from '../../../workloads/echo-server';
import type { UnitEnv } from '../../common/workload';
import type { WorkloadDef } from '../../../workloads/types';

export interface HostResources {
  readonly env: UnitEnv;
  close(): Promise<void>;
}

export async function openResources(defs: readonly WorkloadDef[]): Promise<HostResources> {
  const closers: (() => Promise<void>)[] = [];
  const env: { echoPort?: number; tmpDir?: string } = {};
  try {
    if (defs.some((d) => d.needs?.echoServer)) {
      const server = await startEchoServer();
      env.echoPort = server.port;
      closers.push(() => server.close());
    }
    if (defs.some((d) => d.needs?.tmpDir)) {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'threadlab-'));
      env.tmpDir = dir;
      closers.push(() => rm(dir, { recursive: true, force: true }));
    }
  } catch (err) {
    await Promise.allSettled(closers.map((c) => c()));
    throw err;
  }
  return {
    env,
    close: async () => {
      await Promise.allSettled(closers.map((c) => c()));
    },
  };
}
