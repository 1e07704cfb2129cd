/**
 * Special functions in float64 for plots and references. Each is written so that it stays
 * accurate (and finite where the true value is finite) over the whole real line, because plots
 * sweep far into the tails and derivatives are evaluated there too.
 */
import { erf as mathjsErf } from 'mathjs';

const SQRT2 = Math.SQRT2;
const INV_SQRT_2PI = 0.3989422804014327; // 1/√(2π)

/** erf via mathjs (Cody's rational approximations, about 1e-16). */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  return mathjsErf(x);
}

/**
 * erfc(y) for y ≥ 3 by its continued fraction (modified Lentz). Used only where 1 − erf(y)
 * would cancel: the far lower tail of Φ keeps full relative accuracy this way.
 */
function erfcLarge(y: number): number {
  if (y === Infinity) return 0;
  // erfc(y) = e^{−y²}/√π · 1/(y + (1/2)/(y + 1/(y + (3/2)/(y + …))))
  const tiny = 1e-300;
  let f = y;
  let c = y;
  let d = 0;
  for (let n = 1; n < 500; n++) {
    const a = n / 2;
    d = y + a * d;
    d = d === 0 ? tiny : d;
    c = y + a / c;
    c = c === 0 ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-y * y) / (Math.sqrt(Math.PI) * f);
}

/** Below this the continued fraction needs too many terms; 1 − erf(y) is accurate enough there. */
const ERFC_CF_MIN = 1.5;

/** erfc(y) with relative accuracy kept in the upper tail. */
export function erfc(y: number): number {
  return y >= ERFC_CF_MIN ? erfcLarge(y) : 1 - erf(y);
}

/** Standard normal CDF Φ(x) = ½(1 + erf(x/√2)); the lower tail via erfc keeps relative accuracy. */
export function Phi(x: number): number {
  if (x < -ERFC_CF_MIN * SQRT2) return 0.5 * erfcLarge(-x / SQRT2);
  return 0.5 * (1 + erf(x / SQRT2));
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

/** Which derivative of E_{α,β}(z) with respect to z: 0 (the function), 1 or 2. */
export type MlOrder = 0 | 1 | 2;

/** k·(k−1)⋯(k−order+1): the coefficient that differentiating z^k `order` times brings down. */
function fallingFactor(k: number, order: MlOrder): number {
  return order === 0 ? 1 : order === 1 ? k : k * (k - 1);
}

/**
 * Power series Σ_{k≥order} fall(k)·z^{k−order}/Γ(αk+β), each term formed as
 * ±exp((k−order)·ln|z| + ln fall(k) − lnΓ(αk+β)) so that neither z^k nor Γ overflows.
 */
function mlSeries(z: number, alpha: number, beta: number, order: MlOrder, alternating: boolean): number {
  const absz = Math.abs(z);
  const lnz = Math.log(absz);
  // For integer α (the default α = 1) the ratio Γ(αk+β)/Γ(α(k−1)+β) is an exact product, which
  // avoids lnΓ's absolute error being amplified by the cancellation of the alternating series.
  const intAlpha = Number.isInteger(alpha) && alpha <= 8;
  let sum = 0;
  let mag = 0;
  const maxTerms = alternating ? 400 : 100000;
  for (let k = order; k < order + maxTerms; k++) {
    const p = k - order;
    if (p === 0 || !intAlpha) {
      const lnMag = (p === 0 ? 0 : p * lnz) + Math.log(fallingFactor(k, order)) - lgamma(alpha * k + beta);
      mag = Math.exp(lnMag);
    } else {
      let ratio = 1;
      for (let j = 0; j < alpha; j++) ratio *= alpha * (k - 1) + beta + j;
      mag *= (absz * fallingFactor(k, order)) / fallingFactor(k - 1, order) / ratio;
    }
    sum += alternating && p % 2 === 1 ? -mag : mag;
    if (!alternating) {
      if (sum > 1e300) return Infinity;
      // Terms of the positive series eventually decrease monotonically; stop once negligible.
      if (mag < 1e-17 * sum && p > 2 + Math.pow(absz, 1 / alpha)) break;
    } else if (mag < 1e-17 * Math.abs(sum) && p > 2 * Math.pow(absz, 1 / alpha) + 2) {
      break;
    }
  }
  return sum;
}

/**
 * Mittag-Leffler E_{α,β}(z) (order 0) and its first two z-derivatives (order 1, 2), following
 * ACTIVATIONS.md (mittag-leffler numerics): positive series for z ≥ 0, alternating series for
 * −20^α ≤ z < 0, and the three-term asymptotic expansion below that.
 * Returns +Infinity when the positive series exceeds 1e300 (then g = 1/(1+E) = 0).
 */
export function mittagLeffler(z: number, alpha: number, beta: number, order: MlOrder = 0): number {
  if (Number.isNaN(z) || !(alpha > 0) || !(beta > 0)) return NaN;
  if (z === 0) return fallingFactor(order, order) * rgamma(alpha * order + beta);
  if (z > 0) return mlSeries(z, alpha, beta, order, false);
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
