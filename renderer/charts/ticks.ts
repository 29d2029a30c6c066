/** Axis ticks and labels that read well from a distance: round steps, short units. */

/** Round tick positions (1, 2 or 5 times a power of ten) from 0 to at least max, about `target` of them. */
export function niceTicks(max: number, target = 6): number[] {
  if (!(max > 0)) return [0];
  const raw = max / target;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? 10 * pow;
  const ticks: number[] = [];
  for (let t = 0; t <= max + step * 1e-9; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

/** Round ticks inside [from, to] (an axis that does not start at 0, like a sliding time window). */
export function windowTicks(from: number, to: number, target = 5): number[] {
  if (!(to > from)) return Number.isFinite(from) ? [from] : [];
  const step = niceTicks(to - from, target)[1] ?? to - from;
  const ticks: number[] = [];
  for (let t = Math.ceil(from / step - 1e-9) * step; t <= to + step * 1e-9; t += step)
    ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

/** Like niceTicks, but the last tick reaches or passes max, so it can end the axis. */
export function coveringTicks(max: number, target = 5): number[] {
  const ticks = niceTicks(max, target);
  const last = ticks[ticks.length - 1] ?? 0;
  if (last < max && ticks.length > 1) ticks.push(Number((last + (ticks[1] ?? 0)).toPrecision(12)));
  return ticks;
}

/** "250 ms", "1.5 s": for axis ticks, which are already round. */
export function axisMs(ms: number): string {
  return ms >= 1000 ? `${Number((ms / 1000).toPrecision(3))} s` : `${Number(ms.toPrecision(3))} ms`;
}
