/**
 * The input grid the worker predicts on and the page draws: a square over the data's extent
 * (2-D sets, row-major with y varying slowest, top row = largest y) or evenly spaced x (1-D sets).
 * One definition for both sides, so a pixel always means the same input.
 */
import type { Dataset } from '../core/data/datasets';

/** Symmetric drawing range covering every point with a 10 % margin, rounded up to 0.1. */
export function dataExtent(ds: Dataset): [number, number] {
  let m = 0;
  for (const x of [ds.train.x, ds.test.x]) for (const v of x) if (Number.isFinite(v)) m = Math.max(m, Math.abs(v));
  const r = Math.max(0.1, Math.ceil(m * 1.1 * 10) / 10);
  return [-r, r];
}

/** Coordinate of grid index i (0 … n−1) across [lo, hi], cell centres for 2-D, endpoints for 1-D. */
export function gridCoordinate(i: number, n: number, extent: [number, number], dim: number): number {
  const [lo, hi] = extent;
  if (dim === 1) return n === 1 ? (lo + hi) / 2 : lo + ((hi - lo) * i) / (n - 1);
  return lo + ((hi - lo) * (i + 0.5)) / n;
}

/** n × dim inputs, row-major. 2-D: point (row r, column c) is index r·n + c with row 0 at the top. */
export function gridPoints(n: number, extent: [number, number], dim: number): Float32Array {
  if (!(Number.isInteger(n) && n >= 1 && n <= 512)) throw new Error(`Grid size must be an integer in 1…512, got ${n}`);
  if (dim === 1) {
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = gridCoordinate(i, n, extent, 1);
    return out;
  }
  if (dim !== 2) throw new Error(`Only 1-D and 2-D inputs can be drawn, got ${dim}-D`);
  const out = new Float32Array(n * n * 2);
  for (let r = 0; r < n; r++) {
    const y = gridCoordinate(n - 1 - r, n, extent, 2);
    for (let c = 0; c < n; c++) {
      out[(r * n + c) * 2] = gridCoordinate(c, n, extent, 2);
      out[(r * n + c) * 2 + 1] = y;
    }
  }
  return out;
}
