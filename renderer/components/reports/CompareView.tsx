/**
 * Two reports side by side: the verdicts in plain words with their p-values, what makes the comparison less
 * direct, an overlay of the speedup curves per workload and model, and every compared cell in a table.
 */
import { useMemo } from 'react';
import { COMPARE_MIN_RUNS, compareReports } from '../../../electron/common/compare';
import type { Report } from '../../../electron/common/report';
import { overlayGroups, sideName, smallSampleNote } from '../../state/reports-compare';
import { Swatch } from '../common/Marker';
import { CompareTable } from './CompareTable';
import { OverlayChart, REPORT_STYLE } from './OverlayChart';

interface Props {
  readonly a: Report;
  readonly b: Report;
  readonly titles: Readonly<Record<string, string>>;
}

export function CompareView({ a, b, titles }: Props) {
  const cmp = useMemo(() => compareReports(a, b), [a, b]);
  const groups = useMemo(() => overlayGroups(cmp, titles), [cmp, titles]);
  const small = smallSampleNote(cmp, COMPARE_MIN_RUNS);
  const significant = cmp.cells.filter((c) => c.verdict === 'a-faster' || c.verdict === 'b-faster');

  return (
    <div className="compare" data-testid="compare">
      <section className="panel" aria-labelledby="compare-verdict-heading">
        <h2 id="compare-verdict-heading">Verdict</h2>
        <ul className="compare-sides">
          {(
            [
              ['A', cmp.a, REPORT_STYLE.a, false],
              ['B', cmp.b, REPORT_STYLE.b, true],
            ] as const
          ).map(([letter, side, style, dashed]) => (
            <li key={letter} data-testid={`compare-side-${letter.toLowerCase()}`}>
              <Swatch color={style.color} shape={style.shape} dashed={dashed} />
              <span>
                <strong>{sideName(letter, side)}</strong>
                <span className="muted"> · {side.machine}</span>
              </span>
            </li>
          ))}
        </ul>
        <p className="verdict-overall" data-testid="compare-overall">
          {cmp.overall}
        </p>
        <ul className="verdicts">
          {cmp.models.map((m) => (
            <li key={m.model} data-testid="compare-verdict">
              {m.text}
            </li>
          ))}
        </ul>
        <h3 className="compare-subhead">Where the difference is significant</h3>
        {significant.length ? (
          <ul className="verdicts" data-testid="compare-significant">
            {significant.map((c) => (
              <li key={`${c.workload}/${c.model}/${c.workers}`}>{c.text}</li>
            ))}
          </ul>
        ) : (
          <p data-testid="compare-significant">
            No cell differs significantly (p &lt; {cmp.alpha}); the table below has every p-value.
          </p>
        )}
        {small ? (
          <p className="banner banner-warn" data-testid="compare-small">
            {small}
          </p>
        ) : null}
        {cmp.notes.length ? (
          <ul className="compare-notes" aria-label="Things that make this comparison less direct">
            {cmp.notes.map((n) => (
              <li key={n} className="banner banner-warn" data-testid="compare-note">
                {n}
              </li>
            ))}
          </ul>
        ) : null}
        <p className="note">
          Each verdict is a Mann-Whitney U test on the raw run times at significance level {cmp.alpha};
          Welch’s t-test is shown as a second opinion where the two disagree.
        </p>
      </section>

      {groups.map((g) => (
        <section key={g.workload} className="panel" aria-label={`Speedup of ${g.title} in both reports`}>
          <h2>Speedup: {g.title}</h2>
          <div className="chart-grid compare-grid">
            {g.charts.map((c) => (
              <OverlayChart key={c.key} chart={c} workloadTitle={g.title} />
            ))}
          </div>
        </section>
      ))}
      {!groups.length ? (
        <p className="note">
          These two reports have no parallel cell in common, so there are no curves to overlay.
        </p>
      ) : null}

      <CompareTable cmp={cmp} titles={titles} />
    </div>
  );
}
