/**
 * What the run-file panel shows of a loaded file, as plain data (pure, no DOM): the runs it holds,
 * one run's configuration as label/value rows, a file name to save it under, and the stored
 * curves with a retrained run's curves laid over them.
 */
import type { Data } from 'plotly.js';
import type { EpochRecord } from '../../core/compare/summary';
import type { ComparisonFile, RunFile, RunFileEpoch } from '../../core/runfile/schema';
import type { Figure } from '../plot/buildFigure';
import { curveColor, type ThemeName } from '../plot/palette';
import { baseLayout, THEME_AXES } from '../experiment/trainFigures';

export function isComparison(f: RunFile | ComparisonFile): f is ComparisonFile {
  return 'runs' in f;
}

/** The runs of a file in file order (a run file holds one). */
export function runsOf(f: RunFile | ComparisonFile): RunFile[] {
  return isComparison(f) ? f.runs : [f];
}

function activationText(a: RunFile['config']['activation']): string {
  const settings = [
    ...Object.entries(a.options ?? {}).map(([k, v]) => `${k}=${v}`),
    ...Object.entries(a.params ?? {}).map(([k, v]) => `${k}=${v}`),
  ];
  const trained = Object.entries(a.learnable ?? {}).filter(([, on]) => on).map(([k]) => k);
  return `${a.id}${settings.length ? ` (${settings.join(', ')})` : ''}${trained.length ? `, trains ${trained.join(', ')}` : ''}`;
}

/** Short label of a run for pickers: "swish · seed 3". */
export function runLabel(f: RunFile): string {
  return `${f.config.activation.id} · seed ${f.config.seed}`;
}

export function configRows(f: RunFile): [string, string][] {
  const c = f.config;
  const ds = c.dataset;
  const nTrain = f.data.train.x.length;
  const last = f.history[f.history.length - 1];
  const rows: [string, string][] = [
    ['activation', activationText(c.activation)],
    ['data', `${ds.name}: ${ds.n} points (${nTrain} train, ${f.data.test.x.length} test), noise ${ds.noise}, data seed ${ds.seed}`],
    ['network', `hidden ${c.hidden.join(' × ')}, init ${c.init}${c.sirenOmega0 !== undefined ? ` (ω0 ${c.sirenOmega0})` : ''}${c.initSigmaW !== undefined ? ` σ_w ${c.initSigmaW}` : ''}${c.initSigmaB !== undefined ? ` σ_b ${c.initSigmaB}` : ''}, seed ${c.seed}`],
    ['training', `${c.optimizer.name}, lr ${c.optimizer.lr}${c.optimizer.name === 'momentum' ? `, momentum ${c.optimizer.momentum}` : ''}${c.optimizer.l2 ? `, L2 ${c.optimizer.l2}` : ''}, ${c.batchSize >= nTrain ? 'full batch' : `batch ${c.batchSize}`}`],
    ['epochs', `${f.history.length - 1} recorded of ${c.epochs} planned`],
    ['final loss', last ? `train ${fmt(last.trainLoss)}, test ${fmt(last.testLoss)}${last.trainAcc !== null ? `; accuracy train ${fmt(last.trainAcc)}, test ${fmt(last.testAcc)}` : ''}` : '—'],
    ['recorded on', `${f.backend}, Activation Playground ${f.projectVersion}, file version ${f.version}, ${f.createdAt}`],
  ];
  if (f.diverged) rows.push(['diverged', f.diverged.message]);
  return rows;
}

function fmt(v: number | null): string {
  return v === null ? '—' : Number(v.toPrecision(4)).toString();
}

/** A file name for a download: activation, seed and date, safe on every file system. */
export function runFileName(f: RunFile | ComparisonFile, ext = 'json'): string {
  const stamp = f.createdAt.slice(0, 19).replace(/[:T]/g, '-');
  const what = isComparison(f) ? `comparison-${f.runs.length}-runs` : `run-${f.config.activation.id}-seed${f.config.seed}`;
  return `${what}-${stamp}.${ext}`.replace(/[^A-Za-z0-9._-]+/g, '_');
}

type Curve = (RunFileEpoch | EpochRecord)[];

/** Stored train/test loss (solid) and the retrained ones (dotted, markers) over epochs. */
export function overlayFigure(stored: Curve, retrained: Curve | null, theme: ThemeName): Figure {
  const c = THEME_AXES[theme];
  const num = (v: number | null) => (v === null || !Number.isFinite(v) ? null : v);
  const line = (h: Curve, name: string, metric: 'trainLoss' | 'testLoss', color: number, fresh: boolean): Data => ({
    type: 'scatter',
    mode: fresh ? 'lines+markers' : 'lines',
    name,
    x: h.map((e) => e.epoch),
    y: h.map((e) => num(e[metric])),
    line: { color: curveColor(color, theme), width: fresh ? 1.5 : 3, dash: fresh ? 'dot' : 'solid' },
    ...(fresh ? { marker: { size: 5 } } : {}),
  });
  const data: Data[] = [line(stored, 'stored train loss', 'trainLoss', 0, false), line(stored, 'stored test loss', 'testLoss', 1, false)];
  if (retrained) data.push(line(retrained, 'retrained train loss', 'trainLoss', 0, true), line(retrained, 'retrained test loss', 'testLoss', 1, true));
  return {
    data,
    layout: {
      ...baseLayout(theme, 260),
      // Whole epochs only: a short run would otherwise get ticks at 0.5.
      xaxis: { title: { text: 'epoch' }, gridcolor: c.grid, zeroline: false, ...(stored.length <= 11 ? { dtick: 1 } : {}) },
      yaxis: { title: { text: 'loss' }, type: 'log', gridcolor: c.grid, zeroline: false },
    },
  };
}
