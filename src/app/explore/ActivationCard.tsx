/**
 * One selected activation: formula and derivatives (TeX), papers, status, computed properties,
 * parameters (sliders), options, presets, and for modifiers the surrogate's gap to f′.
 */
import { memo, useId } from 'react';
import type { Interval } from './sampleCurves';
import type { ActivationView } from './activationModel';
import { OptionControl } from './OptionControl';
import { ParamControl } from './ParamControl';
import { paramLabel } from './paramLabel';
import { Tex } from '../tex/Tex';
import { formatValue } from './valuesAt';
import type { PropertyRow } from '../properties/propertyRows';

export interface ActivationCardProps {
  index: number;
  view: ActivationView;
  color: string;
  properties: PropertyRow[] | null;
  surrogateGap?: { max: number; at: number };
  marks: { vanishing: Interval[]; exploding: Interval[] } | null;
  onParam(index: number, name: string, value: number): void;
  onOption(index: number, name: string, value: string): void;
  onPreset(index: number, params: Record<string, number>): void;
  onRemove(index: number): void;
}

const STATUS_TEXT = { confirmed: 'confirmed', standard: 'standard', reconstruction: 'reconstruction' } as const;

function intervalsText(intervals: Interval[]): string {
  if (intervals.length === 0) return 'nowhere in the plotted range';
  return intervals.map(([a, b]) => `[${formatValue(a)}, ${formatValue(b)}]`).join(' ∪ ');
}

export const ActivationCard = memo(function ActivationCard(props: ActivationCardProps) {
  const { index, view, color, properties, surrogateGap, marks } = props;
  const { entry, compiled, params, values } = view;
  const headingId = useId();
  const fLabel = view.isGated ? 'o(a, u) =' : 'f(x) =';

  return (
    <article className="card" aria-labelledby={headingId} data-activation={entry.id} style={{ borderTopColor: color }}>
      <header className="card-head">
        <span className="swatch" style={{ background: color }} aria-hidden="true" />
        <h2 id={headingId}>{view.label}</h2>
        {entry.status === 'reconstruction' && (
          <span className="badge badge-reconstruction" title="The exact form is our reconstruction; see the notes.">
            reconstruction
          </span>
        )}
        {entry.status !== 'reconstruction' && <span className="badge">{STATUS_TEXT[entry.status]}</span>}
        {entry.tier === 'modifier' && <span className="badge">backward-rule modifier</span>}
        <button type="button" className="small remove" onClick={() => props.onRemove(index)} aria-label={`Remove ${view.label}`}>
          ✕
        </button>
      </header>

      <div className="formula formula-wrap">
        <span className="formula-lhs">{fLabel}</span> <Tex tex={compiled.tex.f} display="wrap" label={`Formula of ${entry.name}`} />
      </div>
      {view.isGated && <p className="note">Plotted: the gate g(a) = o(a, 1) and its a-derivatives.</p>}
      <details className="derivatives">
        <summary>Derivatives{compiled.tex.surrogate ? ' and surrogate' : ''}</summary>
        <div className="formula formula-wrap">
          <span className="formula-lhs">{view.isGated ? '∂o/∂a =' : 'f′(x) ='}</span> <Tex tex={compiled.tex.df} display="wrap" />
        </div>
        <div className="formula formula-wrap">
          <span className="formula-lhs">{view.isGated ? '∂²o/∂a² =' : 'f″(x) ='}</span> <Tex tex={compiled.tex.d2f} display="wrap" />
        </div>
        {entry.math && Object.keys(view.sel.options).length === 0 && <p className="note">{entry.math.guard}</p>}
        {compiled.tex.surrogate && (
          <div className="formula formula-wrap">
            <span className="formula-lhs">s(x) =</span> <Tex tex={compiled.tex.surrogate} display="wrap" />
          </div>
        )}
      </details>

      {surrogateGap && (
        <p className="gap-report" data-testid="surrogate-gap">
          {surrogateGap.max === 0 ? (
            <>
              <strong>exact</strong>: s = f′ at every plotted point.
            </>
          ) : (
            <>
              max |s − f′| on the plotted range = <strong>{formatValue(surrogateGap.max)}</strong>
              {Number.isFinite(surrogateGap.at) ? ` (at x = ${formatValue(surrogateGap.at)})` : ''}; shaded where s ≠ f′.
            </>
          )}
        </p>
      )}
      {marks && (
        <p className="marks-report">
          |f′| &lt; 0.01 on {intervalsText(marks.vanishing)}; |f′| &gt; 10 on {intervalsText(marks.exploding)}.
        </p>
      )}

      {(params.length > 0 || (entry.options?.length ?? 0) > 0) && (
        <div className="params" role="group" aria-label={`Parameters of ${entry.name}`}>
          {entry.options?.map((o) => (
            <OptionControl key={o.name} spec={o} value={view.sel.options[o.name]} onChange={(name, value) => props.onOption(index, name, value)} />
          ))}
          {params.map((p) => (
            <ParamControl
              key={p.name}
              spec={p}
              value={values[p.name]}
              label={paramLabel(p.name)}
              onChange={(name, value) => props.onParam(index, name, value)}
            />
          ))}
        </div>
      )}
      {entry.presets && entry.presets.length > 0 && (
        <div className="button-row" role="group" aria-label="Paper presets">
          {entry.presets.map((preset) => (
            <button type="button" className="small" key={preset.name} onClick={() => props.onPreset(index, preset.params)}>
              Preset: {preset.name}
            </button>
          ))}
        </div>
      )}

      <details className="props">
        <summary>Properties</summary>
        {properties ? (
          <table className="props-table">
            <tbody>
              {properties.map((row) => (
                <tr key={row.label}>
                  <th scope="row">{row.label}</th>
                  <td>{row.value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="status">Computing…</p>
        )}
      </details>

      <div className="sources">
        {entry.sources.map((s) => (
          <p key={`${s.title}-${s.year}`} className="source">
            {s.authors} ({s.year}). {s.arxiv ? (
              <a href={`https://arxiv.org/abs/${s.arxiv}`} target="_blank" rel="noopener noreferrer">
                {s.title} — arXiv:{s.arxiv}
              </a>
            ) : (
              <cite>{s.title}</cite>
            )}
          </p>
        ))}
      </div>
      {entry.notes && entry.notes.length > 0 && (
        <details className="notes">
          <summary>Notes</summary>
          <ul>
            {entry.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </details>
      )}
    </article>
  );
});
