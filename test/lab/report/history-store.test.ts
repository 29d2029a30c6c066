import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  existsSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LabEvent } from '../../../electron/common/api';
import { LabError } from '../../../electron/common/errors';
import { parseReport } from '../../../electron/common/report-parse';
import { createHistory, defaultHistoryDir } from '../../../electron/lab/report/history-store';
import { historyRecorder } from '../../../electron/lab/report/history-recorder';
import { runExperiment } from '../../../electron/lab/runner/runner';
import { fakeExecutors } from '../../support/fake-executor';
import { loadSample, loadSampleB } from '../../fixtures/reports/fixtures';

const root = mkdtempSync(path.join(os.tmpdir(), 'threadlab-history-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshDir = () => path.join(root, `h${++n}`);
const onDisk = (dir: string, id: string) => parseReport(readFileSync(path.join(dir, `${id}.json`), 'utf8'));

describe('history store', () => {
  const sample = loadSample();

  it('writes an incomplete entry at begin, updates it per result, and replaces it at finish', async () => {
    const dir = freshDir();
    const h = createHistory(dir);
    await h.begin(sample.id, sample.config, sample.machine);
    const begun = onDisk(dir, sample.id);
    expect(begun.status).toBe('incomplete');
    expect(begun.results).toEqual([]);
    expect(begun.finishedAt).toBeNull();

    const [r0, r1] = sample.results;
    if (!r0 || !r1) throw new Error('fixture has results');
    await h.update(sample.id, {
      ...r0,
      wallMs: r0.wallMs && { ...r0.wallMs, raw: r0.wallMs.raw.slice(0, 1) },
    });
    await h.update(sample.id, r1);
    await h.update(sample.id, r0); // the same cell again replaces, in place
    expect(onDisk(dir, sample.id).results).toEqual([r0, r1]);
    const [running] = await h.list();
    expect(running).toMatchObject({ id: sample.id, status: 'incomplete', running: true, cells: 2 });

    await h.finish(sample);
    expect(onDisk(dir, sample.id)).toEqual(sample);
    const [done] = await h.list();
    expect(done).toMatchObject({
      status: 'complete',
      running: false,
      label: 'fixture A',
      workloads: ['primes', 'sleep'],
    });
    // headline: best speedup per model, baseline left out
    const bestThreads = Math.max(
      ...sample.results.filter((r) => r.model === 'threads').map((r) => r.speedup?.median ?? 0),
    );
    expect(done?.best.find((b) => b.model === 'threads')?.speedup).toBe(bestThreads);
    expect(done?.best.some((b) => b.model === 'sequential')).toBe(false);
    expect(readdirSync(dir)).toEqual([`${sample.id}.json`]); // no temporary files left
  });

  it('survives a restart, and an entry left unfinished by a crash is listed as incomplete with its results', async () => {
    const dir = freshDir();
    const before = createHistory(dir);
    await before.finish(sample);
    const b = loadSampleB();
    await before.begin(b.id, b.config, b.machine);
    for (const r of b.results.slice(0, 3)) await before.update(b.id, r);
    // "crash": the store is dropped without finish
    const after = createHistory(dir);
    const list = await after.list();
    expect(list.map((e) => [e.id, e.status, e.running, e.cells])).toEqual([
      [b.id, 'incomplete', false, 3],
      [sample.id, 'complete', false, sample.results.length],
    ]);
    expect((await after.get(b.id)).results).toEqual(b.results.slice(0, 3));
    expect(await after.get(sample.id)).toEqual(sample);
  });

  it('lists corrupt entries with their error instead of dropping them or failing', async () => {
    const dir = freshDir();
    const h = createHistory(dir);
    await h.finish(sample);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'garbage.json'), '{"schema": "threadlab.rep');
    const bad = JSON.parse(readFileSync(path.join(dir, `${sample.id}.json`), 'utf8')) as {
      results: { workers: unknown }[];
    };
    if (bad.results[0]) bad.results[0].workers = -3;
    writeFileSync(path.join(dir, 'invalid.json'), JSON.stringify(bad));
    writeFileSync(path.join(dir, '.x.json.123.tmp'), 'partial');
    writeFileSync(path.join(dir, 'notes.txt'), 'not an entry');
    const list = await h.list();
    expect(list).toHaveLength(3);
    const garbage = list.find((e) => e.id === 'garbage');
    expect(garbage?.status).toBe('corrupt');
    expect(garbage?.error).toMatch(/garbage\.json: .*not valid JSON/);
    expect(list.find((e) => e.id === 'invalid')?.error).toMatch(/results\[0\]\.workers/);
    await expect(h.get('garbage')).rejects.toMatchObject({ code: 'invalid-report' });
    // the healthy entry is still there
    expect(list.find((e) => e.id === sample.id)?.status).toBe('complete');
  });

  it('deletes entries, refuses ids that are not entries, and will not delete a run being recorded', async () => {
    const dir = freshDir();
    const h = createHistory(dir);
    await h.finish(sample);
    await h.delete(sample.id);
    expect(await h.list()).toEqual([]);
    await expect(h.delete(sample.id)).rejects.toMatchObject({ code: 'not-found' });
    await expect(h.get('nope')).rejects.toMatchObject({ code: 'not-found' });
    writeFileSync(path.join(root, 'outside.json'), JSON.stringify(sample));
    for (const id of ['../outside', '..', '/etc/passwd', 'a/b', '.hidden', 'x.tmp', '']) {
      await expect(h.get(id), id).rejects.toBeInstanceOf(LabError);
      await expect(h.delete(id), id).rejects.toBeInstanceOf(LabError);
    }
    expect(existsSync(path.join(root, 'outside.json'))).toBe(true);
    await h.begin('live', sample.config, sample.machine);
    await expect(h.delete('live')).rejects.toMatchObject({ code: 'busy' });
  });

  it('follows no symbolic link out of its folder: such an entry is listed as corrupt and never read', async () => {
    const dir = freshDir();
    const h = createHistory(dir);
    await h.finish(sample);
    // A valid report outside the folder, which a link in the folder would otherwise pass off as an entry.
    const outside = path.join(root, 'linked-target.json');
    writeFileSync(outside, JSON.stringify({ ...sample, config: { ...sample.config, label: 'outside' } }));
    symlinkSync(outside, path.join(dir, 'linked.json'));
    const list = await h.list();
    const linked = list.find((e) => e.id === 'linked');
    expect(linked).toMatchObject({ status: 'corrupt', label: '' });
    expect(linked?.error).toMatch(/symbolic link/);
    await expect(h.get('linked')).rejects.toMatchObject({ code: 'invalid-report' });
    // The link goes, the file it pointed at stays.
    await h.delete('linked');
    expect(existsSync(outside)).toBe(true);
    expect((await h.list()).map((e) => e.id)).toEqual([sample.id]);
  });

  it('a list of an empty or missing folder is empty; the default folder follows THREADLAB_HOME', async () => {
    expect(await createHistory(path.join(root, 'missing')).list()).toEqual([]);
    expect(defaultHistoryDir({ THREADLAB_HOME: '/data/tl' })).toBe(path.join('/data/tl', 'history'));
    expect(defaultHistoryDir({})).toBe(path.join(os.homedir(), '.threadlab', 'history'));
  });

  it('coalesces a burst of updates and ends with the newest state on disk', async () => {
    const dir = freshDir();
    const h = createHistory(dir);
    await h.begin(sample.id, sample.config, sample.machine);
    await Promise.all(sample.results.map((r) => h.update(sample.id, r)));
    expect(onDisk(dir, sample.id).results).toEqual(sample.results);
  });
});

describe('historyRecorder', () => {
  // The runner on a fake executor: what is checked is the recorder's bookkeeping, not the measurement.
  it('records an experiment from its events: the entry ends equal to the returned report', async () => {
    const dir = freshDir();
    const recorder = historyRecorder(createHistory(dir));
    const seen: LabEvent['type'][] = [];
    const report = await runExperiment(
      {
        workloads: [{ name: 'primes', params: { units: 4, span: 1000 } }],
        models: ['threads'],
        workers: [2],
        repeat: 2,
        warmup: 0,
      },
      {
        executors: fakeExecutors().factory,
        sampleCpu: false,
        onEvent: (e) => {
          seen.push(e.type);
          recorder(e);
        },
      },
    );
    await recorder.settled();
    expect(seen).toContain('result');
    expect(onDisk(dir, report.id)).toEqual(report);
    expect((await createHistory(dir).list())[0]).toMatchObject({ id: report.id, status: 'complete' });
  });

  it('keeps what arrived when no finish comes, and reports write errors without throwing', async () => {
    const sample = loadSample();
    const dir = freshDir();
    const recorder = historyRecorder(createHistory(dir), { machine: async () => sample.machine });
    recorder({ type: 'experiment-started', runId: sample.id, config: sample.config });
    for (const result of sample.results.slice(0, 2)) recorder({ type: 'result', runId: sample.id, result });
    await recorder.settled();
    expect(onDisk(dir, sample.id)).toMatchObject({
      status: 'incomplete',
      results: sample.results.slice(0, 2),
    });

    const blocked = path.join(root, 'a-file');
    writeFileSync(blocked, 'not a folder');
    const errors: unknown[] = [];
    const broken = historyRecorder(createHistory(path.join(blocked, 'history')), {
      machine: async () => sample.machine,
      onError: (err) => errors.push(err),
    });
    broken({ type: 'experiment-started', runId: sample.id, config: sample.config });
    broken({ type: 'result', runId: sample.id, result: sample.results[0] ?? (undefined as never) });
    broken({ type: 'experiment-finished', runId: sample.id, report: sample });
    await broken.settled();
    expect(errors.length).toBeGreaterThan(0);
  });
});
