/**
 * User workload files for the tests: the two good examples (test/fixtures/user-workloads, the README's) and
 * broken ones of every kind, written into a fresh folder, each with the words its error must contain.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const GOOD = {
  js: path.resolve('test/fixtures/user-workloads/my-kernel.mjs'),
  python: path.resolve('test/fixtures/user-workloads/my_kernel.py'),
} as const;

const JS_META = "export const meta = { name: 'broken', kind: 'cpu', units: 2 };\n";
const PY_META = 'META = {"name": "broken", "kind": "cpu", "units": 2}\n';

/** Files whose loading fails: name, text, and what the error must say. */
export const BROKEN_TO_LOAD: readonly { file: string; text: string; error: RegExp }[] = [
  { file: 'kernel.txt', text: 'x', error: /kernel\.txt: .*must be a \.mjs .* or \.py/ },
  {
    file: 'syntax.mjs',
    text: `${JS_META}export function unit(i) { return i +; }\n`,
    error: /syntax\.mjs: .*SyntaxError.*line 2/,
  },
  {
    file: 'syntax.py',
    text: `${PY_META}def unit(i, p):\n    return i +\n`,
    error: /syntax\.py: syntax error on line 3/,
  },
  { file: 'nounit.mjs', text: JS_META, error: /nounit\.mjs: exports no function unit/ },
  { file: 'nounit.py', text: PY_META, error: /nounit\.py: defines no function unit/ },
  {
    file: 'units.mjs',
    text: "export const meta = { name: 'broken', kind: 'cpu', units: 0 };\nexport function unit(i) { return i; }\n",
    error: /units\.mjs: bad meta: meta\.units must be at least 1/,
  },
  {
    file: 'units.py',
    text: 'META = {"name": "broken", "kind": "cpu", "units": 100000}\ndef unit(i, p):\n    return i\n',
    error: /units\.py: bad meta: meta\.units must be at most 10000/,
  },
  {
    file: 'param.mjs',
    text: "export const meta = { name: 'broken', kind: 'cpu', units: 2, params: { n: { default: 'a', min: 0, max: 3 } } };\nexport function unit(i) { return i; }\n",
    error: /param\.mjs: bad meta: meta\.params\.n\.default must be a number/,
  },
  {
    file: 'param.py',
    text: 'META = {"name": "broken", "kind": "cpu", "units": 2, "params": {"n": {"default": "a", "min": 0, "max": 3}}}\ndef unit(i, p):\n    return i\n',
    error: /param\.py: bad meta: meta\.params\.n\.default must be a number/,
  },
  {
    // 2 MiB printed on import: refused for what it printed, not as a hang
    file: 'chatty.mjs',
    text: `process.stdout.write('x'.repeat(2 * 1024 * 1024));\n${JS_META}export function unit(i) { return i; }\n`,
    error: /chatty\.mjs: importing it printed more than 1024 KiB/,
  },
  {
    file: 'chatty.py',
    text: `import sys\nsys.stdout.write('x' * (2 * 1024 * 1024))\n${PY_META}def unit(i, p):\n    return i\n`,
    error: /chatty\.py: importing it printed more than 1024 KiB/,
  },
];

/** Files that load but whose units fail: the failure's reason and message. */
export const BROKEN_TO_RUN = {
  js: {
    throws: `${JS_META}export function unit(i) { if (i === 1) throw new RangeError('boom'); return i; }\n`,
    float: `${JS_META}export function unit(i) { return i + 0.5; }\n`,
    hang: `${JS_META}export function unit() { for (;;); }\n`,
  },
  python: {
    throws: `${PY_META}def unit(i, p):\n    if i == 1:\n        raise ValueError("boom")\n    return i\n`,
    float: `${PY_META}def unit(i, p):\n    return i + 0.5\n`,
    hang: `${PY_META}def unit(i, p):\n    while True:\n        pass\n`,
  },
} as const;

export const EXT = { js: 'mjs', python: 'py' } as const;

/** A fresh folder to write broken files into; `done` removes it. */
export function scratch(): { dir: string; write(file: string, text: string): string; done(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'threadlab-user-'));
  return {
    dir,
    write(file, text) {
      const p = path.join(dir, file);
      writeFileSync(p, text);
      return p;
    },
    done: () => rmSync(dir, { recursive: true, force: true }),
  };
}
