/**
 * Each hidden layer's activation with its trained parameters (solid) against the shape it
 * started from (dashed), evaluated with the compiled float64 closures of the registry entry.
 */
import { useMemo, type CSSProperties } from 'react';
import { activationView } from '../explore/activationModel';
import { paramLabel } from '../explore/paramLabel';
import { PlotView } from '../plot/PlotView';
import type { SelectedActivation } from '../state/activationToken';
import { useTheme } from '../theme/theme';
import { shapesFigure, type ShapeCurve } from './trainFigures';
import { isLearned } from '../state/trainState';

export interface LearnedShapesProps {
  sel: SelectedActivation;
  learn: Record<string, boolean>;
  /** Per hidden layer: parameter values now (null before the first report). */
  learned: Record<string, number>[] | null;
  height?: number;
}

/** The first few trained values (families like PAU train ten; the legend stays one line). */
function describe(values: Record<string, number>, names: string[]): string {
  const shown = names.slice(0, 3).map((n) => `${paramLabel(n)}=${values[n]?.toPrecision(4)}`);
  return shown.join(', ') + (names.length > 3 ? `, … (${names.length} trained)` : '');
}

export function LearnedShapes({ sel, learn, learned, height }: LearnedShapesProps) {
  const theme = useTheme();
  const result = useMemo(() => activationView(sel), [sel]);
  const figure = useMemo(() => {
    if (!result.ok) return null;
    const { compiled, values, label, params } = result.view;
    const trained = params.filter((p) => isLearned(p, learn)).map((p) => p.name);
    const start = compiled.scalar(values);
    // Gated (Tier C) blocks o(a, u): the compiler's one-variable f is the gate g(a) = o(a, 1).
    const name = compiled.vars.length === 2 ? `${label} gate g(a) = o(a, 1)` : label;
    const curves: ShapeCurve[] = [{ label: `${name} at start`, f: start.f, dash: 'dash', colorIndex: 7 }];
    if (trained.length > 0 && learned) {
      learned.forEach((layerValues, l) => {
        const now = compiled.scalar({ ...values, ...layerValues });
        curves.push({ label: `layer ${l + 1}: ${describe(layerValues, trained)}`, f: now.f, colorIndex: l });
      });
    }
    return { figure: shapesFigure(curves, theme, -4, 4, 161, height ?? 240), trained };
  }, [result, learn, learned, theme, height]);

  if (!result.ok) return <p className="field-error">{result.error}</p>;
  if (!figure) return null;
  return (
    <>
      {figure.trained.length === 0 && <p className="legend-line">No activation parameter is trained, so every layer keeps this shape.</p>}
      <div className="sized-plot" style={{ '--plot-h': `${height ?? 240}px` } as CSSProperties}>
        <PlotView figure={figure.figure} ariaLabel="Activation shape of each layer now and at the start" />
      </div>
    </>
  );
}
