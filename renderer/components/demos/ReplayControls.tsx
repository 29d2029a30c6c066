/** Slow-motion controls for the lanes: replay from the start, pause / play, one event at a time, speed. */
import { REPLAY_RATES } from '../../state/demo-replay';
import type { DemoTimeline } from '../../hooks/useDemoTimeline';

const RATE_NAMES: Readonly<Record<number, string>> = { 1: '1×', 0.5: '½×', 0.25: '¼×', 0.1: '⅒×' };

export function ReplayControls({ timeline }: { timeline: DemoTimeline }) {
  const { replay, mode, eventsTotal } = timeline;
  const nothing = mode === 'empty' || eventsTotal === 0;
  const playing = replay.active && replay.playing;
  return (
    <div className="demo-replay" role="group" aria-label="Replay the lanes">
      <button
        type="button"
        className="button"
        onClick={playing ? timeline.pause : timeline.play}
        disabled={nothing}
        aria-label={
          playing ? 'Pause the replay' : replay.active ? 'Play the replay' : 'Replay the lanes slowly'
        }
        data-testid="demo-replay-play"
      >
        {playing ? 'Pause' : replay.active ? 'Play' : 'Replay slowly'}
      </button>
      <button
        type="button"
        className="button"
        onClick={timeline.step}
        disabled={nothing || (replay.active && replay.cursor >= eventsTotal)}
        aria-label="Step: show the next event"
        data-testid="demo-replay-step"
      >
        Step ›
      </button>
      <button
        type="button"
        className="button button-quiet"
        onClick={timeline.restart}
        disabled={nothing || !replay.active}
        data-testid="demo-replay-restart"
      >
        From the start
      </button>
      <fieldset className="segmented demo-rates" aria-label="Replay speed">
        <legend className="visually-hidden">Replay speed</legend>
        {REPLAY_RATES.map((r) => (
          <button
            key={r}
            type="button"
            aria-pressed={replay.rate === r}
            onClick={() => timeline.setRate(r)}
            aria-label={`Replay at ${RATE_NAMES[r] ?? `${r}×`} speed`}
          >
            {RATE_NAMES[r] ?? `${r}×`}
          </button>
        ))}
      </fieldset>
      {replay.active ? (
        <button
          type="button"
          className="button button-quiet"
          onClick={timeline.stop}
          data-testid="demo-replay-stop"
        >
          Leave replay
        </button>
      ) : null}
    </div>
  );
}
