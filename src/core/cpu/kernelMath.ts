/**
 * Elementary functions for the CPU kernels' inner loops (./jitProgram.ts, ./rowInterpreter.ts),
 * in plain JavaScript that V8 compiles inline: Math.exp, Math.tanh, Math.sin and Math.cos are
 * calls into C (fdlibm) that cost 8–13 ns per element, more than the rest of a GELU or GoLU
 * element together. exp, sin and cos stay within 2 ulp of fdlibm, expm1 and tanh within 2e-14
 * relative, Φ within 1e-11 (tests/unit/cpu/kernelMath.test.ts, against mpmath and fdlibm): far
 * below the float32 rounding of the kernels' results (6e-8).
 *
 * Plots and the float64 evaluator keep using Math.* and ../math/special.ts (Cody's erf): these
 * are only for the training loops, where every element goes through them several times.
 */
/* eslint-disable no-loss-of-precision -- fdlibm's and Cody's coefficients as published (18–21 digits) */

// ---- exp: x = (64m + j)·ln2/64 + r, e^x = 2^m · 2^{j/64} · e^r with |r| ≤ ln2/128 ----------

/** 2^{j/64}, j = 0…63. */
const EXP2_FRACTION = Float64Array.from({ length: 64 }, (_, j) => 2 ** (j / 64));
/** 2^m for m = −1022…1023 (exact: built by halving and doubling), indexed m + 1022. */
const POW2 = (() => {
  const t = new Float64Array(1022 + 1024);
  let v = 1;
  for (let m = 0; m <= 1023; m++, v *= 2) t[m + 1022] = v;
  v = 1;
  for (let m = 0; m >= -1022; m--, v /= 2) t[m + 1022] = v;
  return t;
})();
const INV_LN2_64 = 64 / Math.LN2;
/** ln2/64 in two parts: HI has 36 significant bits, so k·HI is exact for |k| < 2^17. */
const LN2_64_HI = Math.round((Math.LN2 / 64) * 2 ** 42) / 2 ** 42;
/** The rest of ln2/64, with ln2 − Math.LN2 = 2.319046813846300e−17 added back. */
const LN2_64_LO = (Math.LN2 / 64 - LN2_64_HI) + 2.3190468138462996e-17 / 64;
/**
 * Adding and subtracting 1.5·2^52 rounds a double of magnitude < 2^51 to an integer (ties to
 * even) in two additions: Math.round costs more than the whole polynomial in V8.
 */
const ROUND_SHIFT = 6755399441055744;

/**
 * e^x within 2 ulp of Math.exp. Inside [−708, 709] the result is a normal double and the
 * table covers its exponent; outside (overflow, subnormal results, ±∞, NaN) Math.exp answers.
 */
export function exp(x: number): number {
  // Far below, 0 at once: SAU's Φ(x/s) with s = 5e-5 asks for e^{−10⁶} at nearly every element.
  if (!(x >= -708 && x <= 709)) return x < -746 ? 0 : Math.exp(x);
  const kf = (x * INV_LN2_64 + ROUND_SHIFT) - ROUND_SHIFT;
  const r = (x - kf * LN2_64_HI) - kf * LN2_64_LO;
  // e^r − 1 by its Taylor series: |r| ≤ 0.0055, so the r^7 term is below 2^−60 of the sum.
  const q = r * (1 + r * (0.5 + r * (1 / 6 + r * (1 / 24 + r * (1 / 120 + r * (1 / 720))))));
  const k = kf | 0;
  const s = EXP2_FRACTION[k & 63] * POW2[(k >> 6) + 1022]; // exact: a power of two times the table
  return s + s * q;
}

/**
 * e^x − 1: exactly the Taylor sum where |x| < ln2/128 (no reduction happens); beyond, 2^m·2^{j/64} − 1
 * is exact (Sterbenz) while |x| < ln 2, so the error is the table's rounding, ~1e-14 relative at
 * worst (|x| ≈ 0.0055), far below float32's 6e-8.
 */
export function expm1(x: number): number {
  if (!(x >= -708 && x <= 709)) return Math.expm1(x);
  const kf = (x * INV_LN2_64 + ROUND_SHIFT) - ROUND_SHIFT;
  const r = (x - kf * LN2_64_HI) - kf * LN2_64_LO;
  const q = r * (1 + r * (0.5 + r * (1 / 6 + r * (1 / 24 + r * (1 / 120 + r * (1 / 720))))));
  const k = kf | 0;
  const s = EXP2_FRACTION[k & 63] * POW2[(k >> 6) + 1022];
  return (s - 1) + s * q;
}

// ---- tanh ------------------------------------------------------------------------------------

/**
 * tanh(x), as fdlibm splits it: below |x| = 1, −expm1(−2|x|)/(2 + expm1(−2|x|)) keeps relative
 * accuracy near 0; from 1 on, 1 − 2/(expm1(2|x|) + 2) keeps the distance to ±1 exact to an ulp
 * (GELU's tanh form takes 1 + tanh(z) far out, where that distance is all that is left).
 * Pre-activations scaled by a DyT-like α rarely cross 1, so the branch is well predicted.
 * −0 and NaN are kept, ±1 exactly far out.
 */
export function tanh(x: number): number {
  const a = x < 0 ? -x : x;
  let t: number;
  if (a < 1) {
    const em = expm1(-2 * a);
    t = -em / (2 + em);
  } else {
    t = 1 - 2 / (expm1(2 * a) + 2);
  }
  return x < 0 ? -t : x === 0 ? x : t;
}

// ---- sin, cos (fdlibm's kernels after a three-part Cody–Waite reduction by π/2) ---------------

const INV_PIO2 = 6.36619772367581382433e-1;
/** π/2 = PIO2_1 + PIO2_2 + PIO2_3 (fdlibm's pio2_1, pio2_2, pio2_2t): k·PIO2_1 is exact for |k| < 2^20. */
const PIO2_1 = 1.57079632673412561417e0;
const PIO2_2 = 6.07710050630396597660e-11;
const PIO2_3 = 2.02226624879595063154e-21;
/** Beyond this the three-part reduction loses digits: Math.sin/Math.cos (Payne–Hanek) answer. */
const TRIG_REDUCTION_MAX = 1e5;
const S1 = -1.66666666666666324348e-1;
const S2 = 8.33333333332248946124e-3;
const S3 = -1.98412698298579493134e-4;
const S4 = 2.75573137070700676789e-6;
const S5 = -2.50507602534068634195e-8;
const S6 = 1.58969099521155010221e-10;
const C1 = 4.16666666666666019037e-2;
const C2 = -1.38888888888741095749e-3;
const C3 = 2.48015872894767294178e-5;
const C4 = -2.75573143513906633035e-7;
const C5 = 2.08757232129817482790e-9;
const C6 = -1.13596475577881948265e-11;

/**
 * sin(x + q·π/2) for q = 0 (sin) or 1 (cos), within 2 ulp of Math.sin/Math.cos. Written so that
 * sin(v) and cos(v) of one value, inlined into one loop, share the reduction and both
 * polynomials (V8 merges the identical arithmetic).
 */
function sinShifted(x: number, shift: number): number {
  const kf = (x * INV_PIO2 + ROUND_SHIFT) - ROUND_SHIFT;
  const r = ((x - kf * PIO2_1) - kf * PIO2_2) - kf * PIO2_3; // |r| ≤ π/4
  const z = r * r;
  const s = r + r * z * (S1 + z * (S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)))));
  const c = 1 - 0.5 * z + z * z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
  const q = ((kf | 0) + shift) & 3;
  const v = (q & 1) === 0 ? s : c;
  return q < 2 ? v : -v;
}

export function sin(x: number): number {
  if (!(x > -TRIG_REDUCTION_MAX && x < TRIG_REDUCTION_MAX)) return Math.sin(x);
  return x === 0 ? x : sinShifted(x, 0); // sin(−0) = −0
}

export function cos(x: number): number {
  if (!(x > -TRIG_REDUCTION_MAX && x < TRIG_REDUCTION_MAX)) return Math.cos(x);
  return sinShifted(x, 1);
}

// ---- Φ given e^{−x²/2} (Cody's erf/erfc coefficients, as ../math/special.ts) --------------------

const SQRPI = 5.6418958354775628695e-1; // 1/√π
const INV_SQRT2 = 0.7071067811865476;
/** 1/√(2π): φ(x) = INV_SQRT_2PI · e^{−x²/2}. */
export const INV_SQRT_2PI = 0.3989422804014327;

/**
 * The standard normal CDF Φ(x) from x and e = e^{−x²/2} (which the caller computes once and
 * shares with φ(x) = e/√(2π): GELU's f′ = Φ + xφ costs one exponential, not three), from
 * Cody's rational approximations of erfc in y = |x|/√2, where e^{−y²} = e exactly — and e's
 * argument −x²/2 has no rounding error at all for float32 inputs (x² needs 48 bits), so Φ keeps
 * its relative accuracy deep in the lower tail.
 *
 * Unlike Cody's erfc there is no separate branch near 0: his [0.47, 4] rational e^{−y²}·P(y)/Q(y)
 * is still within 5e-12 relative of erfc on [0, 0.47] (checked against mpmath), 10⁴ times finer
 * than float32, and pre-activations straddle |x| = 0.66 so often that the branch cost more in
 * mispredictions than the polynomial.
 */
export function PhiGivenE(x: number, e: number): number {
  // e^{−x²/2} underflowed (|x| > 38.6): Φ is 0 or 1 in double. Cheap exit for SAU's Φ(x/s), s ≪ 1.
  if (e === 0) return x < 0 ? 0 : 1;
  const y = (x < 0 ? -x : x) * INV_SQRT2;
  let tail: number; // erfc(y) / 2
  if (y <= 4) {
    // erfc(y) = e^{−y²}·P(y)/Q(y) (Cody's P1/Q1).
    const num = (((((((2.15311535474403846e-8 * y + 5.64188496988670089e-1) * y + 8.88314979438837594e00) * y + 6.61191906371416295e01) * y + 2.98635138197400131e02) * y + 8.81952221241769090e02) * y + 1.71204761263407058e03) * y + 2.05107837782607147e03) * y + 1.23033935479799725e03;
    const den = (((((((y + 1.57449261107098347e01) * y + 1.17693950891312499e02) * y + 5.37181101862009858e02) * y + 1.62138957456669019e03) * y + 3.29079923573345963e03) * y + 4.36261909014324716e03) * y + 3.43936767414372164e03) * y + 1.23033935480374942e03;
    tail = 0.5 * e * (num / den);
  } else {
    // erfc(y) = e^{−y²}·(1/√π − z·P(z)/Q(z))/y with z = 1/y² (Cody's P2/Q2).
    const z = 1 / (y * y);
    const num = ((((1.63153871373020978e-2 * z + 3.05326634961232344e-1) * z + 3.60344899949804439e-1) * z + 1.25781726111229246e-1) * z + 1.60837851487422766e-2) * z + 6.58749161529837803e-4;
    const den = ((((z + 2.56852019228982242e00) * z + 1.87295284992346047e00) * z + 5.27905102951428412e-1) * z + 6.05183413124413191e-2) * z + 2.33520497626869185e-3;
    tail = 0.5 * e * ((SQRPI - (z * num) / den) / y);
  }
  return x < 0 ? tail : 1 - tail;
}
