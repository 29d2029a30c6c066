/**
 * race / lock / atomics: per run, the count reached against the count expected (the gap is the lost
 * updates); how the losses spread over the runs; and the same increments done the other ways, timed.
 */
import type { CounterDetails } from '../../../../electron/common/demos';
import { counterView } from '../../../state/demo-views';
import { formatCount, formatMs } from '../../../../electron/common/format';
import { Bars } from '../Bars';

export function CounterView({ details }: { details: CounterDetails }) {
  const v = counterView(details);
  const exact = v.shortRuns === 0;
  return (
    <div className="demo-view" data-testid="view-counter">
      <p className="demo-bignums">
        <span>
          Expected <strong data-testid="counter-expected">{formatCount(v.expected)}</strong> per run
        </span>
        <span>
          {exact ? (
            <>every run reached it exactly</>
          ) : (
            <>
              lost <strong>{formatCount(v.lost.min)}</strong> to <strong>{formatCount(v.lost.max)}</strong>{' '}
              updates ({v.shortRuns} of {v.runs.length} runs short)
            </>
          )}
        </span>
      </p>
      <h4>Count reached in each run</h4>
      <Bars
        testId="counter-runs"
        label="Count reached per run, against the expected count"
        reference={{ fraction: 1, label: `expected ${formatCount(v.expected)}` }}
        rows={v.runs.map((r) => ({
          key: String(r.run),
          label: `run ${r.run}`,
          fraction: r.fraction,
          tone: r.lost > 0 ? 'bad' : 'good',
          value: (
            <>
              <span data-testid="counter-actual">{formatCount(r.actual)}</span>
              {r.lost > 0 ? ` (${formatCount(r.lost)} lost)` : ' (exact)'}
            </>
          ),
          data: { 'data-expected': r.expected, 'data-actual': r.actual, 'data-lost': r.lost },
        }))}
      />
      {v.histogram.length > 1 ? (
        <>
          <h4>How many updates were lost: runs per range</h4>
          <Bars
            testId="counter-histogram"
            label="Runs per range of lost updates"
            rows={v.histogram.map((h) => ({
              key: `${h.fromLost}`,
              label: `${formatCount(h.fromLost)}–${formatCount(h.toLost)} lost`,
              fraction: h.fraction,
              tone: 'muted',
              value: `${h.runs} ${h.runs === 1 ? 'run' : 'runs'}`,
            }))}
          />
        </>
      ) : null}
      {v.comparisons.length > 1 ? (
        <>
          <h4>The same increments, timed (median per run)</h4>
          <Bars
            testId="counter-comparisons"
            label="Median time per run for each way of incrementing"
            rows={v.comparisons.map((c) => ({
              key: c.mode,
              label: c.name,
              fraction: c.fraction,
              tone: c.exactRuns === c.runs ? 'good' : 'bad',
              value: `${formatMs(c.medianMs)} · exact in ${c.exactRuns} of ${c.runs}`,
            }))}
          />
        </>
      ) : null}
      <p className="note">
        {details.threads} threads × {formatCount(details.iterations)} increments
        {details.window ? `, ${formatCount(details.window)} steps of work between read and write` : ''}.
      </p>
    </div>
  );
}
