/** An alert region that lists every problem with the field it names, in the engine's own words. */
import { fieldTitle, type ErrorView } from '../../state/errors';

interface Props {
  readonly error: ErrorView;
  /** workload order of the request, so `workloads[0]` can be named */
  readonly order?: readonly string[];
  readonly title?: string;
  readonly onDismiss?: () => void;
}

export function ErrorAlert({
  error,
  order = [],
  title = 'The experiment could not start',
  onDismiss,
}: Props) {
  return (
    <div className="alert" role="alert" data-testid="error-alert">
      <p className="alert-title">
        <strong>{title}.</strong> {error.message}
      </p>
      {error.issues.length ? (
        <ul>
          {error.issues.map((issue, i) => (
            <li key={i}>
              <strong>{fieldTitle(issue.field, order)}:</strong> {issue.message}
            </li>
          ))}
        </ul>
      ) : null}
      {onDismiss ? (
        <button type="button" className="button button-quiet" onClick={onDismiss}>
          Dismiss
        </button>
      ) : null}
    </div>
  );
}
