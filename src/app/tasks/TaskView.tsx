/**
 * The view of a task set on the Train page, in place of the decision map: digits (confusion
 * matrix, digits with predictions, first-layer weights), the 1-D tasks (fit over the whole line,
 * training window marked, error spectrum) and the 32 × 32 image (target, fit, error, radial
 * error spectrum). The numbers come from core/tasks; this only draws them.
 */
import { useMemo, type CSSProperties } from 'react';
import { MULTIFREQ_COMPONENTS } from '../../core/data/datasets/highFrequency';
import { taskReport } from '../../core/tasks/taskMetrics';
import { taskProbe } from '../../core/tasks/taskProbe';
import type { DatasetPoints } from '../../worker/protocol';
import { PlotView } from '../plot/PlotView';
import { useTheme } from '../theme/theme';
import { DigitsView, type FirstLayer } from './DigitsView';
import { absMax, PixelCanvas } from './pixelCanvas';
import { lineFitFigure, lineWindow, spectrumFigure } from './taskFigures';
import './tasks.css';

export interface TaskViewData {
  predictions: Float32Array;
  firstLayer: FirstLayer | null;
}

/** Target frequencies to mark on the error spectrum. */
const MARKS = new Map<string, number[]>([
  ['multifreq', MULTIFREQ_COMPONENTS.map((c) => c.freq)],
  ['periodic', [1, 2]],
  ['image32', [1, 3 * Math.SQRT2, 6]],
]);

function MetricList({ metrics }: { metrics: { name: string; value: number }[] }) {
  return (
    <dl className="task-metrics" data-testid="task-metrics">
      {metrics.map((m) => (
        <div key={m.name}>
          <dt>{m.name}</dt>
          <dd>{Number.isFinite(m.value) ? m.value.toPrecision(3) : '—'}</dd>
        </div>
      ))}
    </dl>
  );
}

export function TaskView({ dataset, data }: { dataset: DatasetPoints; data: TaskViewData | null }) {
  const theme = useTheme();
  const probe = useMemo(() => taskProbe(dataset), [dataset]);
  const report = useMemo(() => (probe && data ? taskReport(dataset.name, probe, data.predictions) : null), [probe, data, dataset.name]);
  if (!probe) return null;
  if (!report || !data) return <p className="loading">Training the first step…</p>;
  if (probe.kind === 'digits') return <DigitsView probe={probe} report={report} firstLayer={data.firstLayer} />;
  const marks = MARKS.get(dataset.name) ?? [];
  const spectrum = report.errorSpectrum ? spectrumFigure(report.errorSpectrum, marks, theme, 'frequency (cycles per unit of input)') : null;
  if (probe.kind === 'line') {
    const window = lineWindow(dataset.name);
    return (
      <div className="task-view" data-testid="task-line">
        <div className="sized-plot" style={{ '--plot-h': '300px' } as CSSProperties}>
          <PlotView figure={lineFitFigure(probe, data.predictions, dataset.train, window, theme)} ariaLabel="Network fit and target over the whole line, training window shaded" />
        </div>
        <MetricList metrics={report.metrics} />
        {spectrum && (
          <div className="sized-plot" style={{ '--plot-h': '240px' } as CSSProperties}>
            <PlotView figure={spectrum} ariaLabel="Amplitude of the fit's error by frequency; dotted lines: the target's frequencies" />
          </div>
        )}
        <p className="legend-line">Error spectrum: DFT of (network − target) over the plotted line; dotted: the target's frequencies.</p>
      </div>
    );
  }
  const err = report.error as Float32Array;
  const limit = Math.max(absMax(probe.target), absMax(data.predictions));
  return (
    <div className="task-view" data-testid="task-image">
      <div className="image-row">
        <figure>
          <PixelCanvas values={probe.target} side={probe.side} size={128} scale={{ kind: 'diverging', limit }} label="target image" />
          <figcaption>target</figcaption>
        </figure>
        <figure>
          <PixelCanvas values={data.predictions} side={probe.side} size={128} scale={{ kind: 'diverging', limit }} label="network's image" />
          <figcaption>network</figcaption>
        </figure>
        <figure>
          <PixelCanvas values={err} side={probe.side} size={128} scale={{ kind: 'diverging', limit }} label="error image" />
          <figcaption>error (same scale)</figcaption>
        </figure>
      </div>
      <MetricList metrics={report.metrics} />
      {spectrum && (
        <div className="sized-plot" style={{ '--plot-h': '240px' } as CSSProperties}>
          <PlotView figure={spectrum} ariaLabel="Radial spectrum of the image error; dotted lines: the pattern's frequencies" />
        </div>
      )}
      <p className="legend-line">Radial error spectrum of the 32 × 32 error image; dotted: the pattern's frequencies.</p>
    </div>
  );
}
