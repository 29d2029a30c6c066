/**
 * Report fields and error messages reach the terminal harmless: a hostile report's escape sequences and bidi
 * overrides, printed by every command that shows report text, come out as visible escapes.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isTerminalSafe } from '../../../electron/common/terminal-text';
import { SAMPLE_B_FILE, SAMPLE_FILE } from '../../fixtures/reports/fixtures';
import { labCli } from '../../support/lab';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'threadlab-terminal-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const lab = labCli(tmp, 60_000);

const ESC = '\u001b[2J\u001b[1;1H';
const FORGE = '\r\nprimes  threads  2  1.0  FAKE ROW\u001b]0;pwned\u0007';
const BIDI = '\u202Egnp.exe\u2066\u200f';

type Json = Record<string, unknown> & {
  config: { label: string };
  machine: { cpuModel: string; os: { platform: string }; node: string; governor?: string | null };
  results: { workload: string; failure: unknown; warnings: { kind: string; message: string }[] }[];
};

/** The sample with hostile text in every field a command prints. */
function hostileFile(): string {
  const r = JSON.parse(readFileSync(SAMPLE_FILE, 'utf8')) as Json;
  r.config.label = `label${ESC}${BIDI}`;
  r.machine.cpuModel = `cpu${FORGE}`;
  r.machine.os.platform = `linux${FORGE}`;
  r.machine.node = `20${FORGE}`;
  r.machine.governor = `powersave${FORGE}`;
  r.results = r.results.map((e, i) =>
    i === 1
      ? {
          ...e,
          failure: { reason: 'error', message: `boom${FORGE}${ESC}` },
          warnings: [{ kind: 'noisy', message: `noisy${ESC}` }],
        }
      : e,
  );
  const first = r.results[0];
  if (first) first.workload = `primes${BIDI}\u009b31m`;
  const dir = path.join(tmp, 'history');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'hostile.json');
  writeFileSync(file, JSON.stringify({ ...r, id: 'hostile' }));
  return file;
}

const hostile = hostileFile();

function expectHarmless(r: ReturnType<typeof lab>): void {
  const text = r.stdout + r.stderr;
  expect(text.length).toBeGreaterThan(0);
  expect(isTerminalSafe(text), JSON.stringify(text.slice(0, 400))).toBe(true);
}

describe('no control character from a report or an error reaches the terminal', () => {
  it('lab compare (table and --json)', () => {
    const table = lab('compare', hostile, SAMPLE_B_FILE);
    expect(table.status).toBe(0);
    expectHarmless(table);
    expect(table.stdout).toContain('\\u001b[2J');
    expect(table.stdout).toContain('\\u202e');
    const json = lab('compare', '--json', hostile, SAMPLE_B_FILE);
    expectHarmless(json);
    expect(JSON.parse(json.stdout)).toMatchObject({ a: { label: `label${ESC}${BIDI}` } });
  });

  it('lab history list and show', () => {
    const dir = path.dirname(hostile);
    const list = lab('history', 'list', '--dir', dir);
    expect(list.status).toBe(0);
    expectHarmless(list);
    expect(list.stdout).toContain('hostile');
    const show = lab('history', 'show', 'hostile', '--dir', dir);
    expect(show.status).toBe(0);
    expectHarmless(show);
    expect(show.stdout).toContain('boom\\u000d\\u000aprimes');
    // a line break in any machine field stays inside its line: no forged row
    expect(show.stdout).not.toMatch(/^primes {2}threads {2}2 {2}1\.0 {2}FAKE ROW/m);
    expect(show.stdout).toContain('linux\\u000d\\u000aprimes');
  });

  it('lab report, and error messages that quote the input', () => {
    expectHarmless(lab('report', hostile, '--out', path.join(tmp, 'h.csv')));
    const bad = path.join(tmp, `bad${ESC}.json`);
    writeFileSync(bad, JSON.stringify({ ...JSON.parse(readFileSync(SAMPLE_FILE, 'utf8')), [`x${ESC}`]: 1 }));
    const refused = lab('report', bad, '--out', path.join(tmp, 'b.md'));
    expect(refused.status).toBe(2);
    expectHarmless(refused);
    expect(refused.stderr).toContain('\\u001b[2J');
    expectHarmless(lab('compare', path.join(tmp, `missing${BIDI}.json`), SAMPLE_B_FILE));
    expectHarmless(lab('run', '-w', `primes${ESC}`, '--no-history', '-q'));
    expectHarmless(lab('run', '-w', 'primes', `--bogus${ESC}`));
  });
});
