import { describe, expect, it } from 'vitest';
import { configIssues, validConfig } from '../support/configs';

describe('config validation names the field', () => {
  const issues = configIssues;

  it('fills defaults', () => {
    const c = validConfig();
    expect(c.repeat).toBe(5);
    expect(c.warmup).toBe(1);
    expect(c.switchIntervalMs).toBe(5);
    expect(c.workloads[0]?.params.span).toBeGreaterThan(0);
  });

  it('refuses bad values with the field path', () => {
    expect(
      issues({
        workloads: [{ name: 'primes', params: { span: -1 } }],
        models: ['threads'],
        workers: [10000],
      }),
    ).toEqual(expect.arrayContaining([expect.stringMatching(/^workers\[0\]: must be at most 256/)]));
    expect(
      issues({ workloads: [{ name: 'primes', params: { span: -1 } }], models: ['threads'], workers: [1] }),
    ).toEqual([expect.stringMatching(/^workloads\[0\]\.params\.span: must be at least/)]);
    expect(
      issues({ workloads: [{ name: 'primes', params: { bogus: 1 } }], models: ['threads'], workers: [1] })[0],
    ).toMatch(/^workloads\[0\]\.params\.bogus: is not a parameter of primes/);
    expect(
      issues({ workloads: [{ name: 'primes' }], models: ['threads', 'threads'], workers: [1] })[0],
    ).toMatch(/^models: must not repeat/);
    expect(
      issues({
        workloads: [{ name: 'primes' }],
        models: ['threads'],
        workers: [1],
        label: 'x'.repeat(201),
      })[0],
    ).toMatch(/^label:/);
    expect(
      issues({ workloads: [{ name: 'primes' }], models: ['threads'], workers: [1], extra: 1 })[0],
    ).toMatch(/extra/);
    expect(issues({ workloads: [], models: [], workers: [] })).toHaveLength(3);
  });

  it('keeps a label with markup as plain text (it is data, never HTML)', () => {
    expect(validConfig({ label: '<script>alert(1)</script>' }).label).toBe('<script>alert(1)</script>');
  });
});
