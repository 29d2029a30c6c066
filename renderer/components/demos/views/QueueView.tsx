/** queue: a bounded queue blocking producers and consumers. */
import type { QueueDetails } from '../../../../electron/common/demos';
import { formatMs } from '../../../../electron/common/format';

export function QueueView({ details }: { details: QueueDetails }) {
  const rows = [
    ['producers', details.producers, 'found it full'],
    ['consumers', details.consumers, 'found it empty'],
  ] as const;
  return (
    <div className="demo-view" data-testid="view-queue">
      <p className="demo-bignums">
        <span>
          queue size <strong>{details.capacity}</strong>
        </span>
        <span>
          fullest <strong>{details.maxOccupancy}</strong>
        </span>
        <span className={details.checksumOk ? 'demo-good' : 'bad'}>
          {details.checksumOk ? '✓ nothing lost' : '✗ items lost'}
        </span>
      </p>
      <div className="table-wrap">
        <table className="data-table demo-big-table">
          <thead>
            <tr>
              <th scope="col">side</th>
              <th scope="col" className="num">
                workers
              </th>
              <th scope="col" className="num">
                items
              </th>
              <th scope="col" className="num">
                times blocked
              </th>
              <th scope="col" className="num">
                time blocked
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([name, side, why]) => (
              <tr key={name}>
                <th scope="row">{name}</th>
                <td className="num">{side.workers}</td>
                <td className="num">{side.items}</td>
                <td className="num" title={why}>
                  {side.blockedCount}
                </td>
                <td className="num">{formatMs(side.blockedMs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
