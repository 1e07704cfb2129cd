/**
 * The task's own view on the Compare page (digits, the 1-D sets, the 32 × 32 image): each task
 * metric as mean ± spread per activation over its non-diverged seeds, then the shown seed of
 * every activation side by side — fits over the whole line and error spectra on one axis each,
 * confusion matrices, or fitted images. The numbers come from core/tasks; this only draws them.
 */
import { useMemo, type CSSProperties } from 'react';
import { formatStats } from '../../core/compare/claim';
import { runIndex } from '../../core/compare/runIndex';
import { MULTIFREQ_COMPONENTS } from '../../core/data/datasets/highFrequency';
import type { TaskReport } from '../../core/tasks/taskMetrics';
import { taskProbe } from '../../core/tasks/taskProbe';
import { summarizeTask } from '../../core/tasks/taskSummary';
import type { DatasetPoints } from '../../worker/protocol';
import { curveColor } from '../plot/palette';
import { PlotView } from '../plot/PlotView';
import { useTheme } from '../theme/theme';
import { compareLineFigure, compareSpectrumFigure } from './compareTaskFigures';
import { lineWindow } from './taskFigures';
import { ConfusionMatrix } from './ConfusionMatrix';
import { absMax, PixelCanvas } from './pixelCanvas';
import './tasks.css';

/** Target frequencies to mark on the error spectra. */
const MARKS = new Map<string, number[]>([
  ['multifreq', MULTIFREQ_COMPONENTS.map((c) => c.freq)],
  ['periodic', [1, 2]],
  ['image32', [1, 3 * Math.SQRT2, 6]],
]);

export interface CompareTaskViewProps {
  dataset: DatasetPoints;
  /** Every run's predictions at the task's probe points, activation-major. */
  predictions: Float32Array[];
  diverged: boolean[];
  labels: string[];
  seeds: number;
  /** 0-based seed shown in the side-by-side views. */
  shownSeed: number;
}

export function CompareTaskView({ dataset, predictions, diverged, labels, seeds, shownSeed }: CompareTaskViewProps) {
  const theme = useTheme();
  const probe = useMemo(() => taskProbe(dataset), [dataset]);
  const summary = useMemo(
    () => (probe && predictions.length === labels.length * seeds ? summarizeTask(dataset.name, probe, predictions, diverged, labels.length, seeds) : null),
    [probe, predictions, diverged, labels.length, seeds, dataset.name],
  );
  if (!probe || !summary) return null;
  const shown = summary.reports.map((row, k) => ({ index: k, label: labels[k], report: row[shownSeed] ?? null, prediction: predictions[runIndex(k, shownSeed, seeds)] }));
  const usable = shown.filter((s): s is typeof s & { report: TaskReport } => s.report !== null);
  const marks = MARKS.get(dataset.name) ?? [];
  const spectra = usable.flatMap((s) => (s.report.errorSpectrum ? [{ index: s.index, label: s.label, value: s.report.errorSpectrum }] : []));

  return (
    <section className="task-view compare-task-view" aria-label="Task view" data-testid="compare-task-view">
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Task metrics per activation">
        <table className="results-table" data-testid="task-metrics-table">
          <caption>Task metrics: mean ± std over each activation&apos;s non-diverged seeds (n = runs counted)</caption>
          <thead>
            <tr>
              <th scope="col">activation</th>
              {summary.metrics.map((m) => (
                <th key={m.name} scope="col">
                  {m.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {labels.map((label, k) => (
              <tr key={k} style={{ borderLeft: `4px solid ${curveColor(k, theme)}` }}>
                <th scope="row">{label}</th>
                {summary.metrics.map((m) => {
                  const s = m.perActivation[k];
                  return <td key={m.name}>{s ? formatStats(s) : '— (every run diverged)'}</td>;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {probe.kind === 'line' && (
        <>
          <div className="sized-plot" style={{ '--plot-h': '320px' } as CSSProperties}>
            <PlotView
              figure={compareLineFigure(
                probe,
                usable.map((s) => ({ index: s.index, label: s.label, value: s.prediction })),
                lineWindow(dataset.name),
                theme,
              )}
              ariaLabel={`Every activation's fit over the whole line (seed ${shownSeed + 1}) against the target, training window shaded`}
            />
          </div>
          {spectra.length > 0 && (
            <div className="sized-plot" style={{ '--plot-h': '260px' } as CSSProperties}>
              <PlotView figure={compareSpectrumFigure(spectra, marks, theme, 'frequency (cycles per unit of input)')} ariaLabel="Each activation's error amplitude by frequency; dotted lines: the target's frequencies" />
            </div>
          )}
          <p className="legend-line">Seed {shownSeed + 1}. Error spectrum: DFT of (network − target) over the plotted line; dotted: the target&apos;s frequencies.</p>
        </>
      )}

      {probe.kind === 'digits' && (
        <div className="task-columns">
          {usable.map((s) => (
            <figure key={s.index} style={{ borderTop: `3px solid ${curveColor(s.index, theme)}` }}>
              <ConfusionMatrix confusion={s.report.confusion as Int32Array} label={`${s.label}, seed ${shownSeed + 1}: confusion matrix, rows true digit, columns predicted digit`} />
              <figcaption>
                {s.label}: test accuracy {(s.report.metrics[0].value * 100).toFixed(1)} % (seed {shownSeed + 1})
              </figcaption>
            </figure>
          ))}
        </div>
      )}

      {probe.kind === 'image' && (
        <>
          <div className="image-row">
            <figure>
              <PixelCanvas values={probe.target} side={probe.side} size={112} scale={{ kind: 'diverging', limit: absMax(probe.target) }} label="target image" />
              <figcaption>target</figcaption>
            </figure>
            {usable.map((s) => (
              <figure key={s.index} style={{ borderTop: `3px solid ${curveColor(s.index, theme)}` }}>
                <PixelCanvas values={s.prediction} side={probe.side} size={112} scale={{ kind: 'diverging', limit: absMax(probe.target) }} label={`${s.label}'s image, seed ${shownSeed + 1}`} />
                <figcaption>
                  {s.label}: PSNR {s.report.metrics[1].value.toFixed(1)} dB
                </figcaption>
              </figure>
            ))}
          </div>
          {spectra.length > 0 && (
            <div className="sized-plot" style={{ '--plot-h': '260px' } as CSSProperties}>
              <PlotView figure={compareSpectrumFigure(spectra, marks, theme, 'radial frequency (cycles per unit)')} ariaLabel="Each activation's radial error spectrum; dotted lines: the pattern's frequencies" />
            </div>
          )}
        </>
      )}
    </section>
  );
}
