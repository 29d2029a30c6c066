/** Per-thread lock accounting, summed over the measured runs. */
import type { GilThreadStats } from '../../../electron/common/report';
import { formatMs } from '../../../electron/common/format';

export function GilStatsTable({ threads }: { threads: readonly GilThreadStats[] }) {
  return (
    <div className="table-wrap">
      <table className="data-table" data-testid="gil-stats">
        <caption>
          Lock use per thread, added up over every measured run. A forced drop is the holder letting go
          because a waiter asked after one switch interval.
        </caption>
        <thead>
          <tr>
            <th scope="col">Thread</th>
            <th scope="col">Holding</th>
            <th scope="col">Waiting</th>
            <th scope="col">In I/O</th>
            <th scope="col">Acquisitions</th>
            <th scope="col">Switches</th>
            <th scope="col">Forced drops</th>
          </tr>
        </thead>
        <tbody>
          {threads.map((t) => (
            <tr key={t.thread}>
              <th scope="row">{t.thread + 1}</th>
              <td>{formatMs(t.holdMs)}</td>
              <td>{formatMs(t.waitMs)}</td>
              <td>{formatMs(t.ioMs)}</td>
              <td>{t.acquisitions}</td>
              <td>{t.switches}</td>
              <td>{t.forcedDrops}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
