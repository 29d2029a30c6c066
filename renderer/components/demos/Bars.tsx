/**
 * Horizontal bars in HTML: label, bar, value as text. Large readable text on a projector, numbers always
 * written out (never only a length), an optional reference line (the expected count, 'alone') and an axis.
 */
import type { ReactNode } from 'react';

export interface BarRow {
  readonly key: string;
  readonly label: ReactNode;
  /** the bar's length, 0..1 of the track */
  readonly fraction: number;
  /** the value as text, beside the bar */
  readonly value: ReactNode;
  readonly tone?: 'a' | 'b' | 'c' | 'good' | 'bad' | 'muted';
  /** a second, thinner bar under the first (p99 under p50, say) */
  readonly second?: { readonly fraction: number; readonly tone?: BarRow['tone'] };
  readonly data?: Readonly<Record<`data-${string}`, string | number>>;
}

interface Props {
  readonly rows: readonly BarRow[];
  readonly label: string;
  readonly testId: string;
  readonly reference?: { readonly fraction: number; readonly label: string };
  readonly ticks?: readonly { readonly fraction: number; readonly label: string }[];
}

const pct = (f: number) => `${Math.max(0, Math.min(1, f)) * 100}%`;

export function Bars({ rows, label, testId, reference, ticks }: Props) {
  return (
    <div className="bars" data-testid={testId}>
      <ul className="bars-rows" aria-label={label}>
        {rows.map((r) => (
          <li key={r.key} className="bar-row" {...r.data}>
            <span className="bar-label">{r.label}</span>
            <span className="bar-track" aria-hidden="true">
              <span className={`bar-fill bar-${r.tone ?? 'a'}`} style={{ width: pct(r.fraction) }} />
              {r.second ? (
                <span
                  className={`bar-fill bar-second bar-${r.second.tone ?? 'b'}`}
                  style={{ width: pct(r.second.fraction) }}
                />
              ) : null}
              {reference ? (
                <span className="bar-reference" style={{ left: pct(reference.fraction) }} />
              ) : null}
            </span>
            <span className="bar-value">{r.value}</span>
          </li>
        ))}
      </ul>
      {ticks?.length || reference ? (
        <div className="bar-row bar-axis" aria-hidden="true">
          <span className="bar-label" />
          <span className="bar-axis-track">
            {(ticks ?? []).map((t) => (
              <span key={t.label} className="tick" style={{ left: pct(t.fraction) }}>
                {t.label}
              </span>
            ))}
            {reference ? (
              <span className="bar-reference-label" style={{ left: pct(reference.fraction) }}>
                {reference.label}
              </span>
            ) : null}
          </span>
          <span className="bar-value" />
        </div>
      ) : null}
    </div>
  );
}
