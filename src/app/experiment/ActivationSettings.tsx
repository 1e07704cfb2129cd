/**
 * One activation's settings for training: options, parameter sliders (the Explorer's control)
 * and which parameters are trained. Shows state and sends intents; validation lives in the state
 * modules and the engine.
 */
import type { SelectedActivation } from '../state/activationToken';
import { activationView } from '../explore/activationModel';
import { OptionControl } from '../explore/OptionControl';
import { ParamControl } from '../explore/ParamControl';
import { paramLabel } from '../explore/paramLabel';
import { isLearned } from '../state/trainState';

export interface ActivationSettingsProps {
  sel: SelectedActivation;
  learn: Record<string, boolean>;
  onChange(sel: SelectedActivation, learn: Record<string, boolean>): void;
  disabled?: boolean;
  /** Per hidden layer: the trained parameters' values now (the Trainer's live run), or null. */
  learned?: Record<string, number>[] | null;
}

/** "now: layer 1 1.2345, layer 2 0.98": the value training has reached, per layer. */
function learnedNow(name: string, learned: Record<string, number>[]): string | null {
  const values = learned.map((l) => l[name]).filter((v): v is number => typeof v === 'number');
  if (values.length === 0) return null;
  if (values.length === 1) return `now: ${Number(values[0].toPrecision(5))}`;
  return `now: ${values.map((v, l) => `layer ${l + 1} ${Number(v.toPrecision(5))}`).join(', ')}`;
}

export function ActivationSettings({ sel, learn, onChange, disabled, learned }: ActivationSettingsProps) {
  const result = activationView(sel);
  if (!result.ok) return <p className="field-error">{result.error}</p>;
  const { entry, params, values } = result.view;

  const setParam = (name: string, value: number) => {
    const spec = params.find((p) => p.name === name);
    const next = { ...sel.params };
    if (spec && value === spec.default) delete next[name];
    else next[name] = value;
    onChange({ ...sel, params: next }, learn);
  };
  const setOption = (name: string, value: string) => {
    const spec = entry.options?.find((o) => o.name === name);
    const options = { ...sel.options };
    if (spec && value === spec.default) delete options[name];
    else options[name] = value;
    // Options can change the parameter list: start from the new defaults.
    onChange({ id: sel.id, options, params: {} }, {});
  };
  const setLearn = (name: string, on: boolean) => {
    const spec = params.find((p) => p.name === name);
    const next = { ...learn };
    if (spec && on === (spec.learnable === 'yes')) delete next[name];
    else next[name] = on;
    onChange(sel, next);
  };

  return (
    <fieldset className="activation-settings" disabled={disabled}>
      {(entry.options ?? []).map((o) => (
        <OptionControl key={o.name} spec={o} value={sel.options[o.name]} onChange={setOption} />
      ))}
      {params.length === 0 && <p className="status">No parameters.</p>}
      {params.map((p) => {
        const now = learned && isLearned(p, learn) ? learnedNow(p.name, learned) : null;
        return (
        <div key={p.name} className="train-param">
          <ParamControl spec={p} value={values[p.name]} label={paramLabel(p.name)} onChange={setParam} />
          {p.learnable !== 'no' && (
            <label className="learn-toggle">
              <input
                type="checkbox"
                data-learn={p.name}
                checked={isLearned(p, learn)}
                onChange={(e) => setLearn(p.name, e.currentTarget.checked)}
              />
              train {paramLabel(p.name)}
            </label>
          )}
          {now && (
            <span className="learned-now" data-learned-now={p.name} aria-live="off">
              {now}
            </span>
          )}
        </div>
        );
      })}
    </fieldset>
  );
}
