/**
 * The engine computes in float32; its values printed as doubles carry noise digits
 * (0.1f → 0.10000000149011612). We write the shortest decimal that rounds back to the SAME
 * float32, so files stay small and readable and every reader (JS Float32Array, Python
 * torch.tensor(..., dtype=float32)) recovers the exact value.
 */

/** Shortest-decimal double with Math.fround(result) === Math.fround(v). */
export function shortestFloat32(v: number): number {
  const f = Math.fround(v);
  if (!Number.isFinite(f) || f === 0) return f;
  for (let digits = 1; digits < 9; digits++) {
    const candidate = Number(f.toPrecision(digits));
    if (Math.fround(candidate) === f) return candidate;
  }
  // 9 significant digits always identify a float32.
  return Number(f.toPrecision(9));
}

export function float32List(values: ArrayLike<number>): number[] {
  return Array.from(values, shortestFloat32);
}

/** Row-major rows × cols values as `rows` arrays. */
export function float32Rows(values: Float32Array, rows: number, cols: number): number[][] {
  return Array.from({ length: rows }, (_, r) => float32List(values.subarray(r * cols, (r + 1) * cols)));
}
