/**
 * Scales the per-demo views share. Positions are fractions (0..1) of a bar's or a chart's width.
 */
/** A log scale over powers of ten that covers every value (values ≤ 0 sit at the left end). */
export interface LogScale {
  readonly lo: number;
  readonly hi: number;
  readonly ticks: readonly number[];
  pos(value: number): number;
}

export function logScale(values: readonly number[]): LogScale {
  const positive = values.filter((v) => v > 0 && Number.isFinite(v));
  const min = positive.length ? Math.min(...positive) : 1;
  const max = positive.length ? Math.max(...positive) : 10;
  const loExp = Math.floor(Math.log10(min));
  const hiExp = Math.max(loExp + 1, Math.ceil(Math.log10(max)));
  const ticks: number[] = [];
  for (let e = loExp; e <= hiExp; e++) ticks.push(10 ** e);
  const pos = (v: number) =>
    v > 0 ? Math.min(1, Math.max(0, (Math.log10(v) - loExp) / (hiExp - loExp))) : 0;
  return { lo: 10 ** loExp, hi: 10 ** hiExp, ticks, pos };
}

/** A value as a fraction of the largest (0 when everything is 0). */
export function fractionOf(value: number, max: number): number {
  return max > 0 ? Math.max(0, Math.min(1, value / max)) : 0;
}
