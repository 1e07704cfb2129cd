/** One activation option (a discrete choice from the registry): label and select. */
import { useId } from 'react';
import type { OptionSpec } from '../../core/registry/types';

export interface OptionControlProps {
  spec: OptionSpec;
  /** The selected choice; the registry default when unset. */
  value: string | undefined;
  onChange(name: string, value: string): void;
}

export function OptionControl({ spec, value, onChange }: OptionControlProps) {
  const id = useId();
  return (
    <div className="param">
      <label className="param-label" htmlFor={id} title={spec.description}>
        {spec.name}
      </label>
      <select id={id} data-option={spec.name} value={value ?? spec.default} onChange={(e) => onChange(spec.name, e.currentTarget.value)}>
        {spec.choices.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
    </div>
  );
}
