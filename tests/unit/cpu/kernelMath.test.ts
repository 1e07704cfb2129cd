/**
 * The CPU kernels' own elementary functions (src/core/cpu/kernelMath.ts) against independent
 * references: mpmath at 40 digits (hard-coded below) and V8's fdlibm (Math.exp, Math.tanh,
 * Math.sin, Math.cos) over wide random sweeps. Tolerances are stated per function; all are
 * far below float32's 6e-8, the precision the kernels round to.
 */
/* eslint-disable no-loss-of-precision -- mpmath values printed to 17 digits */
import { describe, expect, it } from 'vitest';
import { cos, exp, expm1, PhiGivenE, sin, tanh } from '../../../src/core/cpu/kernelMath';
import { createRng } from '../../../src/core/data/rng';

const rel = (a: number, b: number): number => (a === b ? 0 : Math.abs(a - b) / Math.abs(b));
/** Distance from b to the next double, in the direction away from 0. */
function ulp(b: number): number {
  const f = new Float64Array([Math.abs(b)]);
  const i = new BigInt64Array(f.buffer);
  i[0] += 1n;
  return f[0] - Math.abs(b);
}

/** `count` values from a log-uniform spread of magnitudes up to `max`, both signs. */
function sweep(count: number, max: number, seed: number): number[] {
  const rng = createRng(seed);
  return Array.from({ length: count }, () => {
    const mag = max * Math.exp(-20 * rng.next());
    return rng.next() < 0.5 ? -mag : mag;
  });
}

describe('exp', () => {
  it('matches mpmath to 2.5e-16 relative (−700 … 700)', () => {
    const ref: [number, number][] = [
      [-700, 9.8596765437597709e-305], [-20, 2.0611536224385578e-9], [-1, 0.36787944117144232],
      [-0.001, 0.99900049983337499], [0.3, 1.3498588075760031], [1, 2.7182818284590452],
      [10, 22026.465794806717], [88.5, 2.7230878250681116e38], [700, 1.0142320547350045e304],
    ];
    for (const [x, v] of ref) expect(rel(exp(x), v), `exp(${x})`).toBeLessThan(2.5e-16);
  });

  it('is within 2 ulp of Math.exp over 200 000 points of [−708, 709]', () => {
    let worst = 0;
    for (const x of sweep(200_000, 709, 1)) worst = Math.max(worst, Math.abs(exp(x) - Math.exp(x)) / ulp(Math.exp(x)));
    expect(worst).toBeLessThanOrEqual(2);
  });

  it('hands the edges to Math.exp: overflow, subnormals, ±∞, NaN', () => {
    expect(exp(710)).toBe(Infinity);
    expect(exp(-720)).toBe(Math.exp(-720));
    expect(exp(-1e6)).toBe(0);
    expect(exp(-Infinity)).toBe(0);
    expect(exp(Infinity)).toBe(Infinity);
    expect(exp(NaN)).toBeNaN();
    expect(exp(0)).toBe(1);
  });
});

describe('expm1', () => {
  it('is within 2e-14 relative of Math.expm1 (−708 … 709), exact-ish near 0', () => {
    let worst = 0;
    for (const x of sweep(200_000, 709, 2)) worst = Math.max(worst, rel(expm1(x), Math.expm1(x)));
    expect(worst).toBeLessThan(2e-14);
    for (const x of [1e-300, -1e-12, 3e-5, -0.005]) expect(rel(expm1(x), Math.expm1(x))).toBeLessThan(3e-16);
    expect(Object.is(expm1(-0), -0) || expm1(-0) === 0).toBe(true);
  });
});

describe('tanh', () => {
  it('matches mpmath: 1e-15 relative, and 1 − tanh to 3e-16 absolute from 1 on', () => {
    const ref: [number, number, number][] = [
      [1e-8, 9.9999999999999999e-9, 0.99999999], [0.001, 0.00099999966666680002, 0.9990000003333332],
      [0.2, 0.19737532022490401, 0.80262467977509599], [0.5, 0.46211715726000976, 0.53788284273999024],
      [0.99, 0.75736232421652628, 0.24263767578347372], [1.5, 0.90514825364486644, 0.094851746355133562],
      [5, 0.99990920426259513, 9.0795737404868789e-5], [19, 0.99999999999999994, 6.2782655840960591e-17],
    ];
    for (const [x, v, oneMinus] of ref) {
      expect(rel(tanh(x), v), `tanh(${x})`).toBeLessThan(1e-15);
      expect(rel(tanh(-x), -v)).toBeLessThan(1e-15);
      if (x >= 1) expect(Math.abs(1 - tanh(x) - oneMinus), `1 − tanh(${x})`).toBeLessThan(3e-16);
    }
  });

  it('is within 5e-15 relative of Math.tanh over 200 000 points; ±1 far out; −0 and NaN kept', () => {
    let worst = 0;
    for (const x of sweep(200_000, 400, 3)) worst = Math.max(worst, rel(tanh(x), Math.tanh(x)));
    expect(worst).toBeLessThan(5e-15);
    expect(tanh(1000)).toBe(1);
    expect(tanh(-Infinity)).toBe(-1);
    expect(Object.is(tanh(-0), -0)).toBe(true);
    expect(tanh(NaN)).toBeNaN();
  });
});

describe('sin and cos', () => {
  it('match mpmath to 2.5e-16 absolute up to 1e5', () => {
    const ref: [number, number, number][] = [
      [1e-7, 9.9999999999999829e-8, 0.999999999999995], [0.5, 0.479425538604203, 0.87758256189037272],
      [3, 0.14112000805986722, -0.98999249660044546], [10, -0.54402111088936981, -0.83907152907645245],
      [100, -0.50636564110975879, 0.86231887228768393], [1000, 0.82687954053200256, 0.56237907629070299],
      [99999, 0.86024828078974205, -0.50987537241790088],
    ];
    for (const [x, s, c] of ref) {
      expect(Math.abs(sin(x) - s), `sin(${x})`).toBeLessThan(2.5e-16);
      expect(Math.abs(sin(-x) + s)).toBeLessThan(2.5e-16);
      expect(Math.abs(cos(x) - c), `cos(${x})`).toBeLessThan(2.5e-16);
      expect(Math.abs(cos(-x) - c)).toBeLessThan(2.5e-16);
    }
  });

  it('are within 2 ulp of Math.sin / Math.cos over 200 000 points, relative near the zeros too', () => {
    let worst = 0;
    for (const x of sweep(200_000, 1e5, 4)) {
      worst = Math.max(worst, Math.abs(sin(x) - Math.sin(x)) / ulp(Math.sin(x)), Math.abs(cos(x) - Math.cos(x)) / ulp(Math.cos(x)));
    }
    expect(worst).toBeLessThanOrEqual(2);
    // Beyond the reduction's range, and at the special values, Math answers.
    expect(sin(1e9)).toBe(Math.sin(1e9));
    expect(cos(-3e7)).toBe(Math.cos(-3e7));
    expect(Object.is(sin(-0), -0)).toBe(true);
    expect(cos(0)).toBe(1);
    expect(sin(Infinity)).toBeNaN();
    expect(cos(NaN)).toBeNaN();
  });
});

describe('PhiGivenE', () => {
  const Phi = (x: number): number => PhiGivenE(x, exp(-0.5 * x * x));

  it('matches mpmath to 1e-11 relative from −37.5 to 9, deep lower tail included', () => {
    // 5e-12 is the error of Cody's [0.47, 4] erfc rational used down to 0 (see kernelMath.ts).
    const ref: [number, number][] = [
      [-37.5, 4.6053530095819548e-308], [-20, 2.7536241186062337e-89], [-12.25, 8.3997960636334177e-35],
      [-8, 6.2209605742717841e-16], [-5.5, 1.8989562465887719e-8], [-3, 0.0013498980316300945],
      [-1.5, 0.066807201268858066], [-0.75, 0.2266273523768682], [-0.5, 0.3085375387259869],
      [-0.125, 0.45026177516988711], [-9.999999747378752e-6, 0.49999601057729683], [0, 0.5],
      [9.999999747378752e-6, 0.50000398942270317], [0.30000001192092896, 0.61791142673544968],
      [0.6600000262260437, 0.74537309374365192], [1, 0.84134474606854295], [2.5, 0.99379033467422386],
      [4, 0.99996832875816688], [5.699999809265137, 0.9999999940096219], [9, 1],
    ];
    for (const [x, v] of ref) expect(rel(Phi(x), v), `Φ(${x})`).toBeLessThan(1e-11);
  });

  it('is 0 / 1 where e^{−x²/2} underflows, NaN for NaN, and Φ(x) + Φ(−x) = 1 to 1e-11', () => {
    expect(Phi(-40)).toBe(0);
    expect(Phi(-Infinity)).toBe(0);
    expect(Phi(1e6)).toBe(1);
    expect(Phi(NaN)).toBeNaN();
    for (const x of sweep(10_000, 30, 5)) expect(Math.abs(Phi(x) + Phi(-x) - 1)).toBeLessThan(1e-11);
  });
});
