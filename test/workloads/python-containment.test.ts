/**
 * The driver's containment of what it starts on Windows (lanes.contain_descendants): a job object that kills
 * every process in it when the driver ends. Windows is not here, so what can be checked is what would break
 * it silently: the layout of the structure handed to SetInformationJobObject (a wrong size makes the call
 * fail, and the driver would run uncontained), and that elsewhere it stands aside.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PYTHON } from '../lab/python/python-helpers';

const LANES_DIR = path.resolve('workloads/python');

function python(code: string): string {
  const r = spawnSync(PYTHON.executable, [...(PYTHON.args ?? []), '-B', '-c', code], {
    cwd: LANES_DIR,
    encoding: 'utf8',
    timeout: 30_000,
  });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return r.stdout.trim();
}

describe('lanes.contain_descendants', () => {
  it('lays out JOBOBJECT_EXTENDED_LIMIT_INFORMATION as Windows does (144 bytes on 64-bit, 112 on 32-bit)', () => {
    const [size, pointer, flagsAt] = python(
      [
        'import ctypes, struct, lanes',
        't = lanes.job_limits_type()',
        "print(ctypes.sizeof(t), struct.calcsize('P'), type(t().BasicLimitInformation).LimitFlags.offset)",
      ].join('\n'),
    )
      .split(' ')
      .map(Number);
    expect(size).toBe(pointer === 8 ? 144 : 112);
    // LimitFlags, the field the driver sets, follows the two 64-bit time limits.
    expect(flagsAt).toBe(16);
  });

  it.runIf(process.platform !== 'win32')(
    'stands aside off Windows, where the host kills a process group',
    () => {
      expect(python('import lanes\nprint(lanes.contain_descendants())')).toBe('False');
    },
  );
});
