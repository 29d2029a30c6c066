/**
 * convoy: the I/O thread's round trips per second in each setting, on a log scale (the fall is orders of
 * magnitude), with the 'alone' rate as the reference line, and the latencies behind it.
 */
import type { ConvoyDetails } from '../../../../electron/common/demos';
import { convoyView } from '../../../state/demo-views';
import { formatCount, formatMs, formatPct } from '../../../../electron/common/format';
import { Bars } from '../Bars';

export function ConvoyView({ details }: { details: ConvoyDetails }) {
  const v = convoyView(details);
  return (
    <div className="demo-view" data-testid="view-convoy">
      <h4>Round trips per second of the I/O thread (log scale)</h4>
      <Bars
        testId="convoy-rps"
        label="Round trips per second in each setting, log scale"
        reference={
          v.aloneRps !== null
            ? { fraction: v.scale.pos(v.aloneRps), label: `alone ${formatCount(v.aloneRps)}/s` }
            : undefined
        }
        ticks={v.scale.ticks.map((t) => ({ fraction: v.scale.pos(t), label: formatCount(t) }))}
        rows={v.rows.map((r) => ({
          key: r.label,
          label: r.label,
          fraction: r.pos,
          tone: r.cpuIn === 'none' ? 'good' : r.cpuIn === 'process' ? 'c' : r.ofAlone < 0.1 ? 'bad' : 'b',
          value: `${formatCount(r.rps)}/s · ${formatPct(r.ofAlone)} of alone`,
          data: { 'data-rps': r.rps },
        }))}
      />
      <div className="table-wrap">
        <table className="data-table">
          <caption>Each setting ran for about {formatMs(details.settings[0]?.durationMs ?? 0)}.</caption>
          <thead>
            <tr>
              <th scope="col">setting</th>
              <th scope="col">CPU work in</th>
              <th scope="col" className="num">
                switch interval
              </th>
              <th scope="col" className="num">
                round trips
              </th>
              <th scope="col" className="num">
                p50
              </th>
              <th scope="col" className="num">
                p99
              </th>
            </tr>
          </thead>
          <tbody>
            {details.settings.map((s) => (
              <tr key={s.label}>
                <th scope="row">{s.label}</th>
                <td>
                  {s.cpuIn === 'none'
                    ? 'nothing beside it'
                    : s.cpuIn === 'process'
                      ? 'a child process'
                      : `${s.cpuThreads} GIL thread${s.cpuThreads === 1 ? '' : 's'}`}
                </td>
                <td className="num">{s.cpuIn === 'gil-threads' ? `${s.switchIntervalMs} ms` : '–'}</td>
                <td className="num">{formatCount(s.roundTrips)}</td>
                <td className="num">{formatMs(s.p50Ms)}</td>
                <td className="num">{formatMs(s.p99Ms)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
