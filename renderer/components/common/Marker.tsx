/** Model markers: the same shape in chart dots and in HTML legends, so colour is never the only cue. */
import { memo } from 'react';
import { Symbols, type DotItemDotProps } from 'recharts';
import type { Model } from '../../../electron/common/config';
import { MODEL_STYLE, type MarkerShape } from '../../charts/palette';

/** A dot renderer for recharts <Line dot={...}>. */
export function markerDot(shape: MarkerShape, color: string, size = 90) {
  function MarkerDot(props: DotItemDotProps) {
    const { cx, cy, index } = props;
    if (typeof cx !== 'number' || typeof cy !== 'number') return null;
    return (
      <Symbols
        key={`m-${index}`}
        cx={cx}
        cy={cy}
        type={shape}
        size={size}
        fill={color}
        stroke="var(--surface)"
        strokeWidth={1.5}
      />
    );
  }
  return MarkerDot;
}

/**
 * A small inline swatch: a line segment in the model's colour with its marker on top. Memoized: a legend is
 * drawn again with every redraw of its live chart, and each marker's path is built afresh (d3-shape) when
 * drawn, for the same three props every time.
 */
export const Swatch = memo(function Swatch({
  shape,
  color,
  dashed = false,
}: {
  shape?: MarkerShape;
  color: string;
  dashed?: boolean;
}) {
  return (
    <svg className="swatch" viewBox="0 0 32 16" width="32" height="16" aria-hidden="true" focusable="false">
      <line
        x1="1"
        y1="8"
        x2="31"
        y2="8"
        stroke={color}
        strokeWidth="3"
        strokeDasharray={dashed ? '5 4' : undefined}
      />
      {shape ? <Symbols cx={16} cy={8} type={shape} size={60} fill={color} /> : null}
    </svg>
  );
});

/** The look every per-model line shares (colour, marker, no animation), so a model reads the same in every chart. */
export function modelLineStyle(model: Model) {
  const { color, shape } = MODEL_STYLE[model];
  return { stroke: color, dot: markerDot(shape, color), activeDot: false, isAnimationActive: false } as const;
}
