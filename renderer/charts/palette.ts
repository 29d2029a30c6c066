/**
 * One colour and one marker shape per model, everywhere. Colours are the Okabe-Ito set (distinguishable with
 * the common colour-vision deficiencies) defined as CSS variables so the dark theme can brighten them; the
 * marker shape carries the same information for anyone who cannot tell the colours apart on a projector.
 */
import type { Model } from '../../electron/common/config';
import type { SpanState } from './timeline';

export type MarkerShape = 'circle' | 'square' | 'triangle' | 'diamond' | 'cross';

export const MODEL_STYLE: Readonly<Record<Model, { color: string; shape: MarkerShape; short: string }>> = {
  sequential: { color: 'var(--model-sequential)', shape: 'cross', short: 'Sequential' },
  threads: { color: 'var(--model-threads)', shape: 'circle', short: 'Threads' },
  processes: { color: 'var(--model-processes)', shape: 'square', short: 'Processes' },
  async: { color: 'var(--model-async)', shape: 'triangle', short: 'Async' },
  gil: { color: 'var(--model-gil)', shape: 'diamond', short: 'Threads + GIL' },
  // The Python family keeps its Node counterpart's marker, so "threads" reads as threads in either language.
  'py-sequential': { color: 'var(--model-py-sequential)', shape: 'cross', short: 'Python sequential' },
  'py-threads': { color: 'var(--model-py-threads)', shape: 'diamond', short: 'Python threads' },
  'py-processes': { color: 'var(--model-py-processes)', shape: 'square', short: 'Python processes' },
  'py-asyncio': { color: 'var(--model-py-asyncio)', shape: 'triangle', short: 'Python asyncio' },
  'py-ft-threads': { color: 'var(--model-py-ft-threads)', shape: 'circle', short: 'Python free-threaded' },
};

export const SPAN_STYLE: Readonly<Record<SpanState, { color: string; label: string }>> = {
  hold: { color: 'var(--gil-hold)', label: 'Holds the GIL (running)' },
  wait: { color: 'var(--gil-wait)', label: 'Waiting for the GIL' },
  io: { color: 'var(--gil-io)', label: 'In I/O (GIL released)' },
};

/** Colours for per-core CPU lines: a calm sequence that still separates neighbours. */
export const CORE_COLORS = [
  'var(--core-0)',
  'var(--core-1)',
  'var(--core-2)',
  'var(--core-3)',
  'var(--core-4)',
  'var(--core-5)',
  'var(--core-6)',
  'var(--core-7)',
] as const;

export function coreColor(i: number): string {
  return CORE_COLORS[i % CORE_COLORS.length] ?? 'var(--core-0)';
}
