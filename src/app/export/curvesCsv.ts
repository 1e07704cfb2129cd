/**
 * CSV of the sampled curves: `x`, then f, f′, f″ (and s for modifiers) per activation, at the
 * plotted grid. Numbers are written with full float64 precision; gaps (non-finite values) are
 * empty cells.
 */
import type { SampledCurves } from '../explore/sampleCurves';

export interface CsvCurve {
  /** Column prefix, e.g. `swish(beta=2)`. */
  label: string;
  samples: SampledCurves;
}

function cell(v: number): string {
  return Number.isFinite(v) ? String(v) : '';
}

function quote(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function curvesCsv(curves: CsvCurve[]): string {
  if (curves.length === 0) return 'x\n';
  const header = ['x'];
  for (const c of curves) {
    header.push(`${c.label} f`, `${c.label} df`, `${c.label} d2f`);
    if (c.samples.surrogate) header.push(`${c.label} s`);
  }
  const lines = [header.map(quote).join(',')];
  const x = curves[0].samples.x;
  for (let i = 0; i < x.length; i++) {
    const row = [cell(x[i])];
    for (const { samples: s } of curves) {
      row.push(cell(s.f[i]), cell(s.df[i]), cell(s.d2f[i]));
      if (s.surrogate) row.push(cell(s.surrogate[i]));
    }
    lines.push(row.join(','));
  }
  return lines.join('\n') + '\n';
}
