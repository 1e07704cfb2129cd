/** x range, which curves, stacked/overlay, and the vanishing/exploding marks. */
import { useId, useState } from 'react';
import { CURVE_KINDS, X_LIMIT, type CurveKind, type ExplorerState } from '../state/explorerState';
import { CURVE_KIND_TITLE } from '../plot/buildFigure';

export interface ViewControlsProps {
  state: ExplorerState;
  onRange(xMin: number, xMax: number): void;
  onShow(kind: CurveKind, on: boolean): void;
  onLayout(layout: ExplorerState['layout']): void;
  onMarks(on: boolean): void;
}

export function ViewControls({ state, onRange, onShow, onLayout, onMarks }: ViewControlsProps) {
  const id = useId();
  const [lo, setLo] = useState(String(state.xMin));
  const [hi, setHi] = useState(String(state.xMax));
  const [error, setError] = useState<string | null>(null);
  const [shown, setShown] = useState([state.xMin, state.xMax]);
  // Zoom or a link changed the range: show it (adjusting state during render, not in an effect).
  if (shown[0] !== state.xMin || shown[1] !== state.xMax) {
    setShown([state.xMin, state.xMax]);
    setLo(String(state.xMin));
    setHi(String(state.xMax));
    setError(null);
  }

  const apply = () => {
    const a = Number(lo);
    const b = Number(hi);
    if (lo.trim() === '' || hi.trim() === '' || !Number.isFinite(a) || !Number.isFinite(b)) setError('Both ends must be numbers.');
    else if (!(a < b)) setError('The minimum must be below the maximum.');
    else if (Math.abs(a) > X_LIMIT || Math.abs(b) > X_LIMIT) setError(`Keep the range within ±${X_LIMIT}.`);
    else {
      setError(null);
      onRange(a, b);
    }
  };

  const shownCount = CURVE_KINDS.filter((k) => state.show[k]).length;
  return (
    <fieldset className="panel view-controls">
      <legend>View</legend>
      <form
        className="range-row"
        onSubmit={(e) => {
          e.preventDefault();
          apply();
        }}
        // Both ends are applied together when focus leaves the pair (never one end alone: 3 then
        // −2 must not show 3…5 on the way), or on Enter / Apply.
        onBlur={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) apply();
        }}
      >
        <label htmlFor={`${id}-lo`}>x from</label>
        <input id={`${id}-lo`} data-testid="x-min" type="number" step="any" value={lo} onChange={(e) => setLo(e.currentTarget.value)} aria-invalid={error !== null} aria-describedby={error ? `${id}-err` : undefined} />
        <label htmlFor={`${id}-hi`}>to</label>
        <input id={`${id}-hi`} data-testid="x-max" type="number" step="any" value={hi} onChange={(e) => setHi(e.currentTarget.value)} aria-invalid={error !== null} aria-describedby={error ? `${id}-err` : undefined} />
        <button type="submit" className="small">Apply</button>
      </form>
      {error && (
        <p id={`${id}-err`} className="field-error" role="alert">
          {error} The plot keeps x from {state.xMin} to {state.xMax}.
        </p>
      )}
      <div className="check-row" role="group" aria-label="Curves to show">
        {CURVE_KINDS.map((k) => (
          <label key={k}>
            <input
              type="checkbox"
              data-testid={`show-${k}`}
              checked={state.show[k]}
              // At least one curve kind stays on, so the plot is never empty.
              disabled={state.show[k] && shownCount === 1}
              onChange={(e) => onShow(k, e.currentTarget.checked)}
            />
            {CURVE_KIND_TITLE[k]}
          </label>
        ))}
      </div>
      <div className="check-row" role="radiogroup" aria-label="Layout">
        {(['stacked', 'overlay'] as const).map((l) => (
          <label key={l}>
            <input type="radio" name={`${id}-layout`} value={l} checked={state.layout === l} onChange={() => onLayout(l)} />
            {l === 'stacked' ? 'Stacked panels' : 'Overlay'}
          </label>
        ))}
      </div>
      <div className="check-row">
        <label>
          <input type="checkbox" data-testid="marks" checked={state.marks} onChange={(e) => onMarks(e.currentTarget.checked)} />
          Shade |f′| &lt; 0.01 (vanishing) and |f′| &gt; 10 (exploding)
        </label>
      </div>
    </fieldset>
  );
}
