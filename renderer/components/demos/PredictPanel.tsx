/**
 * "Predict, then run": the demo's question as radio buttons. Once the demo has run, the panel says whether
 * the prediction made before pressing Run matches the answer the measurements support, and why.
 */
import { useId } from 'react';
import type { DemoOutcome, DemoQuestion } from '../../../electron/common/demos';

interface Props {
  readonly question: DemoQuestion;
  readonly choice: string | null;
  readonly onChoose: (choice: string) => void;
  readonly disabled: boolean;
  /** the answer of the last finished run, and the prediction that was made before it started */
  readonly result: { readonly outcome: DemoOutcome; readonly predicted: string | null } | null;
}

export function PredictPanel({ question, choice, onChoose, disabled, result }: Props) {
  const id = useId();
  const answer = result?.outcome.answer ?? null;
  const labelOf = (c: string | null) => question.choices.find((x) => x.id === c)?.label ?? c ?? '';
  const matched = result && result.predicted !== null ? result.predicted === answer?.choice : null;
  return (
    <section className="demo-predict" aria-labelledby={`${id}-q`} data-testid="demo-predict">
      <fieldset className="demo-choices" disabled={disabled}>
        <legend id={`${id}-q`} className="demo-question">
          <span className="demo-step">Predict</span> {question.prompt}
        </legend>
        {question.choices.map((c) => {
          const isAnswer = answer?.choice === c.id;
          return (
            <label
              key={c.id}
              className={`demo-choice${choice === c.id ? ' demo-choice-on' : ''}${isAnswer ? ' demo-choice-answer' : ''}`}
            >
              <input
                type="radio"
                name={`${id}-choice`}
                value={c.id}
                checked={choice === c.id}
                onChange={() => onChoose(c.id)}
                data-testid={`demo-choice-${c.id}`}
              />
              <span>{c.label}</span>
              {isAnswer ? <span className="demo-measured-mark">measured</span> : null}
            </label>
          );
        })}
      </fieldset>
      {result && answer ? (
        <p
          className={`demo-verdict demo-verdict-${matched === null ? 'none' : matched ? 'yes' : 'no'}`}
          role="status"
          data-testid="demo-verdict"
          data-matched={matched === null ? 'none' : String(matched)}
        >
          {matched === null ? (
            <>No prediction was made before this run. </>
          ) : matched ? (
            <>
              <strong>Your prediction matched.</strong>{' '}
            </>
          ) : (
            <>
              <strong>Not this time:</strong> you predicted “{labelOf(result.predicted)}”.{' '}
            </>
          )}
          The measurements say “{labelOf(answer.choice)}” ({answer.why}).
        </p>
      ) : (
        <p className="hint">
          Pick an answer, then press Run: the lab measures which one is right on this machine.
        </p>
      )}
    </section>
  );
}
