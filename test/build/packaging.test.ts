/**
 * What electron-builder will package: every file that package.json, electron-builder.yml and the main process
 * refer to must exist in the build output, and the bundles may only load what the packaged app will have.
 * The build runs here without the Electron binary; packaging itself needs it and is not run.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CSP_META } from '../../electron/lab/serve/csp';
import { appPaths, LAB_ENTRY_FILES } from '../../electron/main/paths';

const ROOT = path.resolve('.');
const OUT_MAIN = path.join(ROOT, 'out', 'main');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  main: string;
  dependencies: Record<string, string>;
};
const paths = appPaths(OUT_MAIN);
const BUILT = [path.join(ROOT, pkg.main), paths.preload, paths.rendererHtml];
const SOURCES = ['electron', 'renderer', 'workloads', 'electron.vite.config.ts'];

function newestMtime(p: string): number {
  const info = statSync(p);
  if (!info.isDirectory()) return info.mtimeMs;
  return Math.max(0, ...readdirSync(p).map((name) => newestMtime(path.join(p, name))));
}

/** Bare module names a bundle imports or requires, e.g. `zod`, `electron`, `node:path`. */
function importsOf(file: string): string[] {
  const code = readFileSync(file, 'utf8');
  const names = new Set<string>();
  for (const re of [
    /^import\s[^'"]*?from\s*["']([^"']+)["']/gm,
    /^import\s*["']([^"']+)["']/gm,
    /\brequire\(["']([^"']+)["']\)/g,
    /\bimport\(["']([^"']+)["']\)/g,
  ]) {
    for (const m of code.matchAll(re)) if (m[1] && !m[1].startsWith('.')) names.add(m[1]);
  }
  return [...names];
}

const packageOf = (spec: string) =>
  spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] ?? spec);
const isBuiltin = (spec: string) =>
  spec.startsWith('node:') || builtinModules.includes(spec.split('/')[0] ?? spec);

function globToRegExp(glob: string): RegExp {
  const body = glob
    .split('**')
    .map((part) => part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*'))
    .join('.*');
  return new RegExp(`^${body}$`);
}

/** electron-builder's own loader and schema check (it ships with electron-builder). */
async function loadBuilderConfig(): Promise<Record<string, unknown>> {
  const require = createRequire(path.join(ROOT, 'package.json'));
  const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
    getConfig(dir: string, file: string, extra: null): Promise<Record<string, unknown>>;
    validateConfiguration(config: Record<string, unknown>, logger: unknown): Promise<void>;
  };
  const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
  const config = await getConfig(ROOT, 'electron-builder.yml', null);
  await validateConfiguration(config, new DebugLogger(false));
  return config;
}

describe('packaging', () => {
  beforeAll(() => {
    // Build when the output is missing or older than the sources, so the checks see the current code.
    const builtAt = Math.min(...BUILT.map((f) => (existsSync(f) ? statSync(f).mtimeMs : 0)));
    const changedAt = Math.max(...SOURCES.map((s) => newestMtime(path.join(ROOT, s))));
    if (builtAt < changedAt) {
      execFileSync(
        process.execPath,
        [
          path.join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'),
          'build',
          '--logLevel',
          'warn',
        ],
        {
          cwd: ROOT,
          stdio: 'inherit',
        },
      );
    }
  }, 180_000);

  it('has every file the shell opens: main, preload, index.html and the engine entries', () => {
    for (const file of BUILT) expect(existsSync(file), file).toBe(true);
    for (const name of LAB_ENTRY_FILES) expect(existsSync(path.join(paths.labDir, name)), name).toBe(true);
    expect(paths.preload.endsWith('.cjs')).toBe(true);
  });

  it('index.html loads only files that exist, has no inline script, and carries the shared CSP', () => {
    const html = readFileSync(paths.rendererHtml, 'utf8');
    const refs = [...html.matchAll(/\b(?:src|href)="([^"]+)"/g)]
      .map((m) => m[1] ?? '')
      .filter((r) => !r.startsWith('data:'));
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      expect(ref, 'relative URL (base ./ for file://)').toMatch(/^\.\//);
      expect(existsSync(path.join(path.dirname(paths.rendererHtml), ref)), ref).toBe(true);
    }
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    const metas = [...html.matchAll(/http-equiv="Content-Security-Policy"\s+content="([^"]*)"/g)].map((m) =>
      (m[1] ?? '').replace(/&#39;/g, "'"),
    );
    expect(metas).toEqual([CSP_META]);
  });

  it('the sandboxed preload requires nothing but electron', () => {
    expect(importsOf(paths.preload)).toEqual(['electron']);
  });

  it('the main bundle loads only builtins, electron and runtime dependencies', () => {
    const main = path.join(ROOT, pkg.main);
    const external = importsOf(main).filter((s) => !isBuiltin(s) && s !== 'electron');
    for (const spec of external) expect(Object.keys(pkg.dependencies), spec).toContain(packageOf(spec));
    expect(readFileSync(main, 'utf8')).not.toMatch(/from ["']ws["']/);
  });

  it('electron-builder.yml passes electron-builder’s schema and packs and unpacks the right files', async () => {
    const config = await loadBuilderConfig();
    expect(config.productName).toBe('ThreadLab');
    const files = (config.files as { filter: string[] }[]).flatMap((f) => f.filter);
    const included = (rel: string) => {
      let ok = false;
      for (const pattern of files) {
        if (pattern.startsWith('!')) {
          if (globToRegExp(pattern.slice(1)).test(rel)) ok = false;
        } else if (globToRegExp(pattern).test(rel)) ok = true;
      }
      return ok;
    };
    const needed = [
      pkg.main,
      ...BUILT.slice(1),
      ...LAB_ENTRY_FILES.map((f) => path.join(paths.labDir, f)),
    ].map((f) => path.relative(ROOT, path.resolve(ROOT, f)).split(path.sep).join('/'));
    for (const rel of [...needed, 'package.json']) expect(included(rel), rel).toBe(true);
    const unpack = (config.asarUnpack as string[]).map(globToRegExp);
    for (const name of LAB_ENTRY_FILES)
      expect(
        unpack.some((re) => re.test(`out/lab/${name}`)),
        name,
      ).toBe(true);
  });

  it('electron-builder.yml flips every fuse the security checklist asks for', async () => {
    const config = await loadBuilderConfig();
    expect(config.electronFuses).toEqual({
      // On only while the processes model forks the binary as Node; see electron/main/utility-launcher.ts.
      runAsNode: true,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
      loadBrowserProcessSpecificV8Snapshot: false,
    });
    // Integrity validation covers app.asar only: it must be built as one.
    expect(config.asar).toBe(true);
  });

  it('the unpacked engine path is where asarUnpack puts it', () => {
    const packaged = appPaths(path.resolve('/opt/ThreadLab/resources/app.asar/out/main'));
    expect(packaged.labDir).toBe(path.resolve('/opt/ThreadLab/resources/app.asar.unpacked/out/lab'));
    expect(packaged.preload).toBe(path.resolve('/opt/ThreadLab/resources/app.asar/out/preload/index.cjs'));
  });
});
