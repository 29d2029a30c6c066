// `npm start`: builds ThreadLab and opens the desktop app. Where the Electron binary is missing (it is
// downloaded from GitHub when the electron package installs, and some networks cannot reach GitHub), says
// so once and points to the browser mode instead of failing with a stack trace.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Where the electron package keeps its binary (the same lookup as electron/index.js), or null if absent. */
export function electronBinary(projectRoot = root) {
  const pkgDir = path.join(projectRoot, 'node_modules', 'electron');
  const pathTxt = path.join(pkgDir, 'path.txt');
  if (!existsSync(pathTxt)) return null;
  const relative = readFileSync(pathTxt, 'utf8').trim();
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH || path.join(pkgDir, 'dist');
  const binary = path.join(distDir, relative);
  return relative && existsSync(binary) ? binary : null;
}

export const MISSING_ELECTRON_MESSAGE =
  'ThreadLab: the Electron binary is not installed on this machine. It is downloaded from GitHub when the ' +
  'electron package installs, and this network could not reach GitHub.\n' +
  'Run `npm run serve` for the same UI in your browser.';

function run(args) {
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function main() {
  if (!electronBinary()) {
    console.error(MISSING_ELECTRON_MESSAGE);
    process.exit(1);
  }
  run([path.join(root, 'scripts', 'build-lab.mjs'), '--quiet']);
  // electron-vite preview builds main, preload and renderer, then starts Electron on package.json "main".
  const child = spawn(
    process.execPath,
    [
      path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'),
      'preview',
      ...process.argv.slice(2),
    ],
    { cwd: root, stdio: 'inherit' },
  );
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();
