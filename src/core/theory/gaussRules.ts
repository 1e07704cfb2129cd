/**
 * Gaussian quadrature rules in float64, cached per size: Gauss–Hermite (weight e^{−x²} on the
 * whole line) and Gauss–Legendre (weight 1 on [−1, 1]).
 */

export interface QuadratureRule {
  nodes: Float64Array;
  weights: Float64Array;
}

const hermiteCache = new Map<number, QuadratureRule>();
const legendreCache = new Map<number, QuadratureRule>();

/**
 * n-node Gauss–Hermite rule: Σ wᵢ g(xᵢ) ≈ ∫ g(x) e^{−x²} dx, exact for polynomials of degree < 2n.
 * Golub–Welsch: the nodes are the eigenvalues of the Jacobi matrix (zero diagonal, off-diagonal
 * √(k/2)), the weights √π times the squared first components of its eigenvectors; implicit QL
 * tracks only those first components (Newton from asymptotic guesses loses roots past n ≈ 150).
 */
export function gaussHermite(n: number): QuadratureRule {
  const hit = hermiteCache.get(n);
  if (hit) return hit;
  if (!Number.isInteger(n) || n < 2 || n > 400) throw new Error(`Gauss–Hermite needs 2…400 nodes, got ${n}`);
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  for (let k = 0; k + 1 < n; k++) e[k] = Math.sqrt((k + 1) / 2);
  const z0 = new Float64Array(n);
  z0[0] = 1;
  symmetricTridiagonalQL(d, e, z0);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => d[a] - d[b]);
  const nodes = Float64Array.from(order, (i) => d[i]);
  const weights = Float64Array.from(order, (i) => Math.sqrt(Math.PI) * z0[i] * z0[i]);
  // The rule is symmetric; averaging the mirrored pairs removes the last bits of asymmetry.
  for (let i = 0; i < n >> 1; i++) {
    const x = 0.5 * (nodes[n - 1 - i] - nodes[i]);
    const w = 0.5 * (weights[i] + weights[n - 1 - i]);
    nodes[i] = -x;
    nodes[n - 1 - i] = x;
    weights[i] = w;
    weights[n - 1 - i] = w;
  }
  if (n % 2 === 1) nodes[n >> 1] = 0;
  const rule = { nodes, weights };
  hermiteCache.set(n, rule);
  return rule;
}

/**
 * Eigenvalues (into d) of the symmetric tridiagonal matrix with diagonal d and off-diagonal
 * e[0…n−2], by the implicit QL method with Wilkinson shifts; z0 (the first row of the identity
 * on entry) becomes the first row of the eigenvector matrix.
 */
function symmetricTridiagonalQL(d: Float64Array, e: Float64Array, z0: Float64Array): void {
  const n = d.length;
  for (let l = 0; l < n; l++) {
    for (let iter = 0; iter < 60; iter++) {
      let m = l;
      for (; m < n - 1; m++) {
        const dd = Math.abs(d[m]) + Math.abs(d[m + 1]);
        if (Math.abs(e[m]) <= Number.EPSILON * dd) break;
      }
      if (m === l) break;
      let g = (d[l + 1] - d[l]) / (2 * e[l]);
      let r = Math.hypot(g, 1);
      g = d[m] - d[l] + e[l] / (g + (g >= 0 ? r : -r));
      let s = 1;
      let c = 1;
      let p = 0;
      let i = m - 1;
      for (; i >= l; i--) {
        const f = s * e[i];
        const b = c * e[i];
        r = Math.hypot(f, g);
        e[i + 1] = r;
        if (r === 0) {
          d[i + 1] -= p;
          e[m] = 0;
          break;
        }
        s = f / r;
        c = g / r;
        g = d[i + 1] - p;
        r = (d[i] - g) * s + 2 * c * b;
        p = s * r;
        d[i + 1] = g + p;
        g = c * r - b;
        const zf = z0[i + 1];
        z0[i + 1] = s * z0[i] + c * zf;
        z0[i] = c * z0[i] - s * zf;
      }
      if (r === 0 && i >= l) continue;
      d[l] -= p;
      e[l] = g;
      e[m] = 0;
    }
  }
}

/** n-node Gauss–Legendre rule on [−1, 1]. */
export function gaussLegendre(n: number): QuadratureRule {
  const hit = legendreCache.get(n);
  if (hit) return hit;
  if (!Number.isInteger(n) || n < 2 || n > 300) throw new Error(`Gauss–Legendre needs 2…300 nodes, got ${n}`);
  const x = new Float64Array(n);
  const w = new Float64Array(n);
  for (let i = 0; i < (n + 1) >> 1; i++) {
    let z = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let pp = 0;
    for (let it = 0; it < 100; it++) {
      let p1 = 1;
      let p2 = 0;
      for (let j = 0; j < n; j++) {
        const p3 = p2;
        p2 = p1;
        p1 = ((2 * j + 1) * z * p2 - j * p3) / (j + 1);
      }
      pp = (n * (z * p1 - p2)) / (z * z - 1);
      const z1 = z;
      z = z1 - p1 / pp;
      if (Math.abs(z - z1) <= 1e-16) break;
    }
    x[i] = -z;
    x[n - 1 - i] = z;
    w[i] = 2 / ((1 - z * z) * pp * pp);
    w[n - 1 - i] = w[i];
  }
  const rule = { nodes: x, weights: w };
  legendreCache.set(n, rule);
  return rule;
}
