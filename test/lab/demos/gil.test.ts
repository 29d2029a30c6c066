/** Demos under the emulated GIL and over loopback TCP: convoy, native hashing, thread-per-client servers. */
import { describe, expect, it } from 'vitest';
import { ratio } from '../../../electron/lab/demos/numbers';
import { n, parallelHeadroom, run, SMALL } from '../../support/demos';

describe('GIL demos', () => {
  it('convoy: a CPU-bound GIL thread at 5 ms cuts I/O throughput far down; a child process restores most of it', async () => {
    const o = await run('convoy');
    if (o.details.kind !== 'convoy') throw new Error('wrong details');
    const by = (label: string) =>
      o.details.kind === 'convoy' && o.details.settings.find((s) => s.label === label);
    const alone = by('alone');
    const five = by('beside 1 CPU thread, 5 ms');
    const moreFive = by('beside 2 CPU threads, 5 ms');
    const tenth = by('beside 1 CPU thread, 0.1 ms');
    const proc = by('CPU work in a child process');
    if (!alone || !five || !moreFive || !tenth || !proc) throw new Error('missing setting');
    expect(o.details.settings).toHaveLength(8);
    // A CPU-bound thread that lets go of the GIL only on request makes every I/O completion wait. (With one
    // CPU thread, a machine busy with other programs can delay its wake-up so the I/O thread wins some lock
    // races; with two, one of them always wants the lock, so that bound is the firm one.)
    const worstFive = Math.min(five.rps, moreFive.rps);
    expect(worstFive).toBeLessThan(alone.rps / 5);
    expect(five.rps).toBeLessThan(alone.rps / 2);
    expect(tenth.rps).toBeGreaterThan(worstFive * 2);
    expect(proc.rps).toBeGreaterThan(worstFive * 5);
    // On two cores the CPU process competes with the I/O thread and the echo server (50-60% of alone on an idle
    // machine, less when other programs run): the firm claim is the recovery from the GIL settings.
    expect(proc.rps).toBeGreaterThan(alone.rps * 0.15);
    expect(o.answer.choice).toBe(alone.rps / five.rps >= 10 ? 'collapse' : 'several');
    expect(o.sentence).toContain(`${n(alone.rps)} round trips`);
    expect(o.sentence).toContain(`${n(five.rps)}/s`);
  });

  it('native-gil: hashes agree, and the JavaScript hash gains nothing from a second GIL thread', async () => {
    const o = await run('native-gil');
    if (o.details.kind !== 'native-gil') throw new Error('wrong details');
    const [native, js] = o.details.variants;
    if (!native || !js) throw new Error('missing variant');
    expect(native.digestsMatch).toBe(true);
    expect(js.digestsMatch).toBe(true);
    expect(js.speedup).toBeLessThan(1.2);
    expect(o.sentence).toContain(`${ratio(js.speedup)}×`);
  });

  it('native-gil: the native hash, with the GIL released, does gain from a second thread', async (t) => {
    // Two threads can only be faster than one when two cores are free; on a machine busy with other programs
    // that is not the case, and the claim cannot be checked here.
    const headroom = await parallelHeadroom();
    if (headroom < 1.5)
      t.skip(`only ${headroom.toFixed(2)}x from two plain threads right now: the machine is busy`);
    const o = await run('native-gil', { params: { ...SMALL['native-gil'], jsKib: 64, repeats: 5 } });
    if (o.details.kind !== 'native-gil') throw new Error('wrong details');
    const [native, js] = o.details.variants;
    if (!native || !js) throw new Error('missing variant');
    // The machine can get busy during the run too (0.30x was measured so, after a headroom of 1.5x): asked
    // again, a busy machine skips rather than fails. The speed itself is bench's target (>= 1.7x).
    const after = await parallelHeadroom();
    if (after < 1.5)
      t.skip(`only ${after.toFixed(2)}x from two plain threads after the run: the machine got busy`);
    expect(native.speedup).toBeGreaterThan(1.25);
    expect(native.speedup).toBeGreaterThan(js.speedup);
  });

  it('tcp-server: every model serves every request of every real loopback client', async () => {
    const o = await run('tcp-server');
    if (o.details.kind !== 'tcp-server') throw new Error('wrong details');
    expect(o.details.servers.map((s) => s.model)).toEqual(['threads', 'processes', 'gil-threads']);
    for (const s of o.details.servers) {
      expect(s).toMatchObject({ expected: 120, served: 120, errors: 0 });
      expect(s.rps).toBeGreaterThan(0);
      expect(s.p99Ms).toBeGreaterThanOrEqual(s.p50Ms);
      expect(o.sentence).toContain(`${n(s.rps)} req/s`);
    }
    // One handler lane per client and model.
    expect(o.lanes.filter((l) => l.label.startsWith('handler')).length).toBe(9);
  });
});
