/** A labelled text or number input with its hint and its errors. */
import { useId } from 'react';
import type { FieldIssue } from '../../../electron/common/errors';
import { FieldErrors } from './FieldErrors';

interface Props {
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly issues: readonly FieldIssue[];
  readonly testId: string;
  readonly hint?: string;
  readonly type?: 'text' | 'number';
  readonly min?: number;
  readonly max?: number;
  readonly step?: number | 'any';
  readonly disabled?: boolean;
  readonly wide?: boolean;
}

export function TextField(props: Props) {
  const {
    label,
    value,
    onChange,
    issues,
    testId,
    hint,
    type = 'number',
    min,
    max,
    step,
    disabled,
    wide,
  } = props;
  const id = useId();
  const errId = `${id}-err`;
  const hintId = `${id}-hint`;
  const described = [hint ? hintId : '', issues.length ? errId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${wide ? ' field-wide' : ''}${issues.length ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={type}
        inputMode={type === 'number' ? 'decimal' : undefined}
        value={value}
        min={min}
        max={max}
        step={step}
        disabled={disabled}
        aria-invalid={issues.length > 0}
        aria-describedby={described}
        onChange={(e) => onChange(e.target.value)}
        data-testid={testId}
      />
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      <FieldErrors id={errId} issues={issues} testId={`${testId}-error`} />
    </div>
  );
}
