/** thread-vs-process: who has which PID, the shared write, spawn costs. */
import type { ThreadVsProcessDetails } from '../../../../electron/common/demos';
import { threadVsProcessView } from '../../../state/demo-views/thread-vs-process';
import { formatMs } from '../../../../electron/common/format';
import { Bars } from '../Bars';

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
