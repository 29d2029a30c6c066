/** pools: time per pool, completion order against map order. */
import type { PoolsDetails } from '../../../../electron/common/demos';
import { poolsView } from '../../../state/demo-views/pools';
import { formatMs } from '../../../../electron/common/format';
import { Bars } from '../Bars';

export function PoolsView({ details }: { details: PoolsDetails }) {
  const v = poolsView(details);
  return (
    <div className="demo-view" data-testid="view-pools">
      <h4>
        Time for all {details.jobs.length} jobs, pools of {details.poolSize}
      </h4>
      <Bars
        testId="pools-time"
        label="Total time per pool"
        rows={v.rows.map((r) => ({
          key: r.pool,
          label: r.name,
          fraction: r.fraction,
          tone: r.pool === v.slowest ? 'bad' : 'a',
          value: `${formatMs(r.totalMs)}${r.resultsOk ? '' : ' · wrong results'}`,
        }))}
      />
      <div className="table-wrap">
        <table className="data-table">
          <caption>
            Job ids in the order their futures completed, and in the order map() returned them.
          </caption>
          <thead>
            <tr>
              <th scope="col">pool</th>
              <th scope="col">as completed</th>
              <th scope="col">map()</th>
            </tr>
          </thead>
          <tbody>
            {v.rows.map((r) => (
              <tr key={r.pool}>
                <th scope="row">{r.name}</th>
                <td>
                  <code>{r.completionOrder.join(' ')}</code>
                  {r.reordered ? ' (out of order)' : ''}
                </td>
                <td>
                  <code>{r.mapOrder.join(' ')}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
