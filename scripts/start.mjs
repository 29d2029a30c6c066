// `npm start`: builds ThreadLab and opens the desktop app. Electron 45 downloads its binary only when first
// asked for it, so where the binary is missing this runs the electron package's own installer
// (node_modules/electron/install.js, which uses @electron/get: ELECTRON_MIRROR, ELECTRON_CUSTOM_DIR, its
// download cache and the checksums bundled with the package), says where it downloads from, and starts the
// app. Only if that fails does it say what was tried and why, and point to the browser mode; no stack trace.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FETCH_REPORT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'electron-fetch-report.mjs');
const BYTES_PER_MB = 1024 * 1024;
const PROGRESS_STEP_PERCENT = 10;

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

/**
 * The environment the installer runs in. install.js passes `electron_config_cache` to @electron/get as its
 * cache folder; ELECTRON_CACHE is the name Electron's documentation and older downloaders use, so it is
 * honoured too. Node's fetch ignores HTTP(S)_PROXY unless @electron/get is asked to install a proxy agent
 * (ELECTRON_GET_USE_PROXY). Its own progress bar is switched off because the progress is reported here.
 */
export function installerEnv(env = process.env) {
  const out = { ...env, ELECTRON_GET_NO_PROGRESS: '1' };
  if (env.ELECTRON_CACHE && !env.electron_config_cache) out.electron_config_cache = env.ELECTRON_CACHE;
  const proxy = env.HTTPS_PROXY || env.https_proxy || env.HTTP_PROXY || env.http_proxy;
  if (proxy && !env.ELECTRON_GET_USE_PROXY) out.ELECTRON_GET_USE_PROXY = '1';
  return out;
}

const NETWORK_ERRORS = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'timed out',
  UND_ERR_CONNECT_TIMEOUT: 'timed out while connecting',
  UND_ERR_HEADERS_TIMEOUT: 'timed out waiting for the response',
  UND_ERR_BODY_TIMEOUT: 'timed out during the download',
};

/** Why the last request failed, in words, or null when it did not fail at the network or HTTP level. */
function requestFailure(event) {
  if (!event) return null;
  if (event.error !== undefined) {
    if (NETWORK_ERRORS[event.code]) return `${NETWORK_ERRORS[event.code]} (${event.code})`;
    return event.code ? `${event.error} (${event.code})` : event.error;
  }
  if (event.status >= 400) return `HTTP ${event.status}${event.statusText ? ` ${event.statusText}` : ''}`;
  return null;
}

/** The installer's error in one line: its stderr without the stack frames and Node's warnings. */
function installerError(stderr) {
  const line = stderr
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l && !l.startsWith('at ') && !/^\(node:\d+\)|^\(Use `node --trace-/.test(l));
  return line ?? 'the installer failed without saying why';
}

export function installFailureMessage(tried, reason) {
  return (
    'ThreadLab: the desktop app needs the Electron binary, and installing it failed.\n' +
    `  tried:  ${tried}\n` +
    `  reason: ${reason}\n` +
    'Set ELECTRON_MIRROR to a mirror this machine can reach (or ELECTRON_CACHE to a folder holding the zip),\n' +
    'or run `npm run serve` for the same UI in your browser.'
  );
}

/**
 * Runs node_modules/electron/install.js with scripts/electron-fetch-report.mjs loaded into it, relays what it
 * does (downloading from where, progress, or "from the cache" when it made no request), and resolves to
 * `{ ok: true, binary, downloaded }` or `{ ok: false, message }`. Never starts Electron.
 */
export function installElectron(
  projectRoot = root,
  { env = process.env, log = (line) => console.error(line) } = {},
) {
  const pkgDir = path.join(projectRoot, 'node_modules', 'electron');
  const installer = path.join(pkgDir, 'install.js');
  const { version } = JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
  log(`ThreadLab: the Electron ${version} binary is missing; running the electron package's installer.`);
  const child = spawn(process.execPath, ['--import', pathToFileURL(FETCH_REPORT).href, installer], {
    cwd: projectRoot,
    env: installerEnv(env),
    stdio: ['ignore', 'inherit', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const requests = [];
  let nextPercent = PROGRESS_STEP_PERCENT;
  createInterface({ input: child.stdio[3] }).on('line', (line) => {
    const event = JSON.parse(line);
    if (event.receivedBytes !== undefined) {
      if (!event.totalBytes) return;
      const percent = (100 * event.receivedBytes) / event.totalBytes;
      if (percent < nextPercent) return;
      nextPercent = (Math.floor(percent / PROGRESS_STEP_PERCENT) + 1) * PROGRESS_STEP_PERCENT;
      log(
        `  ${Math.floor(percent)}% (${Math.round(event.receivedBytes / BYTES_PER_MB)} of ${Math.round(event.totalBytes / BYTES_PER_MB)} MB)`,
      );
      return;
    }
    requests.push(event);
    if (event.status === undefined && event.error === undefined) log(`ThreadLab: downloading ${event.url}`);
    else if (event.status < 400 && event.totalBytes)
      log(`  ${Math.round(event.totalBytes / BYTES_PER_MB)} MB, once: later starts use the download cache.`);
  });
  return new Promise((resolve) => {
    child.on('error', (error) =>
      resolve({ ok: false, message: installFailureMessage(installer, error.message) }),
    );
    child.on('close', (code) => {
      const binary = electronBinary(projectRoot);
      if (code === 0 && binary) {
        log(
          requests.length
            ? 'ThreadLab: Electron installed.'
            : 'ThreadLab: Electron installed from the download cache, without the network.',
        );
        resolve({ ok: true, binary, downloaded: requests.length > 0 });
        return;
      }
      const last = requests.at(-1);
      const reason =
        requestFailure(last) ??
        (code === 0 ? `the installer left no binary under ${pkgDir}` : installerError(stderr));
      resolve({
        ok: false,
        message: installFailureMessage(last?.url ?? `${installer} (no download was attempted)`, reason),
      });
    });
  });
}

function run(args) {
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

async function main() {
  if (!electronBinary()) {
    const installed = await installElectron();
    if (!installed.ok) {
      console.error(installed.message);
      process.exit(1);
    }
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

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) void main();
