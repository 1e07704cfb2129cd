/**
 * The plot's text alternative: values of every shown curve at a few x (−3, −1, 0, 1, 3 and any
 * the person adds, kept in the page's state and link). Always in the accessibility tree; shown on
 * screen on request.
 */
import { useDeferredValue, useId, useState } from 'react';
import { CURVE_KINDS, MAX_TABLE_X, X_LIMIT, type CurveKind } from '../state/explorerState';
import { CURVE_KIND_TITLE } from '../plot/buildFigure';
import type { ScalarCurves } from './sampleCurves';
import { formatValue, tablePoints, valuesAt, type ValueKind } from './valuesAt';

export interface ValueTableRow {
  key: string;
  label: string;
  curves: ScalarCurves;
}

export interface ValueTableProps {
  rows: ValueTableRow[];
  show: Record<CurveKind, boolean>;
  /** The points the person added (besides the fixed ones). */
  added: readonly number[];
  onAdded(added: number[]): void;
}

export function ValueTable({ rows: latestRows, show, added, onAdded }: ValueTableProps) {
  // The values follow a slider drag once the curve is redrawn.
  const rows = useDeferredValue(latestRows);
  const [visible, setVisible] = useState(false);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const kinds: ValueKind[] = CURVE_KINDS.filter((k) => show[k]);
  const xs = tablePoints(added);
  const addPoint = () => {
    const x = Number(text.replace('−', '-'));
    if (text.trim() === '' || !Number.isFinite(x)) {
      setError('Type a number, e.g. 0.5.');
      return;
    }
    if (Math.abs(x) > X_LIMIT) {
      setError(`Keep x within ±${X_LIMIT}.`);
      return;
    }
    if (!xs.includes(x) && added.length >= MAX_TABLE_X) {
      setError(`At most ${MAX_TABLE_X} added points; remove one first.`);
      return;
    }
    setError(null);
    setText('');
    if (!xs.includes(x)) onAdded([...added, x]);
    setVisible(true);
  };
  return (
    <section className="value-table">
      <button type="button" className="small" aria-expanded={visible} aria-controls={id} onClick={() => setVisible((v) => !v)}>
        {visible ? 'Hide' : 'Show'} table of values
      </button>
      <form
        className="range-row add-point"
        onSubmit={(e) => {
          e.preventDefault();
          addPoint();
        }}
      >
        <label htmlFor={`${id}-x`}>Add x</label>
        <input id={`${id}-x`} data-testid="table-add-x" type="text" inputMode="decimal" value={text} onChange={(e) => setText(e.currentTarget.value)} aria-invalid={error !== null} aria-describedby={error ? `${id}-err` : undefined} />
        <button type="submit" className="small">Add</button>
      </form>
      {error && (
        <p id={`${id}-err`} className="field-error" role="alert">
          {error}
        </p>
      )}
      {/* Scrolls sideways inside the panel when wide; focusable so keyboards can scroll it. */}
      <div id={id} className={visible ? 'table-scroll' : 'sr-only'} tabIndex={visible ? 0 : undefined} role={visible ? 'region' : undefined} aria-label={visible ? 'Table of values' : undefined}>
        <table data-testid="value-table">
          <caption>Values of the plotted curves at x = {xs.map(formatValue).join(', ')}</caption>
          <thead>
            <tr>
              <th scope="col">Activation</th>
              <th scope="col">Curve</th>
              {xs.map((x) => (
                <th scope="col" key={x}>
                  x = {formatValue(x)}
                  {added.includes(x) && (
                    <button type="button" className="small remove-point" aria-label={`Remove x = ${formatValue(x)}`} onClick={() => onAdded(added.filter((v) => v !== x))}>
                      ✕
                    </button>
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.flatMap((row) =>
              [...kinds, ...(row.curves.surrogate && show.df ? (['s'] as const) : [])].map((kind) => (
                <tr key={`${row.key}-${kind}`}>
                  <th scope="row">{row.label}</th>
                  <td>{kind === 's' ? 's(x) (surrogate)' : CURVE_KIND_TITLE[kind]}</td>
                  {valuesAt(row.curves, kind, xs).map((v, i) => (
                    <td key={xs[i]}>{formatValue(v)}</td>
                  ))}
                </tr>
              )),
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}
