/** A labelled text box over a useCheckedText value, with its problem shown under it. */
import { useReportInvalid } from './invalidFields';
import { useId } from 'react';
import type { CheckedText } from '../explore/useCheckedText';

export interface CheckedTextFieldProps {
  label: string;
  testId: string;
  field: CheckedText;
  title?: string;
  inputMode?: 'decimal' | 'text';
}

export function CheckedTextField({ label, testId, field, title, inputMode }: CheckedTextFieldProps) {
  const id = useId();
  useReportInvalid(field.error);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        inputMode={inputMode}
        data-testid={testId}
        value={field.text}
        aria-invalid={field.error !== null}
        title={title}
        onChange={(e) => field.change(e.currentTarget.value)}
      />
      {field.error && (
        <span className="field-error" role="alert">
          {field.error}
        </span>
      )}
    </div>
  );
}
