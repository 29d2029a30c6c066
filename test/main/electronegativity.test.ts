/**
 * Electronegativity (Doyensec's Electron security linter) over the shell and engine sources; any HIGH
 * finding fails. It lives in tools/electronegativity with its own lockfile so its old dependency tree never
 * reaches the app, and runs through tools/electronegativity/scan.cjs. A canary file with a known-bad window
 * is scanned alongside, proving the scanner really reads our TypeScript and that this test can fail.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const TOOL_DIR = path.resolve('tools/electronegativity');
const SCAN = path.join(TOOL_DIR, 'scan.cjs');
const INSTALLED = path.join(TOOL_DIR, 'node_modules/@doyensec/electronegativity/package.json');
const ELECTRON_VERSION = (
  JSON.parse(readFileSync(path.resolve('node_modules/electron/package.json'), 'utf8')) as { version: string }
).version;

const CANARY = `import { BrowserWindow } from 'electron';
export const bad = () => new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } });
`;

interface Finding {
  readonly id: string;
  readonly severity: 'INFORMATIONAL' | 'LOW' | 'MEDIUM' | 'HIGH';
  readonly confidence: string;
  readonly file: string;
  readonly line: number;
  readonly description: string;
}

interface ScanResult {
  readonly checks: number;
  readonly findings: Finding[];
  readonly errors: { file: string; message: string; tolerable: boolean }[];
}

describe('electronegativity', () => {
  let work: string;
  let scan: ScanResult;
  let ours: Finding[];

  beforeAll(() => {
    if (!existsSync(INSTALLED)) {
      // A fresh clone (CI): install the pinned tool into its own folder only.
      execFileSync('npm', ['ci', '--prefix', TOOL_DIR, '--no-audit', '--no-fund'], {
        stdio: 'inherit',
        shell: process.platform === 'win32',
      });
    }
    work = mkdtempSync(path.join(os.tmpdir(), 'threadlab-electronegativity-'));
    cpSync(path.resolve('electron'), work, { recursive: true });
    writeFileSync(path.join(work, 'canary-insecure-window.ts'), CANARY);
    const out = execFileSync(process.execPath, [SCAN, work, ELECTRON_VERSION], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 120_000,
    });
    scan = JSON.parse(out) as ScanResult;
    ours = scan.findings.filter((f) => !f.file.includes('canary'));
    console.info(
      `electronegativity (${scan.checks} checks, Electron ${ELECTRON_VERSION}): ${ours.length} finding(s) in electron/\n` +
        ours
          .map(
            (f) =>
              `  ${f.severity.padEnd(6)} ${f.confidence.padEnd(9)} ${f.id} ${f.file}:${f.line} ${f.description}`,
          )
          .join('\n'),
    );
  }, 300_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('reads every source file and catches the canary', () => {
    expect(scan.checks).toBeGreaterThan(30);
    expect(scan.errors.filter((e) => !e.tolerable)).toEqual([]);
    const canary = scan.findings
      .filter((f) => f.file.includes('canary') && f.severity === 'HIGH')
      .map((f) => f.id);
    expect(canary).toContain('CONTEXT_ISOLATION_JS_CHECK');
  });

  it('finds nothing HIGH in electron/', () => {
    expect(ours.filter((f) => f.severity === 'HIGH')).toEqual([]);
  });

  it('sees the hardening it looks for: a CSP, sandbox, navigation limits, a permission handler', () => {
    const seen = ours.map((f) => `${f.id}: ${f.description}`);
    for (const id of [
      'SANDBOX_JS_CHECK',
      'LIMIT_NAVIGATION_GLOBAL_CHECK',
      'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK',
    ]) {
      expect(
        seen.filter((x) => x.startsWith(`${id}:`)),
        id,
      ).toEqual([]);
    }
    expect(seen.filter((x) => x.startsWith('CSP_GLOBAL_CHECK: No CSP'))).toEqual([]);
  });
});
