// Bundles the engine's runnable entries (CLI, worker-thread and child-process entries, benchmark, browser
// server) into out/lab with esbuild. Worker and process entries are fully self-contained so they load the
// same way from a source checkout, from the tests and from the packaged app (asarUnpack).
import { build } from 'esbuild';
import { cpSync, existsSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const quiet = process.argv.includes('--quiet');
const outdir = path.join(root, 'out', 'lab');

/** [output name, source, self-contained] */
const entries = [
  // One entry per runtime, serving experiment runs and demo kernels alike.
  ['thread-entry', 'workloads/entries/thread-entry.ts', true],
  ['process-entry', 'workloads/entries/process-entry.ts', true],
  // The CPU sampler's own thread, kept small: it starts with every experiment.
  ['sampler-entry', 'workloads/entries/sampler-entry.ts', true],
  // A whole program the daemon demo runs as its own process (it must end by itself).
  ['demo-exit', 'workloads/demos/exit-child.ts', true],
  ['cli', 'electron/lab/cli/main.ts', false],
  ['bench', 'bench/bench.ts', false],
  ['handoff-worker', 'bench/handoff-worker.ts', true],
  ['floor-worker', 'bench/floor-worker.ts', true],
  ['serve', 'electron/lab/serve/main.ts', false],
];

const started = performance.now();
for (const [name, src, selfContained] of entries) {
  const file = path.join(root, src);
  if (!existsSync(file)) {
    // The Python driver and kernels are shipped as source beside the bundles (out/lab/python), where the packaged
    // app finds them unpacked from the asar archive like the worker entries; an interpreter cannot read an asar.
    const pythonOut = path.join(outdir, 'python');
    rmSync(pythonOut, { recursive: true, force: true });
    cpSync(path.join(root, 'workloads', 'python'), pythonOut, {
      recursive: true,
      filter: (src) => !src.includes('__pycache__') && (!path.extname(src) || src.endsWith('.py')),
    });
    if (!quiet) console.log(`build-lab: ${src} not present yet, skipped`);
    continue;
  }
  await build({
    entryPoints: { [name]: file },
    outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    packages: selfContained ? undefined : 'external',
    banner: selfContained
      ? undefined
      : { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    logLevel: 'warning',
  });
}
// The Python driver and kernels are shipped as source beside the bundles (out/lab/python), where the packaged
// app finds them unpacked from the asar archive like the worker entries; an interpreter cannot read an asar.
const pythonOut = path.join(outdir, 'python');
rmSync(pythonOut, { recursive: true, force: true });
cpSync(path.join(root, 'workloads', 'python'), pythonOut, {
  recursive: true,
  filter: (src) => !src.includes('__pycache__') && (!path.extname(src) || src.endsWith('.py')),
});
if (!quiet) console.log(`build-lab: out/lab built in ${Math.round(performance.now() - started)} ms`);
