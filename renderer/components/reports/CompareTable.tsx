/** Every cell measured in both reports: the two medians, the ratio, the p-value and the verdict. */
import type { Comparison } from '../../../electron/common/compare';
import { cellRows } from '../../state/reports-compare';

export function CompareTable({ cmp, titles }: { cmp: Comparison; titles: Readonly<Record<string, string>> }) {
  const rows = cellRows(cmp, titles);
  return (
    <section className="panel" aria-labelledby="compare-cells-heading">
      <h2 id="compare-cells-heading">Cell by cell</h2>
      <div className="table-wrap">
        <table className="data-table" data-testid="compare-table">
          <caption>
            Median wall time of each cell in A and in B, which is faster by how much, and whether the
            difference is significant.
          </caption>
          <thead>
            <tr>
              <th scope="col">Workload</th>
              <th scope="col">Model</th>
              <th scope="col" className="num">
                Workers
              </th>
              <th scope="col" className="num">
                Median A
              </th>
              <th scope="col" className="num">
                Median B
              </th>
              <th scope="col">Difference</th>
              <th scope="col">p</th>
              <th scope="col">Verdict</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} data-testid="compare-row" data-verdict={r.verdict}>
                <td>{r.workload}</td>
                <td>{r.model}</td>
                <td className="num">{r.workers}</td>
                <td className="num">{r.medianA}</td>
                <td className="num">{r.medianB}</td>
                <td>{r.ratio}</td>
                <td className="num">{r.p}</td>
                <td className="compare-text">{r.text}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {cmp.onlyInA.length || cmp.onlyInB.length ? (
        <p className="note" data-testid="compare-only">
          {cmp.onlyInA.length ? `Only in A: ${cmp.onlyInA.join(', ')}. ` : ''}
          {cmp.onlyInB.length ? `Only in B: ${cmp.onlyInB.join(', ')}.` : ''}
        </p>
      ) : null}
    </section>
  );
}
