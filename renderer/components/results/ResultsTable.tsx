/** Every measured cell with its numbers, checksum verdict, measurement warnings and failure, as text. */
import { MODEL_TITLES } from '../../../electron/common/config';
import type { Report, ResultEntry } from '../../../electron/common/report';
import {
  describeRuns,
  formatBytes,
  formatCellRuns,
  formatMs,
  formatPct,
  formatSpeedup,
  workloadSizeText,
} from '../../../electron/common/format';

function Notes({ r }: { r: ResultEntry }) {
  if (!r.failure && r.warnings.length === 0) return <span className="muted">–</span>;
  return (
    <ul className="notes">
      {r.failure ? (
        <li className="failure">
          <strong>Failed ({r.failure.reason}):</strong> {r.failure.message}
        </li>
      ) : null}
      {r.warnings.map((w, i) => (
        // The kind fits in the row; the full explanation opens on demand, by keyboard too.
        <li key={i} className="warning">
          <details>
            <summary>{w.kind}</summary>
            {w.message}
          </details>
        </li>
      ))}
    </ul>
  );
}

/** All workers' memory (JS heap for threads, resident memory for processes and interpreters); each on hover. */
function MemoryCell({ r }: { r: ResultEntry }) {
  if (!r.memoryBytes.length) return <td className="num">–</td>;
  const total = r.memoryBytes.reduce((a, b) => a + b, 0);
  return (
    <td className="num" title={`per worker: ${r.memoryBytes.map(formatBytes).join(', ')}`}>
      {formatBytes(total)}
    </td>
  );
}

function checksumText(r: ResultEntry): string {
  if (r.checksumOk === null) return '–';
  return r.checksumOk ? 'matches' : 'DIFFERS';
}

interface Props {
  readonly results: readonly ResultEntry[];
  readonly config: Report['config'];
}

export function ResultsTable({ results, config }: Props) {
  const adaptive = config.targetCiPct !== undefined;
  const failed = results.filter((r) => r.failure).length;
  const warned = results.filter((r) => r.warnings.length > 0).length;
  return (
    <section className="panel" aria-labelledby="table-heading">
      <h2 id="table-heading">All measurements</h2>
      <p className="note" data-testid="results-summary">
        {results.length} cells, {describeRuns(config)} each. {failed ? `${failed} failed. ` : ''}
        {warned ? `${warned} carry a warning about how far to trust them.` : 'No measurement warnings.'}
      </p>
      <p className="note" data-testid="results-sizes">
        Work per cell: {config.workloads.map(workloadSizeText).join('; ')}.
        {config.workloads.some((w) => w.pythonParams)
          ? ' Each family is timed against its own one-worker baseline, at its own size.'
          : null}
      </p>
      <div className="table-wrap">
        <table className="data-table results-table" data-testid="results-table">
          <thead>
            <tr>
              <th scope="col">Workload</th>
              <th scope="col">Model</th>
              <th scope="col">Workers</th>
              <th scope="col">Median</th>
              <th scope="col">Fastest … slowest</th>
              <th scope="col">Speedup</th>
              <th scope="col">95% interval</th>
              <th scope="col">Efficiency</th>
              {adaptive ? (
                <th scope="col" title="measured runs, and how tight the median got (± of its 95% interval)">
                  Runs
                </th>
              ) : null}
              <th scope="col">Memory</th>
              <th scope="col">Checksum</th>
              <th scope="col">Notes</th>
            </tr>
          </thead>
          <tbody>
            {results.map((r) => (
              <tr
                key={`${r.workload}/${r.model}/${r.workers}`}
                className={r.failure ? 'row-failed' : undefined}
                data-testid="results-row"
              >
                <td>{r.workload}</td>
                <td>{MODEL_TITLES[r.model]}</td>
                <td className="num">{r.workers}</td>
                <td className="num">{r.wallMs ? formatMs(r.wallMs.median) : '–'}</td>
                <td className="num">
                  {r.wallMs ? `${formatMs(r.wallMs.min)} … ${formatMs(r.wallMs.max)}` : '–'}
                </td>
                <td className="num">{r.speedup ? formatSpeedup(r.speedup.median) : '–'}</td>
                <td className="num">
                  {r.speedup ? `${r.speedup.ciLow.toFixed(2)} – ${r.speedup.ciHigh.toFixed(2)}` : '–'}
                </td>
                <td className="num">{r.efficiency !== null ? formatPct(r.efficiency) : '–'}</td>
                {adaptive ? (
                  <td className={r.adaptive?.reached === false ? 'num bad' : 'num'}>
                    {formatCellRuns(r.adaptive, r.loops)}
                  </td>
                ) : null}
                <MemoryCell r={r} />
                <td className={r.checksumOk === false ? 'bad' : undefined}>{checksumText(r)}</td>
                <td>
                  <Notes r={r} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
