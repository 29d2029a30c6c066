/**
 * Text on its way to a terminal. Report fields and error messages can come from anyone, and a terminal obeys
 * what it is sent: an escape sequence can move the cursor, recolour or rewrite lines, set the window title;
 * a bidi override can make text read in another order than it is stored. Every CLI printer passes what it
 * writes through here, so such characters show up as visible escapes instead of acting.
 */

/**
 * C0 controls and DEL, C1 controls, the bidi embeddings, overrides, isolates and marks (U+202A-202E,
 * U+2066-2069, U+200E/200F, U+061C), and the Unicode line and paragraph separators.
 */
/* eslint-disable no-control-regex -- finding control characters is this file's purpose */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const UNSAFE_EXCEPT_NEWLINE =
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/* eslint-enable no-control-regex */

/** `\u001b` for ESC: the same spelling as a JSON string escape, so JSON output stays valid JSON. */
const escape = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** One field (a table cell, a label, a message): every unsafe character made visible, line breaks too. */
export function visible(text: string): string {
  return text.replace(UNSAFE, escape);
}

/** Whole lines of output that we laid out ourselves: the same, but line feeds stay line feeds. */
export function visibleLines(text: string): string {
  return text.replace(UNSAFE_EXCEPT_NEWLINE, escape);
}

/** True when `text` holds nothing a terminal would act on except line feeds (for tests and assertions). */
export function isTerminalSafe(text: string): boolean {
  return !new RegExp(UNSAFE_EXCEPT_NEWLINE.source).test(text);
}
