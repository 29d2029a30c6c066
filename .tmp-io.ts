import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os'; import path from 'node:path';
import { startEchoServer } from './workloads/echo-server';
import { runSequentially } from './workloads/local-context';
import { defaultParams, WORKLOADS } from './workloads/registry';
const dir = await mkdtemp(path.join(os.tmpdir(), 'tl-')); const echo = await startEchoServer();
for (const def of WORKLOADS) { if (def.hidden) continue; const p = defaultParams(def);
  await runSequentially(def, p, { tmpDir: dir, echoPort: echo.port });
  const t = performance.now(); await runSequentially(def, p, { tmpDir: dir, echoPort: echo.port });
  console.log(def.name, def.kind, (performance.now() - t).toFixed(0), 'ms', JSON.stringify(p)); }
await echo.close(); await rm(dir, { recursive: true });
