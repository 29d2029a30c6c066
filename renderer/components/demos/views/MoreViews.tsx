/** Small views for lifecycle, daemon, event, queue, barrier and native-gil: their details as bars and tables. */
import type {
  BarrierDetails,
  DaemonDetails,
  EventDetails,
  LifecycleDetails,
  NativeGilDetails,
  QueueDetails,
} from '../../../../electron/common/demos';
import { fractionOf } from '../../../state/demo-views';
import { nativeGilView } from '../../../state/demo-views-more';
import { formatCount, formatMs } from '../../../../electron/common/format';
import { Bars } from '../Bars';

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

export function DaemonView({ details }: { details: DaemonDetails }) {
  return (
    <div className="demo-view" data-testid="view-daemon">
      <Bars
        testId="daemon-steps"
        label="Steps the worker finished before the process exited"
        rows={details.runs.map((r) => ({
          key: String(r.daemon),
          label: r.daemon ? 'daemon worker' : 'normal worker',
          fraction: fractionOf(r.stepsDone, r.totalSteps),
          tone: r.stepsDone < r.totalSteps ? 'bad' : 'good',
          value: `${r.stepsDone} of ${r.totalSteps} steps; exit ${formatMs(r.processExitMs - r.mainEndedMs)} after main`,
        }))}
      />
    </div>
  );
}

export function EventView({ details }: { details: EventDetails }) {
  const slowest = Math.max(0, ...details.latencyUs);
  return (
    <div className="demo-view" data-testid="view-event">
      <p className="demo-bignums">
        <span>
          <strong>{details.released}</strong> of {details.workers} released
        </span>
        <span>
          <strong>{details.passedEarly}</strong> passed the red light
        </span>
      </p>
      <h4>From set() to running again</h4>
      <Bars
        testId="event-latency"
        label="Time from set() to each worker running again"
        rows={details.latencyUs.map((us, i) => ({
          key: String(i),
          label: `worker ${i + 1}`,
          fraction: fractionOf(us, slowest),
          tone: 'good',
          value: `${formatCount(us)} µs`,
        }))}
      />
    </div>
  );
}

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

export function BarrierView({ details }: { details: BarrierDetails }) {
  const longest = Math.max(0, ...details.rounds.map((r) => r.longestWaitMs));
  return (
    <div className="demo-view" data-testid="view-barrier">
      <Bars
        testId="barrier-rounds"
        label="Per round: the earliest arrival's wait, and how close together all left"
        rows={details.rounds.map((r, i) => ({
          key: String(i),
          label: `round ${i + 1}`,
          fraction: fractionOf(r.longestWaitMs, longest),
          tone: r.releasedEarly ? 'bad' : 'a',
          value: `waited up to ${formatMs(r.longestWaitMs)}; all left within ${formatMs(r.releaseSpreadMs)}`,
        }))}
      />
    </div>
  );
}

export function NativeGilView({ details }: { details: NativeGilDetails }) {
  const v = nativeGilView(details);
  return (
    <div className="demo-view" data-testid="view-native-gil">
      {v.rows.map((r) => (
        <div key={r.name}>
          <h4>
            {r.description}: {r.speedup.toFixed(2)}× with two threads
          </h4>
          <Bars
            testId={`native-gil-${r.name}`}
            label={`${r.name}: best time with one and with two threads`}
            rows={[
              {
                key: '1',
                label: '1 thread',
                fraction: r.oneFraction,
                tone: 'muted',
                value: formatMs(r.oneThreadMs),
              },
              {
                key: '2',
                label: '2 threads',
                fraction: r.twoFraction,
                tone: r.speedup > 1.2 ? 'good' : 'bad',
                value: formatMs(r.twoThreadsMs),
              },
            ]}
          />
        </div>
      ))}
    </div>
  );
}
