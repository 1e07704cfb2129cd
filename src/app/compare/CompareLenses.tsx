/**
 * Compare: per-layer lenses against depth at the latest measured epoch, mean ± standard deviation
 * over each activation's seeds (core/train/lensesSummary.ts). Measured by the worker from the
 * weights after every epoch, in float64 (core/train/lenses.ts).
 */
import { useMemo, type CSSProperties } from 'react';
import { SPARSE_BELOW } from '../../core/train/lenses';
import { summarizeLenses } from '../../core/train/lensesSummary';
import type { RunLenses } from '../../core/train/lenses';
import { depthLensFigure, DRAWN_LENSES, LEGEND_PLOT_HEIGHT, LENS_TITLES } from '../experiment/lensHistory';
import { PlotView } from '../plot/PlotView';
import { useTheme } from '../theme/theme';

export interface CompareLensesProps {
  /** Every run with its label and history (lenses on the epochs the worker measured). */
  runs: { label: string; history: { epoch: number; lenses?: RunLenses }[] }[];
  /** Display names of the activations, in their order (the legend uses them, as the other plots do). */
  names: string[];
}

export function CompareLenses({ runs, names }: CompareLensesProps) {
  const theme = useTheme();
  const summary = useMemo(() => {
    const order = [...new Set(runs.map((r) => r.label))];
    return summarizeLenses(runs).map((s) => ({ ...s, label: names[order.indexOf(s.label)] ?? s.label }));
  }, [runs, names]);
  const figures = useMemo(() => DRAWN_LENSES.map((key) => ({ key, figure: depthLensFigure(summary, key, theme) })), [summary, theme]);
  if (summary.length === 0) return null;
  const epoch = summary[0].epochs.at(-1);
  return (
    <section className="train-card" aria-labelledby="compare-lenses-title" data-testid="compare-lenses" data-epoch={epoch}>
      <h2 id="compare-lenses-title">Per-layer lenses (epoch {epoch})</h2>
      <p className="legend-line">
        Mean ± standard deviation over seeds, per hidden layer, measured from the weights in float64 on the training set. Dead: output constant over the
        training set; sparse: |f(a)| &lt; {SPARSE_BELOW}; pre-activation std: spread of a = h·W + b; ‖∂L/∂W‖: gradient of the training loss to the layer&apos;s weights (exactly 0 is left out of its log scale).
      </p>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(240px, 1fr))', gap: 6 }}>
        {figures.map(({ key, figure }) => (
          <div key={key} className="sized-plot" style={{ '--plot-h': key === DRAWN_LENSES[0] ? `${LEGEND_PLOT_HEIGHT}px` : '190px' } as CSSProperties}>
            <PlotView figure={figure} ariaLabel={`${LENS_TITLES[key]} against depth, per activation`} />
          </div>
        ))}
      </div>
    </section>
  );
}
