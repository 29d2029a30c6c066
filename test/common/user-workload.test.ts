import { describe, expect, it } from 'vitest';
import { LabError } from '../../electron/common/errors';
import { parseUserMeta, unitChecksum, userWorkloadMeta } from '../../electron/common/user-workload';

describe('a user workload, in pure terms', () => {
  it("reduces any integer to the 32-bit checksum Python's `value & 0xFFFFFFFF` gives", () => {
    expect(unitChecksum(5, 'k.mjs', 0)).toBe(5);
    expect(unitChecksum(-1, 'k.mjs', 0)).toBe(0xffffffff);
    expect(unitChecksum(2 ** 40 + 7, 'k.mjs', 0)).toBe(7);
    expect(unitChecksum(2n ** 80n + 9n, 'k.mjs', 0)).toBe(9);
    expect(unitChecksum(-(2n ** 33n) - 1n, 'k.mjs', 0)).toBe(
      Number(((-(2n ** 33n) - 1n) % 2n ** 32n) + 2n ** 32n),
    );
  });

  it('refuses a result that is not an integer, naming the file and the unit', () => {
    expect(() => unitChecksum(1.5, 'k.mjs', 3)).toThrow('k.mjs: unit 3 returned 1.5, not an integer');
    expect(() => unitChecksum('7', 'k.mjs', 0)).toThrow('returned string');
    expect(() => unitChecksum(2 ** 60, 'k.mjs', 0)).toThrow('not an integer');
  });

  it('checks the meta and names the file and each bad field', () => {
    const bad = () =>
      parseUserMeta(
        { name: 'Bad Name', kind: 'gpu', units: 1.5, params: { n: { default: 9, min: 0, max: 3 } } },
        'k.py',
        [],
      );
    expect(bad).toThrow(LabError);
    try {
      bad();
    } catch (err) {
      const fields = (err as LabError).issues.map((i) => i.field);
      expect(fields).toEqual([
        'k.py: meta.name',
        'k.py: meta.kind',
        'k.py: meta.units',
        'k.py: meta.params.n',
      ]);
    }
    expect(() => parseUserMeta({ name: 'primes', kind: 'cpu', units: 2 }, 'k.py', ['primes'])).toThrow(
      "k.py: meta.name 'primes' is a built-in workload's",
    );
  });

  it('turns the meta into a catalog entry whose whole-number bounds make a whole-number parameter', () => {
    const meta = parseUserMeta(
      {
        name: 'k',
        kind: 'io',
        units: 4,
        params: { n: { default: 2, min: 1, max: 9 }, f: { default: 0.5, min: 0, max: 1 } },
      },
      'k.mjs',
      [],
    );
    const entry = userWorkloadMeta({ file: 'k.mjs', language: 'js', sha256: '0'.repeat(64), meta });
    expect(entry.kind).toBe('io');
    expect(entry.params.map((p) => [p.name, p.integer])).toEqual([
      ['n', true],
      ['f', false],
    ]);
  });
});
