/** tcp-server: requests per second and latency per server model. */
import type { TcpServerDetails } from '../../../../electron/common/demos';
import { serverView } from '../../../state/demo-views/tcp-server';
import { formatCount, formatMs } from '../../../../electron/common/format';
import { Bars } from '../Bars';

export function TcpServerView({ details }: { details: TcpServerDetails }) {
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
