/**
 * Where a function gives NaN or ±Infinity on a plotted range, as runs of consecutive sample
 * points, so the formula box can say "f′ is NaN at x = -5 … -0.0125" instead of silently
 * leaving a gap in the curve.
 */

type NonFiniteKind = 'NaN' | 'Infinity' | '-Infinity';

export interface NonFiniteRun {
  kind: NonFiniteKind;
  /** First and last sample x of the run (equal for a single point). */
  from: number;
  to: number;
}

function kindOf(y: number): NonFiniteKind | undefined {
  if (Number.isNaN(y)) return 'NaN';
  if (y === Infinity) return 'Infinity';
  if (y === -Infinity) return '-Infinity';
  return undefined;
}

/** Samples fn at `samples` evenly spaced points of [xMin, xMax] (ends included) and at x = 0 when inside. */
export function nonFiniteRuns(fn: (x: number) => number, xMin: number, xMax: number, samples = 801): NonFiniteRun[] {
  const xs: number[] = [];
  for (let i = 0; i < samples; i++) xs.push(xMin + ((xMax - xMin) * i) / (samples - 1));
  // x = 0 is where most singular formulas (log(x), 1/x, x^-0.5) break; make sure it is a sample.
  if (xMin < 0 && xMax > 0 && !xs.includes(0)) {
    xs.push(0);
    xs.sort((a, b) => a - b);
  }
  const runs: NonFiniteRun[] = [];
  let current: NonFiniteRun | undefined;
  for (const x of xs) {
    let y: number;
    try {
      y = fn(x);
    } catch {
      y = NaN;
    }
    const kind = kindOf(y);
    if (kind && current && current.kind === kind) {
      current.to = x;
    } else {
      current = kind ? { kind, from: x, to: x } : undefined;
      if (current) runs.push(current);
    }
  }
  return runs;
}

/** Three significant digits, without trailing zeros or exponent noise for ordinary numbers. */
function short(x: number): string {
  return String(Number(x.toPrecision(3)));
}

/** "NaN at x = -5 … -0.0125; Infinity at x = 0" (the first `max` runs, then "and N more"). */
export function describeRuns(runs: NonFiniteRun[], max = 3): string {
  const parts = runs.slice(0, max).map((r) => `${r.kind} at x = ${r.from === r.to ? short(r.from) : `${short(r.from)} … ${short(r.to)}`}`);
  if (runs.length > max) parts.push(`and ${runs.length - max} more place${runs.length - max === 1 ? '' : 's'}`);
  return parts.join('; ');
}
