/**
 * The plot's text alternative: values of every shown curve at a few x. Always in the
 * accessibility tree; shown on screen on request.
 */
import { useDeferredValue, useId, useState } from 'react';
import { CURVE_KINDS, type CurveKind } from '../state/explorerState';
import { CURVE_KIND_TITLE } from '../plot/buildFigure';
import type { ScalarCurves } from './sampleCurves';
import { TABLE_XS, formatValue, valuesAt, type ValueKind } from './valuesAt';

export interface ValueTableRow {
  key: string;
  label: string;
  curves: ScalarCurves;
}

export function ValueTable({ rows: latestRows, show }: { rows: ValueTableRow[]; show: Record<CurveKind, boolean> }) {
  // The values follow a slider drag once the curve is redrawn.
  const rows = useDeferredValue(latestRows);
  const [visible, setVisible] = useState(false);
  const id = useId();
  const kinds: ValueKind[] = CURVE_KINDS.filter((k) => show[k]);
  return (
    <section className="value-table">
      <button type="button" className="small" aria-expanded={visible} aria-controls={id} onClick={() => setVisible((v) => !v)}>
        {visible ? 'Hide' : 'Show'} table of values
      </button>
      <div id={id} className={visible ? '' : 'sr-only'}>
        <table data-testid="value-table">
          <caption>Values of the plotted curves at x = {TABLE_XS.join(', ')}</caption>
          <thead>
            <tr>
              <th scope="col">Activation</th>
              <th scope="col">Curve</th>
              {TABLE_XS.map((x) => (
                <th scope="col" key={x}>x = {formatValue(x)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.flatMap((row) =>
              [...kinds, ...(row.curves.surrogate && show.df ? (['s'] as const) : [])].map((kind) => (
                <tr key={`${row.key}-${kind}`}>
                  <th scope="row">{row.label}</th>
                  <td>{kind === 's' ? 's(x) (surrogate)' : CURVE_KIND_TITLE[kind]}</td>
                  {valuesAt(row.curves, kind).map((v, i) => (
                    <td key={TABLE_XS[i]}>{formatValue(v)}</td>
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
