/**
 * Dataset, network and optimiser controls shared by the Trainer and Compare pages. Text fields
 * commit only valid values and say what is wrong with the others.
 */
import { useId } from 'react';
import { datasetInfo, datasetNames } from '../../core/data/datasets';
import { BACKEND_PREFERENCES, INIT_SCHEMES, OPTIMIZERS, schemeTakes } from '../../core/train/choices';
import { formatNumber } from '../state/queryCodec';
import { useCheckedText } from '../explore/useCheckedText';
import { CheckedTextField } from './CheckedTextField';
import { LIMITS, parseHidden, type ExperimentState } from '../state/experimentState';
import { parseNumberText } from '../state/queryCodec';

interface FieldProps {
  label: string;
  value: number;
  /** Accepted values, both ends included. */
  range: readonly [number, number];
  integer?: boolean;
  testId: string;
  onCommit(v: number): void;
}

/** A number box that commits only values in range (integers where asked). */
export function NumberField({ label, value, range, integer, testId, onCommit }: FieldProps) {
  const [min, max] = range;
  const parse = (t: string): number | string => {
    const v = parseNumberText(t);
    if (v === undefined) return `${label}: "${t}" is not a number`;
    if (v < min || v > max) return `${label}: must be between ${min} and ${max}`;
    if (integer && !Number.isInteger(v)) return `${label}: must be a whole number`;
    return v;
  };
  const field = useCheckedText(value, formatNumber, parse, onCommit);
  return <CheckedTextField label={label} testId={testId} inputMode="decimal" field={field} />;
}

function HiddenField({ value, onCommit }: { value: number[]; onCommit(v: number[]): void }) {
  const field = useCheckedText(value, (v) => v.join(','), parseHidden, onCommit);
  return <CheckedTextField label="Hidden layers" testId="hidden" title="Widths separated by commas, e.g. 16,16" field={field} />;
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
        <NumberField label="Points" testId="n" value={state.n} range={LIMITS.n} integer onCommit={(n) => onChange({ n })} />
        <NumberField label="Noise" testId="noise" value={state.noise} range={LIMITS.noise} onCommit={(noise) => onChange({ noise })} />
      </div>
      <div className="field-row">
        <NumberField label="Test share" testId="test-fraction" value={state.testFraction} range={LIMITS.testFraction} onCommit={(testFraction) => onChange({ testFraction })} />
        <NumberField label="Data seed" testId="data-seed" value={state.dataSeed} range={[0, 2 ** 31 - 1]} integer onCommit={(dataSeed) => onChange({ dataSeed })} />
      </div>
    </fieldset>
  );
}

/**
 * σ_w, σ_b for the mean-field inits that take them (W ~ N(0, σ_w²/fan-in), b ~ N(0, σ_b²)), and
 * SIREN's ω₀ for its init.
 */
function InitScaleFields({ state, onChange }: ExperimentControlsProps) {
  const takes = schemeTakes(state.init);
  if (state.init === 'siren') {
    return (
      <div className="field-row">
        <NumberField label="SIREN ω₀" testId="siren-omega0" value={state.sirenOmega0} range={LIMITS.omega0} onCommit={(sirenOmega0) => onChange({ sirenOmega0 })} />
      </div>
    );
  }
  if (!takes.sigmaW && !takes.sigmaB) return null;
  return (
    <div className="field-row">
      {takes.sigmaW && <NumberField label="Init σ_w" testId="init-sigma-w" value={state.initSigmaW} range={LIMITS.sigmaW} onCommit={(initSigmaW) => onChange({ initSigmaW })} />}
      {takes.sigmaB && <NumberField label="Init σ_b" testId="init-sigma-b" value={state.initSigmaB} range={LIMITS.sigmaB} onCommit={(initSigmaB) => onChange({ initSigmaB })} />}
    </div>
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
      <InitScaleFields state={state} onChange={onChange} />
      <div className="field-row">
        <NumberField label="Learning rate" testId="lr" value={state.lr} range={LIMITS.lr} onCommit={(lr) => onChange({ lr })} />
        <NumberField label="Batch size" testId="batch-size" value={state.batchSize} range={LIMITS.batchSize} integer onCommit={(batchSize) => onChange({ batchSize })} />
      </div>
      <div className="field-row">
        <NumberField label="L2" testId="l2" value={state.l2} range={LIMITS.l2} onCommit={(l2) => onChange({ l2 })} />
        <SelectField label="Backend" testId="backend-pref" value={state.backend} choices={BACKEND_PREFERENCES} onChange={(backend) => onChange({ backend })} />
      </div>
    </fieldset>
  );
}
