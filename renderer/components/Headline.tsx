/** The one-click experiment: CPU-bound against I/O-bound work, every model, 1 to 2 x cores workers. */
import { useState } from 'react';
import { headlineWorkers, type HeadlineSize } from '../state/headline';
import type { RunEstimate } from '../state/estimate';

interface Props {
  readonly cores: number;
  readonly disabled: boolean;
  /** whether the run includes real CPython (false: no interpreter found, or still looking) */
  readonly withPython: boolean;
  /** why Python is not included, when it is not: said once here, in full in the machine panel */
  readonly pythonNote: string | null;
  /** per size, what the run will take (null while it cannot be estimated) */
  readonly estimates: Readonly<Record<HeadlineSize, RunEstimate | null>>;
  readonly onRun: (size: HeadlineSize) => void;
}

const SIZE_NOTE: Readonly<Record<HeadlineSize, string>> = {
  quick: 'a quick look',
  full: 'runs until ±5%',
};

export function Headline({ cores, disabled, withPython, pythonNote, estimates, onRun }: Props) {
  const [size, setSize] = useState<HeadlineSize>('quick');
  const workers = headlineWorkers(cores);
  return (
    <section className="panel headline" aria-labelledby="headline-heading">
      <div className="headline-text">
        <h2 id="headline-heading">CPU-bound vs I/O-bound</h2>
        <p>
          Count primes (pure computation) and wait on timers (pure waiting) with worker threads, child
          processes, the event loop and threads that share one GIL
          {withPython ? ', and real Python threads and processes beside them' : ''}, using{' '}
          {workers.join(', ')} workers on this {cores}-core machine. Real threads and processes, really
          measured.
        </p>
        {pythonNote ? (
          <p className="hint" data-testid="headline-python-note">
            {pythonNote}
          </p>
        ) : null}
      </div>
      <div className="headline-actions">
        <fieldset className="segmented" disabled={disabled}>
          <legend className="visually-hidden">Size</legend>
          {(['quick', 'full'] as const).map((s) => (
            <label key={s} className={size === s ? 'checked' : undefined}>
              <input
                type="radio"
                name="headline-size"
                value={s}
                checked={size === s}
                onChange={() => setSize(s)}
                data-testid={`headline-size-${s}`}
              />
              {s === 'quick' ? 'Quick look' : 'Full measurement'}
              <span className="hint">{SIZE_NOTE[s]}</span>
            </label>
          ))}
        </fieldset>
        <p className="hint" data-testid="headline-size-note">
          {size === 'quick'
            ? 'A quick look, not a measurement: two runs a cell, no warm-up, so the figures can be off by a lot.'
            : 'A measurement: each cell runs 5 to 15 times, until its median is known within ±5%.'}
        </p>
        {estimates[size] ? (
          <p className="hint" data-testid="headline-estimate" title={estimates[size]?.sizes}>
            Estimated: {estimates[size]?.text}.
          </p>
        ) : null}
        <button
          type="button"
          className="button button-primary button-big"
          disabled={disabled}
          onClick={() => onRun(size)}
          data-testid="headline-run"
        >
          Run the experiment
        </button>
      </div>
    </section>
  );
}
