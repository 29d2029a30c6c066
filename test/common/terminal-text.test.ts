import { describe, expect, it } from 'vitest';
import { isTerminalSafe, visible, visibleLines } from '../../electron/common/terminal-text';

describe('terminal text', () => {
  it.each([
    ['ESC (a CSI sequence)', '\u001b[2J', '\\u001b[2J'],
    ['BEL', 'a\u0007', 'a\\u0007'],
    ['a C1 CSI', '\u009b31m', '\\u009b31m'],
    ['DEL', '\u007f', '\\u007f'],
    ['a carriage return', 'ok\rFAKE', 'ok\\u000dFAKE'],
    ['a right-to-left override', 'abc\u202Edef', 'abc\\u202edef'],
    ['an isolate', '\u2066x\u2069', '\\u2066x\\u2069'],
    ['the marks', '\u200e\u200f\u061c', '\\u200e\\u200f\\u061c'],
    ['a line separator', 'a\u2028b', 'a\\u2028b'],
  ])('%s is made visible', (_, raw, shown) => {
    expect(visible(raw)).toBe(shown);
    expect(isTerminalSafe(visible(raw))).toBe(true);
    expect(isTerminalSafe(raw)).toBe(false);
  });

  it('a field loses its line breaks; laid-out lines keep theirs', () => {
    expect(visible('row\nforged')).toBe('row\\u000aforged');
    expect(visibleLines('one\ntwo\u001b')).toBe('one\ntwo\\u001b');
  });

  it('plain text, accents, CJK and emoji pass unchanged', () => {
    const text = 'primes × 2 — café 素数 🚀 [0.9, 1.1]';
    expect(visible(text)).toBe(text);
  });

  it('JSON stays valid JSON with the same value', () => {
    const value = { label: 'x\u009b\u202e\u2028y' };
    expect(JSON.parse(visibleLines(JSON.stringify(value)))).toEqual(value);
  });
});
