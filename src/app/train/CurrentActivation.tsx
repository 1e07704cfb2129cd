/** The activation being trained: its name and its formula f(x) (a typed formula shows what was typed, as TeX). */
import { useMemo } from 'react';
import { activationView } from '../explore/activationModel';
import type { SelectedActivation } from '../state/activationToken';
import { Tex } from '../tex/Tex';

export function CurrentActivation({ sel }: { sel: SelectedActivation }) {
  const result = useMemo(() => activationView(sel), [sel]);
  if (!result.ok) return <p className="field-error">{result.error}</p>;
  const { entry, compiled } = result.view;
  return (
    <div className="current-activation" data-testid="train-activation" data-id={sel.id}>
      <p className="current-activation-name">
        <strong>{entry.name}</strong> <span className="legend-line">{entry.family}</span>
      </p>
      <div className="formula current-activation-formula" data-testid="train-formula">
        <span className="formula-lhs">f(x) =</span> <Tex tex={compiled.tex.f} label={`${entry.name}: f of x`} />
      </div>
    </div>
  );
}
