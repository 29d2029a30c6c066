import { describe, expect, it } from 'vitest';
import { LabError } from '../../electron/common/errors';
import { collectParams, demoParams, param, resolveParams } from '../../electron/common/params';

const SPECS = [
  param('threads', 'Threads', { min: 1, max: 8, default: 4 }),
  param('ratio', 'A fraction', { min: 0, max: 1, default: 0.5, integer: false, unit: '%' }),
];
const place = { field: 'cfg.params', owner: 'thing' };

describe('param', () => {
  it('builds whole-number specs unless told otherwise, with a unit only when given', () => {
    expect(SPECS).toEqual([
      { name: 'threads', description: 'Threads', min: 1, max: 8, default: 4, integer: true },
      { name: 'ratio', description: 'A fraction', min: 0, max: 1, default: 0.5, integer: false, unit: '%' },
    ]);
  });
});

describe('collectParams and resolveParams', () => {
  it('fills every default and keeps the given values', () => {
    expect(resolveParams(SPECS, undefined, place)).toEqual({ threads: 4, ratio: 0.5 });
    expect(resolveParams(SPECS, null, place)).toEqual({ threads: 4, ratio: 0.5 });
    expect(resolveParams(SPECS, { ratio: 0.25 }, place)).toEqual({ threads: 4, ratio: 0.25 });
  });

  it('names every problem with its field: unknown names first, then bad values in spec order', () => {
    const { issues } = collectParams(SPECS, { ratio: 2, bogus: 1, threads: 1.5 }, place);
    expect(issues).toEqual([
      { field: 'cfg.params.bogus', message: 'is not a parameter of thing (known: threads, ratio)' },
      { field: 'cfg.params.threads', message: 'must be a whole number' },
      { field: 'cfg.params.ratio', message: 'must be at most 1' },
    ]);
    expect(collectParams(SPECS, { threads: 'four' }, place).issues).toEqual([
      { field: 'cfg.params.threads', message: 'must be a finite number' },
    ]);
    expect(collectParams([], { x: 1 }, place).issues[0]?.message).toMatch(/known: none/);
  });

  it('refuses anything but an object, naming the field', () => {
    for (const given of [[1], 3, 'x'])
      expect(collectParams(SPECS, given, place).issues).toEqual([
        { field: 'cfg.params', message: 'must be an object of name: number' },
      ]);
  });

  it('throws one LabError listing every problem; a demo names its fields params.<name>', () => {
    const err = (() => {
      try {
        demoParams({ id: 'race', params: SPECS }, { threads: 0, nope: 1 });
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(LabError);
    expect((err as LabError).issues).toEqual([
      { field: 'params.nope', message: "is not a parameter of demo 'race' (known: threads, ratio)" },
      { field: 'params.threads', message: 'must be at least 1' },
    ]);
  });
});
