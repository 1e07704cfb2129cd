/** One parameter: slider (range and scale from the registry), exact number box, reset. */
import { memo, useId } from 'react';
import type { ParamSpec } from '../../core/registry/types';
import { checkParamValue } from '../state/activationToken';
import { formatNumber } from '../state/queryCodec';
import { arrowStep, sliderScale } from './sliderScale';
import { useCheckedText } from './useCheckedText';

export interface ParamControlProps {
  spec: ParamSpec;
  value: number;
  /** Name shown to people (α rather than alpha). */
  label: string;
  onChange(name: string, value: number): void;
}

export const ParamControl = memo(function ParamControl({ spec, value, label, onChange }: ParamControlProps) {
  const id = useId();
  const scale = sliderScale(spec);
  const { text, error, change } = useCheckedText(value, formatNumber, (t) => checkParamValue(spec, t), (v) => onChange(spec.name, v));

  const learnable = spec.learnable === 'yes' ? ' (learnable)' : spec.learnable === 'optional' ? ' (optionally learnable)' : '';
  return (
    <div className="param">
      <label htmlFor={`${id}-range`} className="param-label" title={spec.description}>
        {label}
        <span className="param-meta">{learnable}</span>
      </label>
      <input
        id={`${id}-range`}
        type="range"
        data-param={spec.name}
        min={scale.min}
        max={scale.max}
        step={scale.step}
        value={scale.toPosition(value)}
        aria-valuetext={`${label} = ${formatNumber(value)}`}
        onKeyDown={(e) => {
          const step = arrowStep(e.key, e.shiftKey, scale);
          if (step === null) return;
          e.preventDefault();
          const position = Math.min(scale.max, Math.max(scale.min, Math.round(scale.toPosition(value)) + step));
          onChange(spec.name, scale.toValue(position));
        }}
        onChange={(e) => onChange(spec.name, scale.toValue(Number(e.currentTarget.value)))}
      />
      <input
        type="number"
        className="param-number"
        aria-label={`${label} exact value`}
        data-param-number={spec.name}
        min={spec.min}
        max={spec.max}
        step={spec.integer ? 1 : 'any'}
        value={text}
        aria-invalid={error !== null}
        aria-describedby={error ? `${id}-err` : undefined}
        onChange={(e) => change(e.currentTarget.value)}
      />
      <button
        type="button"
        className="small"
        onClick={() => onChange(spec.name, spec.default)}
        disabled={value === spec.default}
        aria-label={`Reset ${label} to ${formatNumber(spec.default)}`}
        title={`Reset to ${formatNumber(spec.default)}`}
      >
        ↺
      </button>
      {error && (
        <span id={`${id}-err`} className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
});
