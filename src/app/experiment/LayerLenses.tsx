/**
 * Train: per-layer lenses over epochs (dead units, sparsity, pre-activation std, weight-gradient
 * norm), one line per hidden layer, and a notice when most units of a layer are dead. The worker
 * measures them from the weights at epoch boundaries, in float64 (core/train/lenses.ts).
 */
import { useMemo, type CSSProperties } from 'react';
import { SPARSE_BELOW } from '../../core/train/lenses';
import { PlotView } from '../plot/PlotView';
import { useTheme } from '../theme/theme';
import { Notice } from '../shell/Notice';
import { deadUnitsNotice, DRAWN_LENSES, LEGEND_PLOT_HEIGHT, layerLensFigure, LENS_TITLES, type LensHistory } from './lensHistory';

export interface LayerLensesProps {
  history: LensHistory;
  lr: number;
  optimizer: string;
}

export function LayerLenses({ history, lr, optimizer }: LayerLensesProps) {
  const theme = useTheme();
  const figures = useMemo(() => DRAWN_LENSES.map((key) => ({ key, figure: layerLensFigure(history, 0, key, theme) })), [history, theme]);
  const latest = history.runs.at(-1)?.[0] ?? null;
  const notice = deadUnitsNotice(latest, lr, optimizer);
  return (
    <section className="train-card" aria-labelledby="lenses-title" data-testid="layer-lenses" data-epochs={history.epochs.length}>
      <h2 id="lenses-title">Per-layer lenses</h2>
      {notice && (
        <Notice tone="warning" testId="dead-units">
          <p>{notice}</p>
        </Notice>
      )}
      <p className="legend-line">
        Measured from the weights after each epoch, in float64 with the activation&apos;s own f and f′, on {latest ? `${latest.points}` : 'the'} training points.
        Dead: output constant over the training set; sparse: |f(a)| &lt; {SPARSE_BELOW}; pre-activation std: the spread of a = h·W + b (the empirical √q_l);
        ‖∂L/∂W‖: the gradient of the training loss to each layer&apos;s weights. One line per hidden layer; a gradient norm of exactly 0 (no gradient reaches the layer) is left out of its log-scale plot.
      </p>
      {history.epochs.length === 0 ? (
        <p className="empty">No epochs measured yet.</p>
      ) : (
        <div className="lens-grid" style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))', gap: 6 }}>
          {figures.map(({ key, figure }) => (
            <div key={key} className="sized-plot" style={{ '--plot-h': key === DRAWN_LENSES[0] ? `${LEGEND_PLOT_HEIGHT}px` : '190px' } as CSSProperties}>
              <PlotView figure={figure} ariaLabel={`${LENS_TITLES[key]} per hidden layer over epochs`} />
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
