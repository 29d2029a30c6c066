/** Number and text formatting shared by the human-readable exporters, so they all show the same figures. */
import { MODEL_TITLES, type Model } from '../config';
import type { ResultEntry } from '../report';

/** A number for people: fixed digits, and never 'NaN' or 'Infinity' in a table. */
export function fixed(n: number, digits = 1): string {
  if (!Number.isFinite(n)) return '-';
  // toFixed switches to exponent notation from 1e21 on, which is what a reader of an absurd figure should see.
  return n.toFixed(digits);
}

export const ms = (n: number): string => `${fixed(n, n >= 100 ? 0 : 1)} ms`;

export function bytes(n: number): string {
  if (n >= 2 ** 30) return `${fixed(n / 2 ** 30, 1)} GiB`;
  if (n >= 2 ** 20) return `${fixed(n / 2 ** 20, 1)} MiB`;
  return `${fixed(n / 2 ** 10, 0)} KiB`;
}

/** Memory of a cell: all its workers together (JS heap for threads, resident memory for processes). */
export const memoryText = (r: ResultEntry): string =>
  r.memoryBytes.length ? bytes(r.memoryBytes.reduce((a, b) => a + b, 0)) : '-';

export const speedupText = (r: ResultEntry): string =>
  r.speedup
    ? `${fixed(r.speedup.median, 2)}x [${fixed(r.speedup.ciLow, 2)}, ${fixed(r.speedup.ciHigh, 2)}]`
    : '-';

export const efficiencyText = (r: ResultEntry): string =>
  r.efficiency === null ? '-' : `${fixed(r.efficiency * 100, 0)}%`;

export const checksumText = (r: ResultEntry): string =>
  r.checksumOk === null ? '-' : r.checksumOk ? 'ok' : 'MISMATCH';

export const modelTitle = (m: Model): string => MODEL_TITLES[m];

/** Notes of one cell for a table: the failure first, then warning kinds. */
export function notesOf(r: ResultEntry): string[] {
  return [
    ...(r.failure ? [`FAILED (${r.failure.reason}): ${r.failure.message}`] : []),
    ...r.warnings.map((w) => w.kind),
  ];
}

/** Escapes text for HTML content and double- or single-quoted attribute values (and so for SVG). */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
