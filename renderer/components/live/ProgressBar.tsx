/** Runs done out of runs planned, the time left, and the cell being measured right now. */
import type { Progress } from '../../../electron/common/api';
import { MODEL_TITLES } from '../../../electron/common/config';
import { formatDuration, plural } from '../../../electron/common/format';

const PHASE: Readonly<Record<Progress['phase'], string>> = {
  spawning: 'Starting workers',
  warmup: 'Warming up',
  measuring: 'Measuring',
  finishing: 'Finishing',
};

export function ProgressBar({ progress }: { progress: Progress | null }) {
  const done = progress?.done ?? 0;
  const total = progress?.total ?? 0;
  const pct = total > 0 ? Math.round((100 * done) / total) : 0;
  const current = progress?.current;
  const eta = progress?.etaMs;
  return (
    <div className="progress" data-testid="progress">
      <div
        className="progress-track"
        role="progressbar"
        aria-label="Experiment progress"
        aria-valuemin={0}
        aria-valuemax={total || 1}
        aria-valuenow={done}
        aria-valuetext={`${done} of ${total} runs`}
      >
        {/* Scaled, not resized: on its own compositor layer, the fill moves without a repaint of the page. */}
        <div className="progress-fill" style={{ transform: `scaleX(${pct / 100})` }} />
      </div>
      {/* Only the phase is announced: reading out every finished run would drown everything else. */}
      <span className="visually-hidden" aria-live="polite">
        {progress ? PHASE[progress.phase] : 'Starting'}
      </span>
      <p className="progress-text">
        <strong>{progress ? PHASE[progress.phase] : 'Starting'}</strong>
        {total > 0 ? ` · ${done} of ${plural(total, 'run')}` : ''}
        {eta != null ? ` · about ${formatDuration(eta)} left` : ''}
      </p>
      <p className="progress-cell" data-testid="progress-cell">
        {current
          ? `Now: ${current.workload} with ${MODEL_TITLES[current.model].toLowerCase()}, ${plural(current.workers, 'worker')} (repetition ${current.repetition + 1})`
          : ' '}
      </p>
    </div>
  );
}
