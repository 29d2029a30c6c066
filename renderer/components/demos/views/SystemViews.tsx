/**
 * tcp-server (requests per second and latency per server model), pools (time per pool, completion order
 * against map order) and thread-vs-process (who has which PID, the shared write, spawn costs).
 */
import type {
  PoolsDetails,
  TcpServerDetails,
  ThreadVsProcessDetails,
} from '../../../../electron/common/demos';
import { poolsView, serverView, threadVsProcessView } from '../../../state/demo-views-more';
import { formatCount, formatMs } from '../../../../electron/common/format';
import { Bars } from '../Bars';

export function ServerView({ details }: { details: TcpServerDetails }) {
  const v = serverView(details);
  return (
    <div className="demo-view" data-testid="view-tcp-server">
      <h4>Requests per second</h4>
      <Bars
        testId="server-rps"
        label="Requests per second per server"
        rows={v.rows.map((r) => ({
          key: r.model,
          label: r.name,
          fraction: r.rpsFraction,
          tone: r.model === v.best ? 'good' : 'a',
          value: `${formatCount(r.rps)}/s · ${formatCount(r.served)} of ${formatCount(r.expected)} served${r.errors ? `, ${r.errors} errors` : ''}`,
          data: { 'data-rps': r.rps },
        }))}
      />
      <h4>Latency: median (thick) and 99th percentile (thin)</h4>
      <Bars
        testId="server-latency"
        label="Median and 99th percentile latency per server"
        rows={v.rows.map((r) => ({
          key: r.model,
          label: r.name,
          fraction: r.p50Fraction,
          second: { fraction: r.p99Fraction, tone: 'muted' },
          value: `p50 ${formatMs(r.p50Ms)} · p99 ${formatMs(r.p99Ms)}`,
        }))}
      />
      <p className="note">
        {details.clients} clients × {formatCount(details.requestsPerClient)} requests, {details.workUs} µs of
        CPU work per request.
      </p>
    </div>
  );
}

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

export function ThreadVsProcessView({ details }: { details: ThreadVsProcessDetails }) {
  const v = threadVsProcessView(details);
  const w = v.sharedWrite;
  return (
    <div className="demo-view" data-testid="view-thread-vs-process">
      <div className="two-col">
        <div className="table-wrap">
          <table className="data-table demo-big-table" data-testid="tvp-ids">
            <caption>Who runs where, as each one reported it</caption>
            <thead>
              <tr>
                <th scope="col">who</th>
                <th scope="col" className="num">
                  PID
                </th>
                <th scope="col" className="num">
                  thread id
                </th>
                <th scope="col">same PID as main?</th>
              </tr>
            </thead>
            <tbody>
              {v.ids.map((r) => (
                <tr key={r.who} data-pid={r.pid}>
                  <th scope="row">{r.who}</th>
                  <td className="num">{r.pid}</td>
                  <td className="num">{r.threadId}</td>
                  <td>
                    {r.who === 'main program' ? '–' : r.samePidAsMain ? 'yes: same process' : 'no: its own'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="table-wrap">
          <table className="data-table demo-big-table">
            <caption>Writing {w.wrote} into memory the main program holds</caption>
            <tbody>
              <tr>
                <th scope="row">main reads after the thread wrote</th>
                <td className="num">{w.mainAfterThread}</td>
              </tr>
              <tr>
                <th scope="row">the child reads its own copy</th>
                <td className="num">{w.childSawOwnCopy}</td>
              </tr>
              <tr>
                <th scope="row">main reads after the child wrote</th>
                <td className="num">{w.mainAfterChild}</td>
              </tr>
            </tbody>
          </table>
        </div>
      </div>
      <h4>
        Time to start one (median of {v.spawns[0]?.runsMs.length ?? 0}): a process costs{' '}
        {v.processVsThread.toFixed(1)}× a thread
      </h4>
      <Bars
        testId="tvp-spawn"
        label="Median time to start a thread and a process"
        rows={v.spawns.map((s) => ({
          key: s.kind,
          label: `a ${s.kind}`,
          fraction: s.fraction,
          tone: s.kind === 'thread' ? 'a' : 'c',
          value: `${formatMs(s.medianMs)} (each: ${s.runsMs.map((ms) => Math.round(ms)).join(', ')} ms)`,
        }))}
      />
    </div>
  );
}
