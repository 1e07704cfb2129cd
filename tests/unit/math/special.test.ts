/**
 * Special functions against independent references: values computed with mpmath at 40 digits
 * (hard-coded here), Maclaurin series, closed forms (E_{1,1}(z) = e^z, E_{1/2,1}(z) = e^{z²}erfc(−z)).
 */
import { describe, expect, it } from 'vitest';
import { erf, lgamma, logsigmoid, mittagLeffler, Phi, phi, rgamma, sigmoid, softplus, step } from '../../../src/core/math/special';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

/** erf by its Maclaurin series 2/√π Σ (−1)^n x^(2n+1)/(n!(2n+1)); fine in float64 for |x| ≤ 2. */
function erfSeries(x: number): number {
  let term = x;
  let sum = x;
  for (let n = 1; n < 200; n++) {
    term *= (-x * x) / n;
    sum += term / (2 * n + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}

describe('erf', () => {
  it('matches mpmath values to 2e-16 absolute', () => {
    const ref: [number, number][] = [
      [0.1, 0.1124629160182849], [0.5, 0.5204998778130465], [1, 0.8427007929497149],
      [2, 0.9953222650189527], [3, 0.9999779095030014], [4.5, 0.9999999998033839],
    ];
    for (const [x, v] of ref) {
      expect(Math.abs(erf(x) - v)).toBeLessThan(2e-16);
      expect(Math.abs(erf(-x) + v)).toBeLessThan(2e-16);
    }
  });
  it('matches the Maclaurin series on [-2, 2] to 1e-15', () => {
    for (let x = -2; x <= 2; x += 0.0625) expect(Math.abs(erf(x) - erfSeries(x))).toBeLessThan(1e-15);
  });
});

describe('Phi and phi', () => {
  // e^{−x²/2} inherits the rounding of x² (relative error ≈ x²·1e-16), hence 5e-14 at x = −20.
  it('keeps relative accuracy 5e-14 deep in the lower tail (mpmath values)', () => {
    const ref: [number, number][] = [
      [-20, 2.7536241186062337e-89], [-10, 7.619853024160525e-24], [-8, 6.220960574271784e-16],
      [-5, 2.866515718791939e-07], [-3, 0.0013498980316300946], [-1, 0.15865525393145705],
      [0, 0.5], [1, 0.8413447460685429], [2.5, 0.9937903346742238],
    ];
    for (const [x, v] of ref) expect(rel(Phi(x), v)).toBeLessThan(5e-14);
  });
  it('underflows to 0 only where the true value is below the double range', () => {
    expect(Phi(-40)).toBe(0); // true value 3.7e-350
    expect(Phi(40)).toBe(1);
  });
  it('phi is the normal density', () => {
    expect(rel(phi(0), 1 / Math.sqrt(2 * Math.PI))).toBeLessThan(1e-15);
    expect(rel(phi(2), Math.exp(-2) / Math.sqrt(2 * Math.PI))).toBeLessThan(1e-15);
  });
});

describe('sigmoid, softplus, logsigmoid', () => {
  /** sp(x) = Σ (−1)^(n+1) e^(nx)/n for x < 0, and sp(x) = x + sp(−x). */
  function softplusSeries(x: number): number {
    if (x > 0) return x + softplusSeries(-x);
    const q = Math.exp(x);
    let sum = 0;
    let p = 1;
    for (let n = 1; n < 400; n++) {
      p *= q;
      sum += (n % 2 ? p : -p) / n;
    }
    return sum;
  }
  it('agree with independent forms (naive σ, the log series for sp) to 1e-14 relative', () => {
    for (let x = -30.1; x <= 30; x += 0.37) {
      expect(rel(sigmoid(x), 1 / (1 + Math.exp(-x)))).toBeLessThan(1e-15);
      if (Math.abs(x) < 0.5) continue; // the series converges slowly near 0
      expect(rel(softplus(x), softplusSeries(x))).toBeLessThan(1e-14);
      expect(rel(logsigmoid(x), -softplusSeries(-x))).toBeLessThan(1e-14);
    }
    expect(rel(softplus(0), Math.LN2)).toBeLessThan(1e-16);
  });
  it('stay finite and exact in the far tails', () => {
    expect(sigmoid(-800)).toBe(0);
    expect(sigmoid(800)).toBe(1);
    expect(rel(sigmoid(-700), Math.exp(-700))).toBeLessThan(1e-14);
    expect(softplus(1000)).toBe(1000);
    expect(rel(softplus(-700), Math.exp(-700))).toBeLessThan(1e-14);
    expect(logsigmoid(-1000)).toBe(-1000);
    expect(rel(logsigmoid(700), -Math.exp(-700))).toBeLessThan(1e-14);
  });
  it('step is 1[x > 0]', () => {
    expect([step(-1), step(0), step(-0), step(1e-300)]).toEqual([0, 0, 0, 1]);
  });
});

describe('lgamma and rgamma', () => {
  it('lnΓ matches mpmath to 1e-14 relative (1e-15 absolute near its zeros)', () => {
    const ref: [number, number][] = [
      [0.1, 2.252712651734206], [0.5, 0.5723649429247001], [1.5, -0.12078223763524522],
      [2.5, 0.2846828704729192], [7.3, 7.147892523022248], [33.3, 82.60372358165495],
      [150.5, 602.5139548705854], [1e4, 82099.71749644238],
    ];
    for (const [x, v] of ref) expect(rel(lgamma(x), v)).toBeLessThan(1e-14);
    expect(Math.abs(lgamma(1))).toBeLessThan(1e-15);
    expect(Math.abs(lgamma(2))).toBeLessThan(1e-15);
    expect(Math.abs(lgamma(3) - Math.LN2)).toBeLessThan(1e-15);
  });
  it('lnΓ(n) = ln((n−1)!) for integers', () => {
    let fact = 1;
    for (let n = 2; n < 30; n++) {
      fact *= n - 1;
      if (n < 3) continue; // lnΓ(2) = 0: covered above
      expect(rel(lgamma(n), Math.log(fact))).toBeLessThan(1e-14);
    }
  });
  it('1/Γ is exact 0 at the poles and right for negative arguments', () => {
    expect([rgamma(0), rgamma(-1), rgamma(-2)]).toEqual([0, 0, 0]);
    const ref: [number, number][] = [[-0.5, -0.28209479177387814], [-1.5, 0.42314218766081724], [-2.5, -1.057855469152043], [-0.3, -0.2311149551599698]];
    for (const [x, v] of ref) expect(rel(rgamma(x), v)).toBeLessThan(1e-14);
  });
});

describe('Mittag-Leffler E_{α,β} and its z-derivatives', () => {
  it('E_{1,1}(z) = e^z (all three orders), series and alternating regions', () => {
    for (const z of [-20, -12.5, -5, -1, -0.01, 0, 0.3, 1, 5, 20, 40]) {
      const tol = z < 0 ? 1e-8 * Math.max(1, Math.exp(Math.abs(z)) * 1e-8) : 1e-14 * Math.exp(z);
      for (const order of [0, 1, 2] as const) {
        expect(Math.abs(mittagLeffler(z, 1, 1, order) - Math.exp(z))).toBeLessThan(Math.max(tol, 1e-15));
      }
    }
  });
  // The alternating series cancels: its error is a few 1e-15 × the largest term ≈ e^{|z|^{1/α}}
  // (lnΓ's own rounding included), and the derivative series carry an extra factor k ≈ |z|^{1/α}.
  const cancellation = (z: number, a: number, order: number) => {
    if (z >= 0) return 0;
    const k = Math.pow(-z, 1 / a);
    return 1e-14 * Math.exp(k) * Math.pow(1 + k, order);
  };
  it('matches mpmath for fractional α, β (1e-12 relative + cancellation bound)', () => {
    const ref: [number, number, number, number, number, number][] = [
      [-3, 0.5, 1, 0.17900115118138996, 0.05437226000717287, 0.03176874231974267],
      [2, 0.5, 1, 108.94090438997797, 436.8919967270074, 1965.4497956879854],
      [-7, 0.7, 1.3, 0.09713826211077375, 0.013921975447469695, 0.003947126513742174],
      [-4, 0.5, 1.5, 0.21575013559373465, 0.045841657374678296, 0.019188112064851364],
      [5, 0.8, 1.2, 1476.5641768527398, 2686.3066943614717, 5039.632254299214],
      [-15, 1, 2, 0.06666664627317863, 0.004444422691390542, 0.0005925692986973721],
    ];
    for (const [z, a, b, e0, e1, e2] of ref) {
      const [got0, got1, got2] = ([0, 1, 2] as const).map((o) => mittagLeffler(z, a, b, o));
      expect(Math.abs(got0 - e0)).toBeLessThan(1e-12 * Math.abs(e0) + cancellation(z, a, 0));
      expect(Math.abs(got1 - e1)).toBeLessThan(1e-12 * Math.abs(e1) + cancellation(z, a, 1));
      expect(Math.abs(got2 - e2)).toBeLessThan(1e-12 * Math.abs(e2) + cancellation(z, a, 2));
    }
  });
  // Three asymptotic terms leave a relative error of order |z|^{-4} (E) and |z|^{-2}·|z|^{-2} (E′).
  it('uses the asymptotic form below −20^α: E_{1/2,1}(z) = e^{z²}erfc(−z) at z = −30, −25', () => {
    expect(rel(mittagLeffler(-30, 0.5, 1, 0), 0.01879588886141675)).toBeLessThan(1e-5);
    expect(rel(mittagLeffler(-30, 0.5, 1, 1), 0.0006258354105074841)).toBeLessThan(1e-4);
    expect(rel(mittagLeffler(-25, 0.5, 1, 0), 0.02254957243264136)).toBeLessThan(1e-5);
    expect(rel(mittagLeffler(-25, 0.5, 1, 1), 0.0009005454634446267)).toBeLessThan(1e-4);
  });
  it('returns Infinity once the positive series passes 1e300', () => {
    expect(mittagLeffler(1000, 1, 1)).toBe(Infinity);
  });
});
