/**
 * Dataset, network and optimiser controls shared by the Trainer and Compare pages. Text fields
 * commit only valid values and say what is wrong with the others.
 */
import { useId, useState } from 'react';
import { datasetInfo, datasetNames } from '../../core/data/datasets';
import { BACKEND_PREFERENCES, INIT_SCHEMES, OPTIMIZERS } from '../../core/train/choices';
import { formatNumber } from '../state/explorerState';
import { LIMITS, parseHidden, parseNumberText, type ExperimentState } from './experimentState';

interface FieldProps {
  label: string;
  value: number;
  min: number;
  max: number;
  integer?: boolean;
  testId: string;
  onCommit(v: number): void;
}

/** A number box that commits only values in [min, max] (integers where asked). */
export function NumberField({ label, value, min, max, integer, testId, onCommit }: FieldProps) {
  const id = useId();
  const [text, setText] = useState(formatNumber(value));
  const [shown, setShown] = useState(value);
  const [error, setError] = useState<string | null>(null);
  if (shown !== value) {
    setShown(value);
    setText(formatNumber(value));
    setError(null);
  }
  const commit = (t: string) => {
    setText(t);
    const v = parseNumberText(t);
    if (v === undefined) setError(`"${t}" is not a number`);
    else if (v < min || v > max) setError(`must be between ${min} and ${max}`);
    else if (integer && !Number.isInteger(v)) setError('must be a whole number');
    else {
      setError(null);
      if (v !== value) onCommit(v);
    }
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        data-testid={testId}
        value={text}
        aria-invalid={error !== null}
        onChange={(e) => commit(e.currentTarget.value)}
      />
      {error && (
        <span className="field-error" role="alert">
          {label}: {error}
        </span>
      )}
    </div>
  );
}

function HiddenField({ value, onCommit }: { value: number[]; onCommit(v: number[]): void }) {
  const id = useId();
  const joined = value.join(',');
  const [text, setText] = useState(joined);
  const [shown, setShown] = useState(joined);
  const [error, setError] = useState<string | null>(null);
  if (shown !== joined) {
    setShown(joined);
    setText(joined);
    setError(null);
  }
  return (
    <div className="field">
      <label htmlFor={id}>Hidden layers</label>
      <input
        id={id}
        type="text"
        data-testid="hidden"
        value={text}
        aria-invalid={error !== null}
        title="Widths separated by commas, e.g. 16,16"
        onChange={(e) => {
          const t = e.currentTarget.value;
          setText(t);
          const v = parseHidden(t);
          if (typeof v === 'string') setError(v);
          else {
            setError(null);
            if (v.join(',') !== joined) onCommit(v);
          }
        }}
      />
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

function SelectField<T extends string>({ label, value, choices, testId, onChange, describe }: {
  label: string;
  value: T;
  choices: readonly T[];
  testId: string;
  onChange(v: T): void;
  describe?: (v: T) => string;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} data-testid={testId} value={value} onChange={(e) => onChange(e.currentTarget.value as T)}>
        {choices.map((c) => (
          <option key={c} value={c}>
            {describe ? describe(c) : c}
          </option>
        ))}
      </select>
    </div>
  );
}

export interface ExperimentControlsProps {
  state: ExperimentState;
  onChange(patch: Partial<ExperimentState>): void;
}

export function DataControls({ state, onChange }: ExperimentControlsProps) {
  return (
    <fieldset className="panel experiment-panel">
      <legend>Data</legend>
      <SelectField
        label="Dataset"
        testId="dataset"
        value={state.dataset}
        choices={datasetNames()}
        describe={(n) => `${n} — ${datasetInfo(n).description}`}
        onChange={(dataset) => onChange({ dataset })}
      />
      <div className="field-row">
        <NumberField label="Points" testId="n" value={state.n} min={LIMITS.n[0]} max={LIMITS.n[1]} integer onCommit={(n) => onChange({ n })} />
        <NumberField label="Noise" testId="noise" value={state.noise} min={LIMITS.noise[0]} max={LIMITS.noise[1]} onCommit={(noise) => onChange({ noise })} />
      </div>
      <div className="field-row">
        <NumberField
          label="Test share"
          testId="test-fraction"
          value={state.testFraction}
          min={LIMITS.testFraction[0]}
          max={LIMITS.testFraction[1]}
          onCommit={(testFraction) => onChange({ testFraction })}
        />
        <NumberField label="Data seed" testId="data-seed" value={state.dataSeed} min={0} max={2 ** 31 - 1} integer onCommit={(dataSeed) => onChange({ dataSeed })} />
      </div>
    </fieldset>
  );
}

export function ModelControls({ state, onChange }: ExperimentControlsProps) {
  return (
    <fieldset className="panel experiment-panel">
      <legend>Network and training</legend>
      <HiddenField value={state.hidden} onCommit={(hidden) => onChange({ hidden })} />
      <div className="field-row">
        <SelectField label="Init" testId="init" value={state.init} choices={INIT_SCHEMES} onChange={(init) => onChange({ init })} />
        <SelectField label="Optimizer" testId="optimizer" value={state.optimizer} choices={OPTIMIZERS} onChange={(optimizer) => onChange({ optimizer })} />
      </div>
      <div className="field-row">
        <NumberField label="Learning rate" testId="lr" value={state.lr} min={LIMITS.lr[0]} max={LIMITS.lr[1]} onCommit={(lr) => onChange({ lr })} />
        <NumberField
          label="Batch size"
          testId="batch-size"
          value={state.batchSize}
          min={LIMITS.batchSize[0]}
          max={LIMITS.batchSize[1]}
          integer
          onCommit={(batchSize) => onChange({ batchSize })}
        />
      </div>
      <div className="field-row">
        <NumberField label="L2" testId="l2" value={state.l2} min={LIMITS.l2[0]} max={LIMITS.l2[1]} onCommit={(l2) => onChange({ l2 })} />
        <SelectField label="Backend" testId="backend-pref" value={state.backend} choices={BACKEND_PREFERENCES} onChange={(backend) => onChange({ backend })} />
      </div>
    </fieldset>
  );
}
