/**
 * WGSL source of the stable float32 special functions that generated activation kernels call.
 * They follow the numerics of the tf.js compiler (src/core/expr/tfjs.ts) and ACTIVATIONS.md:
 * exp arguments clamped to ≤ 88, softplus / log-sigmoid / sigmoid in their overflow-free forms,
 * erf by its Maclaurin series on [−1, 1] and beyond by W. J. Cody's rational Chebyshev
 * approximations of erfc (those mathjs uses in float64) evaluated in float32: absolute error
 * ≈ 1.2e-7 measured, unlike Abramowitz–Stegun 7.1.26; sin/cos, log and atan with their own
 * reductions (WGSL specifies its builtins loosely: sin/cos to 2^−11 absolute, atan to 4096 ulp).
 *
 * Everything is prefixed `ap_` so it cannot collide with tf.js's own shader snippets.
 */

/**
 * Cody (1969), "Rational Chebyshev approximations for the error function", as in netlib
 * specfun/erf. Kept as text: they are pasted into WGSL source.
 */
const CODY_P1 = ['0.56418849698867009', '8.8831497943883759', '66.119190637141630', '298.63513819740013', '881.95222124176909', '1712.0476126340706', '2051.0783778260715', '1230.3393547979972', '2.1531153547440385e-8'];
const CODY_Q1 = ['15.744926110709835', '117.69395089131250', '537.18110186200986', '1621.3895745666902', '3290.7992357334596', '4362.6190901432472', '3439.3676741437216', '1230.3393548037494'];
const CODY_P2 = ['0.30532663496123234', '0.36034489994980444', '0.12578172611122925', '0.016083785148742277', '6.5874916152983780e-4', '0.016315387137302098'];
const CODY_Q2 = ['2.5685201922898224', '1.8729528499234605', '0.52790510295142841', '0.060518341312441319', '0.0023352049762686918'];

/** Horner steps `num = (num + p[i]) * s; den = (den + q[i]) * s;` for i < n, as Cody writes them. */
function codyLoop(p: string[], q: string[], n: number, s: string): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    lines.push(`  num = (num + ${p[i]}) * ${s}; den = (den + ${q[i]}) * ${s};`);
  }
  return lines.join('\n');
}

export const WGSL_PRELUDE = `
var<private> ap_inf_bits: u32 = 0x7f800000u;
var<private> ap_nan_bits: u32 = 0x7fc00000u;
// Read from private variables so the values are not constant expressions (a constant infinity
// is a shader-creation error in WGSL).
fn ap_inf() -> f32 { return bitcast<f32>(ap_inf_bits); }
fn ap_nan() -> f32 { return bitcast<f32>(ap_nan_bits); }

fn ap_exp(x: f32) -> f32 { return exp(min(x, 88.0)); }

fn ap_expm1(x: f32) -> f32 {
  if (abs(x) < 0.5) {
    // Taylor series to x^9/9!: truncation error below 3e-10 relative on |x| < 0.5.
    return x * (1.0 + x * (0.5 + x * (0.16666666666666666 + x * (0.041666666666666664 + x * (0.008333333333333333
      + x * (0.001388888888888889 + x * (1.984126984126984e-4 + x * (2.48015873015873e-5 + x * 2.7557319223985893e-6))))))));
  }
  return ap_exp(x) - 1.0;
}

// log1p(x) = 2·atanh(s), s = x / (2 + x): for 1 + x in [sqrt(1/2), sqrt(2)], |s| ≤ 0.1716 and
// the odd series to s^13 is exact to ~1e-11 relative. (GPU log is accurate only in absolute
// terms near 1, and Kahan's log(u)·x/(u − 1) inherits that.) Elsewhere log(1 + x) is fine.
fn ap_log1p(x: f32) -> f32 {
  if (x > -0.29289321881345248 && x < 0.41421356237309503) {
    let s = x / (2.0 + x);
    let z = s * s;
    return 2.0 * s * (1.0 + z * (0.3333333333333333 + z * (0.2 + z * (0.14285714285714285
      + z * (0.1111111111111111 + z * (0.09090909090909091 + z * 0.07692307692307693))))));
  }
  return log(1.0 + x);
}
// log x near 1 through log1p (x − 1 is exact there, by Sterbenz's lemma).
fn ap_log(x: f32) -> f32 {
  if (x > 0.70710678118654752 && x < 1.4142135623730950) { return ap_log1p(x - 1.0); }
  return log(x);
}

fn ap_tanh(x: f32) -> f32 {
  let t = ap_expm1(-2.0 * abs(x));
  return sign(x) * (-t / (t + 2.0));
}
fn ap_sinh(x: f32) -> f32 { return 0.5 * (ap_expm1(x) - ap_expm1(-x)); }
fn ap_cosh(x: f32) -> f32 { return 0.5 * (ap_exp(x) + ap_exp(-x)); }

// GPU sin/cos are only specified to 2^-11 absolute error (SwiftShader's are off by ~1e-5), so
// reduce to r in [-pi/4, pi/4] (Cody–Waite, pi/2 in three parts) and use Cephes' float32
// polynomials there; the quadrant picks sin or cos and the sign.
fn ap_quadrant(x: f32) -> f32 { return round(x * 0.6366197723675814); }
fn ap_reduce(x: f32, j: f32) -> f32 {
  return ((x - j * 1.5703125) - j * 4.837512969970703125e-4) - j * 7.549789954891882e-8;
}
fn ap_sin_poly(r: f32) -> f32 {
  let z = r * r;
  return r + r * z * (-1.6666654611e-1 + z * (8.3321608736e-3 + z * -1.9515295891e-4));
}
fn ap_cos_poly(r: f32) -> f32 {
  let z = r * r;
  return 1.0 - 0.5 * z + z * z * (4.166664568298827e-2 + z * (-1.388731625493765e-3 + z * 2.443315711809948e-5));
}
fn ap_sin_q(x: f32, shift: i32) -> f32 {
  let j = ap_quadrant(x);
  let r = ap_reduce(x, j);
  let q = ((i32(j) + shift) % 4 + 4) % 4;
  let v = select(ap_sin_poly(r), ap_cos_poly(r), q == 1 || q == 3);
  return select(v, -v, q >= 2);
}
fn ap_sin(x: f32) -> f32 { return ap_sin_q(x, 0); }
fn ap_cos(x: f32) -> f32 { return ap_sin_q(x, 1); }
fn ap_tan(x: f32) -> f32 { return ap_sin(x) / ap_cos(x); }

// WGSL specifies atan only to 4096 ulp (SwiftShader's costs like a long software routine), so:
// Cephes' atanf. |x| above tan(3pi/8) maps to pi/2 + atan(-1/|x|), above tan(pi/8) to
// pi/4 + atan((|x| - 1)/(|x| + 1)), so the polynomial runs on |u| <= tan(pi/8): a few ulp.
// Branch-free (selects), as GPUs prefer; NaN passes through.
fn ap_atan(x: f32) -> f32 {
  let a = abs(x);
  let big = a > 2.414213562373095;
  let mid = a > 0.4142135623730950;
  let u = select(select(a, (a - 1.0) / (a + 1.0), mid), -1.0 / a, big);
  let base = select(select(0.0, 0.7853981633974483, mid), 1.5707963267948966, big);
  let z = u * u;
  let r = base + ((((8.05374449538e-2 * z - 1.38776856032e-1) * z + 1.99777106478e-1) * z - 3.33329491539e-1) * z * u + u);
  return select(r, -r, x < 0.0);
}

fn ap_sigmoid(x: f32) -> f32 {
  let e = exp(-abs(x));
  let s = 1.0 / (1.0 + e);
  return select(e * s, s, x >= 0.0);
}
fn ap_softplus(z: f32) -> f32 { return max(z, 0.0) + ap_log1p(exp(-abs(z))); }
fn ap_logsigmoid(x: f32) -> f32 { return min(x, 0.0) - ap_log1p(exp(-abs(x))); }

// u^v for a run-time exponent, with tf.pow's conventions: a negative base gives a real result
// only for an integer exponent (sign from its parity), 0^v is 0, 1 or inf.
fn ap_pow(u: f32, v: f32) -> f32 {
  if (u > 0.0) { return pow(u, v); }
  if (u == 0.0) { return select(select(ap_inf(), 1.0, v == 0.0), 0.0, v > 0.0); }
  if (floor(v) == v) {
    let m = pow(-u, v);
    let odd = (v - 2.0 * floor(0.5 * v)) != 0.0;
    return select(m, -m, odd);
  }
  return ap_nan();
}

// erf(y) for |y| <= 1 (odd in y): its Maclaurin series to y^25, truncation error < 1e-10.
// (Cody's erfc form loses ~1e-7 absolute just above his 0.46875 threshold in float32.)
fn ap_erf_small(y: f32) -> f32 {
  let s = y * y;
  return y * (1.1283791670955126 + s * (-0.37612638903183754 + s * (0.11283791670955128 + s * (-0.026866170645131252 + s * (0.005223977625442188 + s * (-0.0008548327023450853 + s * (0.00012055332981789665 + s * (-1.4925650358406252e-05 + s * (1.6462114365889248e-06 + s * (-1.6365844691234924e-07 + s * (1.480719281587922e-08 + s * (-1.2290555301717928e-09 + s * (9.422759064650411e-11)))))))))))));
}

// exp(-y^2) with y^2 split so its rounding error does not grow with y (Cody's trick).
fn ap_exp_neg_sq(y: f32) -> f32 {
  let h = floor(y * 16.0) / 16.0;
  let d = (y - h) * (y + h);
  return exp(-h * h) * exp(-d);
}

// erfc(y) for y >= 0, with relative accuracy in the tail.
fn ap_erfc_pos(y0: f32) -> f32 {
  let y = min(y0, 10.0);
  if (y <= 1.0) { return 1.0 - ap_erf_small(y); }
  if (y <= 4.0) {
    var num = ${CODY_P1[8]} * y;
    var den = y;
${codyLoop(CODY_P1, CODY_Q1, 7, 'y')}
    return ap_exp_neg_sq(y) * (num + ${CODY_P1[7]}) / (den + ${CODY_Q1[7]});
  }
  let s = 1.0 / (y * y);
  var num = ${CODY_P2[5]} * s;
  var den = s;
${codyLoop(CODY_P2, CODY_Q2, 4, 's')}
  let r = s * (num + ${CODY_P2[4]}) / (den + ${CODY_Q2[4]});
  return ap_exp_neg_sq(y) * (0.56418958354775628695 - r) / y;
}

fn ap_erf(x: f32) -> f32 {
  let y = abs(x);
  if (y <= 1.0) { return ap_erf_small(x); }
  return sign(x) * (1.0 - ap_erfc_pos(y));
}

// Standard normal CDF; the lower tail via erfc keeps its relative accuracy.
fn ap_Phi(x: f32) -> f32 {
  let z = x * 0.7071067811865476;
  if (z < -1.0) { return 0.5 * ap_erfc_pos(-z); }
  return 0.5 * (1.0 + ap_erf(z));
}
fn ap_phi(x: f32) -> f32 { return 0.3989422804014327 * exp(-0.5 * x * x); }
`;
