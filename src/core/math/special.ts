/**
 * Special functions in float64 for plots and references. Each is written so that it stays
 * accurate (and finite where the true value is finite) over the whole real line, because plots
 * sweep far into the tails and derivatives are evaluated there too.
 */
const SQRT2 = Math.SQRT2;
const INV_SQRT_2PI = 0.3989422804014327; // 1/√(2π)

// W. J. Cody's rational Chebyshev approximations of erf and erfc (netlib specfun `calerf`, 1987;
// the same coefficients mathjs uses), written as plain number code: mathjs's typed dispatch
// cost ~60 ns per call, and the CPU training kernels (src/core/cpu) call these per element.
const ERF_THRESH = 0.46875;
/* eslint-disable no-loss-of-precision -- Cody's coefficients as published (18 digits) */
const SQRPI = 5.6418958354775628695e-1; // 1/√π
const P0 = [3.16112374387056560e00, 1.13864154151050156e02, 3.77485237685302021e02, 3.20937758913846947e03, 1.85777706184603153e-1];
const Q0 = [2.36012909523441209e01, 2.44024637934444173e02, 1.28261652607737228e03, 2.84423683343917062e03];
const P1 = [5.64188496988670089e-1, 8.88314979438837594e00, 6.61191906371416295e01, 2.98635138197400131e02, 8.81952221241769090e02, 1.71204761263407058e03, 2.05107837782607147e03, 1.23033935479799725e03, 2.15311535474403846e-8];
const Q1 = [1.57449261107098347e01, 1.17693950891312499e02, 5.37181101862009858e02, 1.62138957456669019e03, 3.29079923573345963e03, 4.36261909014324716e03, 3.43936767414372164e03, 1.23033935480374942e03];
const P2 = [3.05326634961232344e-1, 3.60344899949804439e-1, 1.25781726111229246e-1, 1.60837851487422766e-2, 6.58749161529837803e-4, 1.63153871373020978e-2];
const Q2 = [2.56852019228982242e00, 1.87295284992346047e00, 5.27905102951428412e-1, 6.05183413124413191e-2, 2.33520497626869185e-3];
/* eslint-enable no-loss-of-precision */

/** erf(y) for 0 ≤ y ≤ 0.46875. */
function erfSmall(y: number): number {
  const ysq = y * y;
  let num = P0[4] * ysq;
  let den = ysq;
  for (let i = 0; i < 3; i++) {
    num = (num + P0[i]) * ysq;
    den = (den + Q0[i]) * ysq;
  }
  return (y * (num + P0[3])) / (den + Q0[3]);
}

/** e^{−y²}, split so that the rounding of y² is not magnified by the exponential. */
function expMinusSquare(y: number): number {
  const ysq = Math.trunc(y * 16) / 16;
  const del = (y - ysq) * (y + ysq);
  return Math.exp(-ysq * ysq) * Math.exp(-del);
}

/** erfc(y) for y > 0.46875, with relative accuracy in the upper tail. */
function erfcLarge(y: number): number {
  if (y <= 4) {
    let num = P1[8] * y;
    let den = y;
    for (let i = 0; i < 7; i++) {
      num = (num + P1[i]) * y;
      den = (den + Q1[i]) * y;
    }
    // Here y² ≤ 16, so rounding it costs at most 16 · 2⁻⁵³ relative: one exp is enough.
    return Math.exp(-y * y) * ((num + P1[7]) / (den + Q1[7]));
  }
  if (y >= 27) return 0; // e^{−729} is below the double range
  const ysq = 1 / (y * y);
  let num = P2[5] * ysq;
  let den = ysq;
  for (let i = 0; i < 4; i++) {
    num = (num + P2[i]) * ysq;
    den = (den + Q2[i]) * ysq;
  }
  const r = (ysq * (num + P2[4])) / (den + Q2[4]);
  return expMinusSquare(y) * ((SQRPI - r) / y);
}

/** erf(x), about 1e-16 absolute. */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const y = Math.abs(x);
  const v = y <= ERF_THRESH ? erfSmall(y) : 1 - erfcLarge(y);
  return x < 0 ? -v : v;
}

/** erfc(y) = 1 − erf(y) with relative accuracy kept in the upper tail. */
function erfc(y: number): number {
  if (Number.isNaN(y)) return NaN;
  if (Math.abs(y) <= ERF_THRESH) return 1 - erfSmall(y < 0 ? -y : y) * (y < 0 ? -1 : 1);
  return y > 0 ? erfcLarge(y) : 2 - erfcLarge(-y);
}

/** Standard normal CDF Φ(x) = ½ erfc(−x/√2): the lower tail keeps its relative accuracy. */
export function Phi(x: number): number {
  return 0.5 * erfc(-x / SQRT2);
}

/** Standard normal PDF φ(x) = e^{−x²/2}/√(2π). */
export function phi(x: number): number {
  return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
}

/** σ(x) without overflow: e^{−x} is only formed for x ≥ 0 and e^{x} only for x < 0. */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** sp(z) = ln(1 + e^z) = max(z, 0) + log1p(e^{−|z|}); the naive form overflows for z > 709. */
export function softplus(z: number): number {
  return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
}

/** ln σ(x) = min(x, 0) − log1p(e^{−|x|}). */
export function logsigmoid(x: number): number {
  return Math.min(x, 0) - Math.log1p(Math.exp(-Math.abs(x)));
}

/** H(x) = 1[x > 0]: the registry's step, so that H(0) = 0 (left-hand kink rule). */
export function step(x: number): number {
  return Number.isNaN(x) ? NaN : x > 0 ? 1 : 0;
}

/** sgn with sgn(0) = 0. */
export function sign(x: number): number {
  return Math.sign(x);
}

// Lanczos approximation, g = 671/128, 14 terms (Numerical Recipes 3rd ed., gammln): ~1e-15.
const LANCZOS_G = 5.2421875;
const LANCZOS = [
  57.15623566586292, -59.59796035547549, 14.136097974741746, -0.4919138160976202,
  0.00003399464998481189, 0.00004652362892704858, -0.00009837447530487956,
  0.0001580887032249125, -0.00021026444172410488, 0.00021743961811521265,
  -0.0001643181065367639, 0.00008441822398385275, -0.000026190838401581408,
  0.0000036899182659531625,
];

/** ln Γ(x) for x > 0. */
export function lgamma(x: number): number {
  if (!(x > 0)) return NaN;
  if (x === 1 || x === 2) return 0;
  if (x < 0.5) {
    // Reflection keeps accuracy near 0: Γ(x) = π / (sin(πx) Γ(1−x)).
    return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lgamma(1 - x);
  }
  let y = x;
  const t = x + LANCZOS_G;
  const head = (x + 0.5) * Math.log(t) - t;
  let ser = 0.9999999999999971;
  for (const c of LANCZOS) ser += c / ++y;
  return head + Math.log((2.5066282746310007 * ser) / x);
}

/** 1/Γ(x) for any real x, exactly 0 at the poles 0, −1, −2, … (Mittag-Leffler asymptotics need it). */
export function rgamma(x: number): number {
  if (x <= 0 && Number.isInteger(x)) return 0;
  if (x > 0) return Math.exp(-lgamma(x));
  // 1/Γ(x) = sin(πx)·Γ(1−x)/π for x < 0.
  return (Math.sin(Math.PI * x) * Math.exp(lgamma(1 - x))) / Math.PI;
}

/**
 * The (α, β) the series is computed for. Below α = 0.5 the series needs about |z|^(1/α) terms
 * (160,000 at z = 20, α = 0.25); a large β or α makes every term underflow. The registry uses
 * α ∈ [0.5, 1], β ∈ [1, 2].
 */
const ML_ALPHA_RANGE: readonly [number, number] = [0.5, 10];
const ML_BETA_RANGE: readonly [number, number] = [0.01, 50];
/** Hard cap on the positive series: with α ≥ 0.5 it passes 1e300 (then ∞) within ~2,000 terms. */
const ML_MAX_TERMS = 5000;

/** Why E_{α,β} is not computed for these parameters (then it is NaN), or undefined. */
export function mlParameterProblem(alpha: number, beta: number): string | undefined {
  const [a0, a1] = ML_ALPHA_RANGE;
  const [b0, b1] = ML_BETA_RANGE;
  if (!(alpha >= a0 && alpha <= a1)) return `Mittag-Leffler alpha must lie in [${a0}, ${a1}], got ${alpha}`;
  if (!(beta >= b0 && beta <= b1)) return `Mittag-Leffler beta must lie in [${b0}, ${b1}], got ${beta}`;
  return undefined;
}

/** Which derivative of E_{α,β}(z) with respect to z: 0 (the function), 1 or 2. */
export type MlOrder = 0 | 1 | 2;

/** k·(k−1)⋯(k−order+1): the coefficient that differentiating z^k `order` times brings down. */
function fallingFactor(k: number, order: MlOrder): number {
  return order === 0 ? 1 : order === 1 ? k : k * (k - 1);
}

/** The smallest m ≤ 10 with α·m an integer ≤ 100 (α = n/m: 1, 0.5, 0.9, …), or 0 when there is none. */
function rationalPeriod(alpha: number): number {
  for (let m = 1; m <= 10; m++) {
    const n = Math.round(alpha * m);
    if (n >= 1 && n <= 100 && Math.abs(alpha * m - n) < 1e-12) return m;
  }
  return 0;
}

/**
 * Power series Σ_{k≥order} fall(k)·z^{k−order}/Γ(αk+β), each term formed as
 * ±exp((k−order)·ln|z| + ln fall(k) − lnΓ(αk+β)) so that neither z^k nor Γ overflows.
 */
function mlSeries(z: number, alpha: number, beta: number, order: MlOrder, alternating: boolean): number {
  const absz = Math.abs(z);
  const lnz = Math.log(absz);
  // For a rational α = n/m with small m (α = 1, 0.5, 0.9 = 9/10) the ratio
  // Γ(αk+β)/Γ(α(k−m)+β) = Π_{j<n} (α(k−m)+β+j) is an exact product: each term comes from the one
  // m places back, with no lnΓ (whose absolute error the alternating series' cancellation would
  // amplify, and which costs most of the time).
  const m = rationalPeriod(alpha);
  const n = m === 0 ? 0 : Math.round(alpha * m);
  const ring = new Float64Array(Math.max(m, 1));
  const zm = m === 0 ? 0 : Math.pow(absz, m);
  let sum = 0;
  const maxTerms = alternating ? 400 : ML_MAX_TERMS;
  for (let k = order; k < order + maxTerms; k++) {
    const p = k - order;
    let mag: number;
    if (m === 0 || p < m) {
      const lnMag = (p === 0 ? 0 : p * lnz) + Math.log(fallingFactor(k, order)) - lgamma(alpha * k + beta);
      mag = Math.exp(lnMag);
    } else {
      const back = k - m;
      let ratio = 1;
      for (let j = 0; j < n; j++) ratio *= alpha * back + beta + j;
      mag = (ring[p % m] * zm * fallingFactor(k, order)) / fallingFactor(back, order) / ratio;
    }
    if (m !== 0) ring[p % m] = mag;
    sum += alternating && p % 2 === 1 ? -mag : mag;
    // A NaN or infinite sum stays so; `<=` also stops when every term past the peak underflows
    // to 0 (a large β), where `mag < 1e-17·sum` with sum = 0 never held and all terms were run.
    if (!Number.isFinite(sum)) return sum;
    if (!alternating) {
      if (sum > 1e300) return Infinity;
      // Terms of the positive series eventually decrease monotonically; stop once negligible.
      if (mag <= 1e-17 * sum && p > 2 + Math.pow(absz, 1 / alpha)) break;
    } else if (mag <= 1e-17 * Math.abs(sum) && p > 2 * Math.pow(absz, 1 / alpha) + 2) {
      break;
    }
  }
  return sum;
}

/** E_{α,β}(z) = (1/α)·e^{g(z)}, g = ((1−β)/α)·ln z + z^(1/α), and its first two derivatives. */
function mlLargeZ(z: number, root: number, alpha: number, beta: number, order: MlOrder): number {
  const c = (1 - beta) / alpha;
  const e = Math.exp(c * Math.log(z) + root) / alpha;
  if (order === 0) return e;
  const g1 = c / z + root / (alpha * z);
  if (order === 1) return e * g1;
  const g2 = -c / (z * z) + ((1 / alpha - 1) * root) / (alpha * z * z);
  return e * (g1 * g1 + g2);
}

/**
 * Mittag-Leffler E_{α,β}(z) (order 0) and its first two z-derivatives (order 1, 2), following
 * ACTIVATIONS.md (mittag-leffler numerics): positive series for z ≥ 0, alternating series for
 * −20^α ≤ z < 0, and the three-term asymptotic expansion below that.
 * Returns +Infinity when the positive series exceeds 1e300 (then g = 1/(1+E) = 0).
 */
export function mittagLeffler(z: number, alpha: number, beta: number, order: MlOrder = 0): number {
  if (Number.isNaN(z) || mlParameterProblem(alpha, beta) !== undefined) return NaN;
  if (z === 0) return fallingFactor(order, order) * rgamma(alpha * order + beta);
  if (z > 0) {
    // Past z^(1/α) = 40 the series would need hundreds of terms per value; for α < 2 the
    // expansion E ≈ (1/α)·z^((1−β)/α)·exp(z^(1/α)) is then exact to ~1e-16 relative (the rest
    // is O(1/z) against e^40), and so are its derivatives.
    const root = Math.pow(z, 1 / alpha);
    if (alpha < 2 && root >= 40) return mlLargeZ(z, root, alpha, beta, order);
    return mlSeries(z, alpha, beta, order, false);
  }
  if (z >= -Math.pow(20, alpha)) return mlSeries(z, alpha, beta, order, true);
  // E(z) ≈ −Σ_{k=1..3} z^{−k}/Γ(β−αk); differentiate term by term.
  let sum = 0;
  for (let k = 1; k <= 3; k++) {
    const r = rgamma(beta - alpha * k);
    if (r === 0) continue;
    if (order === 0) sum -= Math.pow(z, -k) * r;
    else if (order === 1) sum += k * Math.pow(z, -k - 1) * r;
    else sum -= k * (k + 1) * Math.pow(z, -k - 2) * r;
  }
  return sum;
}
