/** Loading a user workload file on the host: the good examples, and every way a file can be refused. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { LabError } from '../../../electron/common/errors';
import { loadUserWorkload } from '../../../electron/lab/user-workload/load';
import { BROKEN_TO_LOAD, GOOD, scratch } from '../../support/user-workloads';
import { PYTHON } from '../python/python-helpers';

// A long probe limit: on a loaded machine the interpreter's probe can take more than the default 10 s.
const python = { explicitPath: PYTHON.executable, probeTimeoutMs: 60_000 };

describe('loading a user workload file', () => {
  const tmp = scratch();
  afterAll(() => tmp.done());

  for (const language of ['js', 'python'] as const)
    it(`reads the ${language} example's meta and records its file, language and hash`, async () => {
      const loaded = await loadUserWorkload(GOOD[language], { python });
      expect(loaded.record).toMatchObject({
        file: language === 'js' ? 'my-kernel.mjs' : 'my_kernel.py',
        language,
        sha256: createHash('sha256').update(readFileSync(GOOD[language])).digest('hex'),
        meta: {
          name: 'my-kernel',
          kind: 'cpu',
          units: 8,
          params: { n: { default: 20000, min: 1, max: 10000000 } },
        },
      });
      expect(loaded.source).toBe(GOOD[language]);
      expect(loaded.def.unitCount({})).toBe(8);
    });

  it('refuses a file that is not there, naming it', async () => {
    await expect(loadUserWorkload(`${tmp.dir}/missing.mjs`)).rejects.toThrow(/missing\.mjs: no such file/);
  });

  for (const broken of BROKEN_TO_LOAD)
    it(`refuses ${broken.file} with an error naming the file and the problem`, async () => {
      const file = tmp.write(broken.file, broken.text);
      const err: unknown = await loadUserWorkload(file, { python }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(LabError);
      expect((err as LabError).code).toBe('invalid-config');
      expect((err as LabError).message).toMatch(broken.error);
    });
});
