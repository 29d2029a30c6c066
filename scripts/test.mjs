// `npm test`: everything that can run on this machine, one summary at the end.
// Steps: build the engine bundles, type-check, lint, the layering whitelist and cycles, then the whole vitest suite (unit, engine, CLI,
// browser end-to-end in real Chromium, Electron end-to-end where the binary exists). Checks count as tests;
// every skipped test is listed with its name so nothing is skipped silently.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];
const skips = [];

function step(title, cmd, args) {
  console.log(`\n=== ${title}: ${[path.basename(cmd), ...args].join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  if (r.status === 0) passed++;
  else {
    failed++;
    failures.push(title);
  }
  return r.status === 0;
}

step('build engine bundles', process.execPath, ['scripts/build-lab.mjs']);
step('typecheck', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
step('lint', bin('eslint'), ['.', '--max-warnings=0']);
// The folders and options live in package.json's lint:layers, so `npm run lint` checks exactly the same.
step('layering and import cycles', 'npm', ['run', '--silent', 'lint:layers']);

mkdirSync('.tmp', { recursive: true });
const jsonOut = path.join(root, '.tmp', 'vitest-results.json');
rmSync(jsonOut, { force: true });
const extra = process.argv.slice(2);
console.log('\n=== vitest');
const vt = spawnSync(
  bin('vitest'),
  ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${jsonOut}`, ...extra],
  {
    stdio: 'inherit',
    env: process.env,
  },
);
if (existsSync(jsonOut)) {
  const res = JSON.parse(readFileSync(jsonOut, 'utf8'));
  passed += res.numPassedTests;
  failed += res.numFailedTests;
  skipped += res.numPendingTests + res.numTodoTests;
  for (const file of res.testResults) {
    for (const t of file.assertionResults) {
      if (t.status === 'failed') failures.push(`${path.relative(root, file.name)} > ${t.fullName}`);
      if (t.status === 'pending' || t.status === 'skipped' || t.status === 'todo')
        skips.push(`${path.relative(root, file.name)} > ${t.fullName}`);
    }
    // A file that failed outside its tests (it did not load, or a beforeAll threw) reports its tests as
    // skipped, or none at all: it counts as a failure, never as a silent pass.
    if (file.status === 'failed' && !file.assertionResults.some((t) => t.status === 'failed')) {
      failed++;
      failures.push(
        `${path.relative(root, file.name)} (failed outside its tests: ${String(file.message).split('\n')[0]})`,
      );
    }
  }
} else {
  failed++;
  failures.push(`vitest produced no results (exit ${vt.status})`);
}
// Last guard: whatever the JSON says, a vitest that exited non-zero cannot end in a green summary.
if (vt.status !== 0 && failures.length === 0) {
  failed++;
  failures.push(`vitest exited with code ${vt.status}`);
}

console.log('');
if (skips.length) {
  console.log('SKIPPED (each test printed its reason above):');
  for (const s of skips) console.log(`  - ${s}`);
}
if (failures.length) {
  console.log('FAILED:');
  for (const f of failures) console.log(`  - ${f}`);
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
