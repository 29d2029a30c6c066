/** lifecycle: which threads ran, were alive when, how long join() blocked, the active count. */
import type { LifecycleDetails } from '../../../../electron/common/demos';
import { formatMs } from '../../../../electron/common/format';

const yes = (b: boolean) => (b ? 'yes' : 'no');

export function LifecycleView({ details }: { details: LifecycleDetails }) {
  return (
    <div className="demo-view" data-testid="view-lifecycle">
      <div className="table-wrap">
        <table className="data-table demo-big-table">
          <caption>is_alive() at each moment</caption>
          <thead>
            <tr>
              <th scope="col">thread</th>
              <th scope="col" className="num">
                ident
              </th>
              <th scope="col">ran before start()</th>
              <th scope="col">before start</th>
              <th scope="col">while running</th>
              <th scope="col">after join</th>
            </tr>
          </thead>
          <tbody>
            {details.threads.map((t) => (
              <tr key={t.name}>
                <th scope="row">{t.name}</th>
                <td className="num">{t.ident}</td>
                <td>{yes(t.ranBeforeStart)}</td>
                <td>{String(t.aliveBeforeStart)}</td>
                <td>{String(t.aliveWhileRunning)}</td>
                <td>{String(t.aliveAfterJoin)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        join({details.join.name}) blocked main for {formatMs(details.join.blockedMs)}. Active count:{' '}
        {details.activeCount.map((a) => a.count).join(' → ')}. A second start():{' '}
        <code>{details.doubleStart.threw ? details.doubleStart.error : 'no error'}</code>
      </p>
    </div>
  );
}
