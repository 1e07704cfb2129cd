/**
 * Signal propagation at initialisation for the activations on the Explore page: how the
 * pre-activation variance q_l evolves through depth at a chosen (σ_w, σ_b), where each
 * activation's edge of chaos (χ₁ = 1) lies, and the depth over which signals survive. The numbers
 * come from core/theory through the propagation worker; this only draws them and sends intents.
 */
import { useMemo, useState, type CSSProperties } from 'react';
import { PlotView } from '../plot/PlotView';
import type { SelectedActivation } from '../state/activationToken';
import { DEFAULT_PROPAGATION, PROPAGATION_LIMITS, type PropagationSettings } from '../state/explorerState';
import { useTheme } from '../theme/theme';
import { InitControls } from './InitControls';
import { PropagationTable, type PropagationRow } from './PropagationTable';
import { depthFigure, diagramPixels, phaseFigure, type Series } from './propagationFigures';
import type { DiagramResult, EdgeResult, PointResult } from './protocol';
import { isFailure, usePropagation } from './usePropagation';
import './propagation.css';

interface PropagationItem {
  key: string;
  sel: SelectedActivation;
  label: string;
  color: string;
}

interface Props {
  items: PropagationItem[];
  /** null: the panel is closed. */
  settings: PropagationSettings | null;
  onSettings(next: PropagationSettings | null): void;
}

function pixelsToDataUrl(d: DiagramResult): string | null {
  if (!d.chi1.some((r) => r)) return null;
  const { width, height, rgba } = diagramPixels(d);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.putImageData(new ImageData(rgba, width, height), 0, 0);
  return canvas.toDataURL('image/png');
}

export function PropagationPanel({ items, settings, onSettings }: Props) {
  const theme = useTheme();
  const [diagramKey, setDiagramKey] = useState<string | null>(null);
  const selected = useMemo(() => items.map((i) => i.sel), [items]);
  const diagramItem = items.find((i) => i.key === diagramKey) ?? items[0] ?? null;
  const init = useMemo(() => (settings ? { sigmaW: settings.sigmaW, sigmaB: settings.sigmaB, depth: settings.depth } : null), [settings]);
  const results = usePropagation(selected, init, diagramItem?.sel ?? null);

  const points: Series<PointResult>[] = [];
  const edges: Series<EdgeResult>[] = [];
  const rows: PropagationRow[] = items.map((item, i) => {
    const p = results.points[i];
    const e = results.edges[i];
    if (p && !isFailure(p)) points.push({ label: item.label, color: item.color, result: p });
    if (e && !isFailure(e)) edges.push({ label: item.label, color: item.color, result: e });
    return { key: item.key, label: item.label, color: item.color, result: p };
  });
  const diagram = results.diagram && !isFailure(results.diagram) ? results.diagram : null;
  const image = useMemo(() => (diagram ? pixelsToDataUrl(diagram) : null), [diagram]);
  const rowsDone = diagram ? diagram.chi1.filter((r) => r).length : 0;

  return (
    <details
      className="card propagation"
      data-testid="propagation-panel"
      open={settings !== null}
      onToggle={(e) => {
        const open = (e.currentTarget as HTMLDetailsElement).open;
        if (open !== (settings !== null)) onSettings(open ? { ...DEFAULT_PROPAGATION } : null);
      }}
    >
      <summary>
        <h2>Signal propagation at initialisation</h2>
      </summary>
      {settings && (
        <div className="propagation-body">
          <p className="hint">
            A deep net with weights N(0, σ_w²/fan-in) and biases N(0, σ_b²): the pre-activation variance follows q<sub>l+1</sub> = σ_w² E[f(√q<sub>l</sub> z)²] + σ_b² to a fixed
            point q*, and χ₁ = σ_w² E[f′(√q* z)²] decides the phase. Below 1 (ordered) inputs collapse together and gradients vanish with depth; above 1 (chaotic) they decorrelate and
            gradients explode; χ₁ = 1 is the edge of chaos, and ξ = 1/|ln χ₁| is the depth over which signals survive (Poole et al. 2016; Schoenholz et al. 2017). Computed from each
            activation&apos;s own float64 f and f′ by 200-node Gauss–Hermite quadrature, split at kinks into 16-node Gauss–Legendre panels.
          </p>
          <InitControls settings={settings} limits={PROPAGATION_LIMITS} onChange={onSettings} />
          {items.length === 0 ? (
            <p className="empty">Add an activation to see how signals propagate through it.</p>
          ) : (
            <>
              <PropagationTable rows={rows} sigmaB={settings.sigmaB} />
              <div className="propagation-plots">
                <figure>
                  <figcaption>q<sub>l</sub> through depth at σ_w = {settings.sigmaW}, σ_b = {settings.sigmaB}</figcaption>
                  <div className="sized-plot" style={{ '--plot-h': '280px' } as CSSProperties}>
                    <PlotView figure={depthFigure(points, theme)} ariaLabel={`Pre-activation variance through ${settings.depth} layers for ${items.map((i) => i.label).join(', ')}`} />
                  </div>
                </figure>
                <figure>
                  <figcaption>
                    Phase diagram: χ₁ of{' '}
                    <select aria-label="Activation whose χ₁ is shaded" value={diagramItem?.key ?? ''} onChange={(e) => setDiagramKey(e.target.value)}>
                      {items.map((i) => (
                        <option key={i.key} value={i.key}>
                          {i.label}
                        </option>
                      ))}
                    </select>{' '}
                    shaded (blue ordered, orange chaotic), each activation&apos;s χ₁ = 1 curve drawn, × this initialisation
                    {diagram && rowsDone < diagram.sb2.length ? ` — computing, ${rowsDone} of ${diagram.sb2.length} rows` : ''}
                    {!diagram && !isFailure(results.diagram) ? ' — computing…' : ''}
                    {isFailure(results.diagram) ? ` — ${results.diagram.error}` : ''}
                  </figcaption>
                  <div className="sized-plot" style={{ '--plot-h': '320px' } as CSSProperties}>
                    <PlotView
                      figure={phaseFigure({ image, grid: diagram, edges, point: { sw2: settings.sigmaW ** 2, sb2: settings.sigmaB ** 2 } }, theme)}
                      ariaLabel="Phase diagram of χ₁ over weight and bias variance, with the edge of chaos of each activation"
                    />
                  </div>
                </figure>
              </div>
            </>
          )}
        </div>
      )}
    </details>
  );
}
