/** An HTML legend under a chart: larger and easier to read from the back of a room than an SVG one. */
import type { Model } from '../../../electron/common/config';
import { MODEL_STYLE, type MarkerShape } from '../../charts/palette';
import { Swatch } from './Marker';

export interface LegendItem {
  readonly key: string;
  readonly label: string;
  readonly color: string;
  readonly shape?: MarkerShape;
  readonly dashed?: boolean;
  /** a filled block instead of a line (for areas such as timeline states) */
  readonly block?: boolean;
}

export function modelItems(models: readonly Model[]): LegendItem[] {
  return models.map((m) => ({
    key: m,
    label: MODEL_STYLE[m].short,
    color: MODEL_STYLE[m].color,
    shape: MODEL_STYLE[m].shape,
  }));
}

export function Legend({ items }: { items: readonly LegendItem[] }) {
  return (
    <ul className="legend">
      {items.map((item) => (
        <li key={item.key}>
          {item.block ? (
            <span className="block-swatch" style={{ background: item.color }} aria-hidden="true" />
          ) : (
            <Swatch color={item.color} shape={item.shape} dashed={item.dashed} />
          )}
          <span>{item.label}</span>
        </li>
      ))}
    </ul>
  );
}
