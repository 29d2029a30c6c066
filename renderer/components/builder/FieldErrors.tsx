/** The messages that belong to one input, linked to it through aria-describedby. */
import type { FieldIssue } from '../../../electron/common/errors';

export function FieldErrors({
  id,
  issues,
  testId,
}: {
  id: string;
  issues: readonly FieldIssue[];
  testId: string;
}) {
  if (issues.length === 0) return null;
  return (
    <ul className="field-errors" id={id} data-testid={testId}>
      {issues.map((issue, i) => (
        <li key={i}>
          <span className="field-path">{issue.field}</span> {issue.message}
        </li>
      ))}
    </ul>
  );
}
