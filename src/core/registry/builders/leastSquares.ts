/** Small dense least squares for building inits (a few unknowns): normal equations + pivoting. */

/** Solve A·x = b by Gaussian elimination with partial pivoting (A square, modified in place). */
function solveLinear(A: number[][], b: number[]): number[] {
  const n = b.length;
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(A[r][col]) > Math.abs(A[pivot][col])) pivot = r;
    if (A[pivot][col] === 0) throw new Error('Singular system in least-squares fit');
    [A[col], A[pivot]] = [A[pivot], A[col]];
    [b[col], b[pivot]] = [b[pivot], b[col]];
    for (let r = col + 1; r < n; r++) {
      const factor = A[r][col] / A[col][col];
      for (let c = col; c < n; c++) A[r][c] -= factor * A[col][c];
      b[r] -= factor * b[col];
    }
  }
  return backSubstitute(A, b, n);
}

/** argmin_x Σ_i (rows_i · x − targets_i)² via the normal equations. */
export function leastSquares(rows: number[][], targets: number[]): number[] {
  const m = rows[0].length;
  const gram = Array.from({ length: m }, () => new Array<number>(m).fill(0));
  const rhs = new Array<number>(m).fill(0);
  rows.forEach((row, i) => {
    for (let a = 0; a < m; a++) {
      rhs[a] += row[a] * targets[i];
      for (let c = 0; c < m; c++) gram[a][c] += row[a] * row[c];
    }
  });
  return solveLinear(gram, rhs);
}

/**
 * argmin_x ‖rows·x − targets‖² by Householder QR: the error grows with cond(A), not cond(A)²
 * as with the normal equations, which matters for ill-scaled bases (Hermite up to degree 10).
 */
export function leastSquaresQR(rows: number[][], targets: number[]): number[] {
  const m = rows.length;
  const n = rows[0].length;
  if (m < n) throw new Error(`Least squares needs at least as many rows (${m}) as unknowns (${n})`);
  const A = rows.map((r) => [...r]);
  const b = [...targets];
  for (let col = 0; col < n; col++) {
    let norm = 0;
    for (let r = col; r < m; r++) norm += A[r][col] ** 2;
    norm = Math.sqrt(norm);
    if (norm === 0) throw new Error('Singular system in least-squares fit');
    // Reflect column `col` onto ∓norm·e_col; the sign choice avoids cancellation.
    const alpha = A[col][col] > 0 ? -norm : norm;
    const v = new Array<number>(m).fill(0);
    for (let r = col; r < m; r++) v[r] = A[r][col];
    v[col] -= alpha;
    let vv = 0;
    for (let r = col; r < m; r++) vv += v[r] ** 2;
    const apply = (get: (r: number) => number, set: (r: number, value: number) => void) => {
      let dot = 0;
      for (let r = col; r < m; r++) dot += v[r] * get(r);
      const scale = (2 * dot) / vv;
      for (let r = col; r < m; r++) set(r, get(r) - scale * v[r]);
    };
    for (let c = col; c < n; c++) apply((r) => A[r][c], (r, value) => { A[r][c] = value; });
    apply((r) => b[r], (r, value) => { b[r] = value; });
  }
  return backSubstitute(A, b, n);
}

/** Solves the upper-triangular system left by elimination or QR (first n rows of A, b). */
function backSubstitute(A: number[][], b: number[], n: number): number[] {
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let acc = b[r];
    for (let c = r + 1; c < n; c++) acc -= A[r][c] * x[c];
    x[r] = acc / A[r][r];
  }
  return x;
}
