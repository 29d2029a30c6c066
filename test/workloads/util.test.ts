import { describe, expect, it } from 'vitest';
import { fillXorshift, fnv1a32, mix32, seed32, xorshift32 } from '../../workloads/kernels/util';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('kernel helpers', () => {
  it('fnv1a32 matches the published FNV-1a test vectors', () => {
    expect(fnv1a32(bytes(''))).toBe(0x811c9dc5);
    expect(fnv1a32(bytes('a'))).toBe(0xe40c292c);
    expect(fnv1a32(bytes('foobar'))).toBe(0xbf9cf968);
  });

  it('fnv1a32 can be fed in pieces', () => {
    expect(fnv1a32(bytes('bar'), fnv1a32(bytes('foo')))).toBe(fnv1a32(bytes('foobar')));
  });

  it('xorshift32 follows Marsaglia’s 13/17/5 sequence', () => {
    const seq: number[] = [];
    let x = 1;
    for (let i = 0; i < 3; i++) seq.push((x = xorshift32(x)));
    expect(seq).toEqual([270369, 67634689, 2647435461]);
  });

  it('seed32 never yields the xorshift fixed point and spreads nearby inputs', () => {
    const seeds = Array.from({ length: 1000 }, (_, i) => seed32(i));
    expect(seeds).not.toContain(0);
    expect(new Set(seeds).size).toBe(1000);
    expect(mix32(0)).toBe(0);
    expect(mix32(1)).not.toBe(mix32(2));
  });

  it('fillXorshift emits each word low byte first and continues across calls', () => {
    const one = new Uint8Array(4);
    fillXorshift(one, 1);
    expect([...one]).toEqual([270369 & 0xff, (270369 >>> 8) & 0xff, (270369 >>> 16) & 0xff, 270369 >>> 24]);

    const whole = new Uint8Array(64);
    fillXorshift(whole, 7);
    const parts = new Uint8Array(64);
    const state = fillXorshift(parts.subarray(0, 32), 7);
    fillXorshift(parts.subarray(32), state);
    expect(parts).toEqual(whole);

    const tail = new Uint8Array(7);
    fillXorshift(tail, 7);
    expect(tail).toEqual(whole.subarray(0, 7));
  });
});
