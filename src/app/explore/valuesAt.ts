/** Exact values at a few x for the text alternative to the plot. */
import type { CurveKind } from '../state/explorerState';
import type { ScalarCurves } from './sampleCurves';

const TABLE_XS = [-3, -1, 0, 1, 3];

/** The table's points: the fixed ones and the person's, sorted, each once. */
export function tablePoints(added: readonly number[]): number[] {
  return [...new Set([...TABLE_XS, ...added])].sort((a, b) => a - b);
}

export type ValueKind = CurveKind | 's';

export function valuesAt(curves: ScalarCurves, kind: ValueKind, xs: readonly number[] = TABLE_XS): number[] {
  const fn = kind === 's' ? curves.surrogate : curves[kind];
  if (!fn) return xs.map(() => NaN);
  return xs.map((x) => fn(x));
}

/** Six significant digits; non-finite values spelled out for screen readers. */
export function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'undefined';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  if (v === 0) return '0';
  const t = Math.abs(v) >= 1e-4 && Math.abs(v) < 1e6 ? String(Number(v.toPrecision(6))) : v.toExponential(5);
  return t.replace('-', '−');
}
