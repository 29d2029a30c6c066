/**
 * A user workload file run by the runner on real workers and a real interpreter: the same answer on every
 * model of its language (and in both languages), the other language's models unavailable with the reason,
 * a unit that throws or returns a non-integer failing its cells with the file named, and a unit that never
 * returns ending by the timeout with no worker or interpreter left.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { JS_MODELS, PYTHON_MODELS, type Model } from '../../../electron/common/config';
import { ReportSchema, type Report } from '../../../electron/common/report';
import { loadUserWorkload } from '../../../electron/lab/user-workload/load';
import { runExperiment } from '../../../electron/lab/runner/runner';
import { childPids } from '../../support/processes';
import { BROKEN_TO_RUN, EXT, GOOD, scratch } from '../../support/user-workloads';
import { eventually, PYTHON } from '../python/python-helpers';

// A long probe limit: on a loaded machine the interpreter's probe can take more than the default probe limit.
const python = { explicitPath: PYTHON.executable, probeTimeoutMs: 60_000 };
const N = 2000;

/** What my-kernel computes, written a third time: the checksum both files must reproduce. */
function expectedChecksum(): number {
  let sum = 0;
  for (let index = 0; index < 8; index++) {
    let total = 0;
    for (let i = index * N; i < (index + 1) * N; i++) total = (total * 31 + i * i) % 4294967291;
    sum = (sum + total) % 2 ** 32;
  }
  return sum;
}

async function run(file: string, models: readonly Model[], extra: object = {}): Promise<Report> {
  const user = await loadUserWorkload(file, { python });
  const params = user.record.meta.name === 'my-kernel' ? { n: N } : {};
  return runExperiment(
    {
      workloads: [{ name: user.def.name, params }],
      models: [...models],
      workers: [2],
      repeat: 1,
      warmup: 0,
      ...extra,
    },
    { sampleCpu: false, python, userWorkload: user },
  );
}

const PYTHON_GIL_MODELS = PYTHON_MODELS.filter((m) => m !== 'py-ft-threads');

describe('a user workload on the models of its language', () => {
  const tmp = scratch();
  afterAll(() => tmp.done());

  it('the JavaScript example gives the same checksum on every Node model; Python models are unavailable', async () => {
    const report = await run(GOOD.js, [...JS_MODELS, 'py-threads']);
    expect(() => ReportSchema.parse(report)).not.toThrow();
    expect(report.userWorkload?.file).toBe('my-kernel.mjs');
    for (const r of report.results) {
      if (r.model === 'py-threads' || r.model === 'py-sequential') {
        expect(r.failure, r.model).toEqual({
          reason: 'unavailable',
          message: expect.stringMatching(
            /^my-kernel\.mjs is JavaScript: it runs on sequential, .* only$/,
          ) as string,
        });
      } else {
        expect(r.failure, `${r.model}/${r.workers}`).toBeNull();
        expect(r.checksum, `${r.model}/${r.workers}`).toBe(expectedChecksum());
      }
    }
  }, 120_000);

  it('the Python example gives the same checksum on every py-* model; Node models are unavailable', async () => {
    const report = await run(GOOD.python, [...PYTHON_GIL_MODELS, 'threads']);
    expect(report.userWorkload?.language).toBe('python');
    for (const r of report.results) {
      if (r.model === 'threads' || r.model === 'sequential') {
        expect(r.failure?.reason, r.model).toBe('unavailable');
        expect(r.failure?.message, r.model).toMatch(
          /^my_kernel\.py is Python: it runs on py-sequential, .* only$/,
        );
      } else {
        expect(r.failure, `${r.model}/${r.workers}`).toBeNull();
        expect(r.checksum, `${r.model}/${r.workers}`).toBe(expectedChecksum());
      }
    }
  }, 120_000);

  for (const language of ['js', 'python'] as const) {
    const models: Model[] =
      language === 'js' ? ['sequential', 'processes'] : ['py-sequential', 'py-processes'];
    it(`a ${language} unit that throws, or returns a non-integer, fails its cells naming the file and the unit`, async () => {
      const throws = await run(tmp.write(`throws.${EXT[language]}`, BROKEN_TO_RUN[language].throws), models);
      const float = await run(tmp.write(`float.${EXT[language]}`, BROKEN_TO_RUN[language].float), models);
      for (const r of throws.results) {
        expect(r.failure?.reason, r.model).toBe('error');
        expect(r.failure?.message, r.model).toMatch(
          new RegExp(`throws\\.${EXT[language]}: unit 1 (threw RangeError|raised ValueError): boom`),
        );
      }
      for (const r of float.results) {
        expect(r.failure?.reason, r.model).toBe('error');
        expect(r.failure?.message, r.model).toMatch(
          new RegExp(`float\\.${EXT[language]}: unit [01] returned [01]\\.5, not an integer`),
        );
      }
    }, 120_000);

    it(`a ${language} unit that never returns ends by the timeout and leaves no worker behind`, async () => {
      const before = childPids(process.pid);
      const threadsBefore = process.getActiveResourcesInfo().filter((r) => r === 'Worker').length;
      const hangModels: Model[] = language === 'js' ? ['threads', 'processes'] : ['py-threads'];
      const report = await run(tmp.write(`hang.${EXT[language]}`, BROKEN_TO_RUN[language].hang), hangModels, {
        timeoutMs: 1500,
      });
      for (const r of report.results) {
        expect(r.failure?.reason, r.model).toBe('timeout');
        expect(r.failure?.message, r.model).toMatch(
          new RegExp(`a unit of hang\\.${EXT[language]} did not return in time`),
        );
      }
      expect(await eventually(() => childPids(process.pid).length <= before.length, 10_000)).toBe(true);
      expect(childPids(process.pid).filter((p) => !before.includes(p))).toEqual([]);
      expect(process.getActiveResourcesInfo().filter((r) => r === 'Worker').length).toBeLessThanOrEqual(
        threadsBefore,
      );
    }, 120_000);
  }
});
