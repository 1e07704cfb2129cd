/**
 * Tier B families, Tier C gated blocks and §5 surrogates against references typed from the spec
 * (recurrences and closed forms evaluated directly in float64), plus the spec's published init
 * constants.
 */
import { describe, expect, it } from 'vitest';
import { getEntry, resolveEntry } from '../../../src/core/registry';
import { compileActivation } from '../../../src/core/activation/compile';
import { PhiRef, close, erfRef, ind, phiRef, sigmoidRef } from './reference';

type P = Record<string, number>;
const XS = [-1000, -30, -7, -3, -2, -1.5, -1, -0.6, -0.2, 0, 0.2, 0.6, 1, 1.5, 2, 3, 7, 30, 1000];
const MID = XS.filter((x) => Math.abs(x) <= 7);

function compiled(id: string, options: Record<string, string> = {}) {
  return compileActivation(resolveEntry(id), options);
}
function defaults(id: string, options: Record<string, string> = {}): P {
  return Object.fromEntries(compiled(id, options).params.map((p) => [p.name, p.default]));
}
/** Parameter values drawn deterministically around the defaults, to test away from the init. */
function perturbed(id: string, options: Record<string, string> = {}): P {
  const out: P = {};
  compiled(id, options).params.forEach((p, i) => { out[p.name] = p.default + 0.3 * Math.sin(1.7 * i + 0.4); });
  return out;
}
const vec = (p: P, prefix: string, from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => p[`${prefix}${i + from}`]);

function expectMatches(id: string, options: Record<string, string>, p: P, xs: number[], f: (x: number) => number, df: (x: number) => number, rel = 1e-11, abs = 1e-12) {
  const s = compiled(id, options).scalar(p);
  for (const x of xs) {
    // Tolerance: relative 1e-11 / absolute 1e-12 — polynomial/rational sums of up to ~10 terms
    // of size ≤ 1e3 each, evaluated in a different order than the reference.
    expect(close(s.f(x), f(x), rel, abs), `${id} f(${x}) = ${s.f(x)} vs ${f(x)}`).toBe(true);
    expect(close(s.df(x), df(x), rel, abs), `${id} f′(${x}) = ${s.df(x)} vs ${df(x)}`).toBe(true);
  }
}

describe('Tier B families vs the spec', () => {
  it('pau: init constants, P/Q with the safe denominator, quotient-rule f′ with s(0) = −1, ∂F/∂a_j, ∂F/∂b_k', () => {
    const p0 = defaults('pau');
    expect(vec(p0, 'a', 0, 5)).toEqual([0.0335583603, 0.505000375, 1.65343934, 2.01001052, 0.931901999, 0.152424124]);
    expect(vec(p0, 'b', 1, 4)).toEqual([3.30847488e-6, 3.98021568, 5.12471206e-7, 0.301830109]);
    for (const p of [p0, perturbed('pau')]) {
      const a = vec(p, 'a', 0, 5);
      const b = vec(p, 'b', 1, 4);
      const P = (x: number) => a.reduce((acc, c, j) => acc + c * x ** j, 0);
      const dP = (x: number) => a.reduce((acc, c, j) => acc + (j === 0 ? 0 : j * c * x ** (j - 1)), 0);
      const Q = (x: number) => 1 + b.reduce((acc, c, i) => acc + Math.abs(c) * Math.abs(x) ** (i + 1), 0);
      const dQ = (x: number) => (x > 0 ? 1 : -1) * b.reduce((acc, c, i) => acc + (i + 1) * Math.abs(c) * Math.abs(x) ** i, 0);
      expectMatches('pau', {}, p, MID, (x) => P(x) / Q(x), (x) => (dP(x) * Q(x) - P(x) * dQ(x)) / Q(x) ** 2);
      const s = compiled('pau').scalar(p);
      for (const x of MID) {
        for (let j = 0; j <= 5; j++) expect(close(s.dparam[`a${j}`](x), x ** j / Q(x), 1e-11, 1e-13)).toBe(true);
        for (let k = 1; k <= 4; k++) {
          const ref = -Math.sign(b[k - 1]) * Math.abs(x) ** k * P(x) / Q(x) ** 2;
          expect(close(s.dparam[`b${k}`](x), ref, 1e-11, 1e-13), `∂F/∂b${k}(${x})`).toBe(true);
        }
      }
    }
    // Spec note: beyond [−3, 3] the init tends to 0.505x; F(−5) ≈ −0.37.
    expect(compiled('pau').scalar().f(-5)).toBeCloseTo(-0.37, 2);
  });

  it('hermite: h_k by the spec recurrence, init c_k, f′ = Σ c_k √k h_(k−1)', () => {
    for (const n of [5, 1, 10]) {
      const opts = { n: String(n) };
      const p0 = defaults('hermite', opts);
      if (n === 5) {
        const c = vec(p0, 'c', 0, 5);
        [0.5188804, 0.7796968, 0.2756644, 0.1500527, 0.0974621, 0.0697382].forEach((v, k) => expect(c[k]).toBeCloseTo(v, 7));
      }
      for (const p of [p0, perturbed('hermite', opts)]) {
        const c = vec(p, 'c', 0, n);
        const h = (x: number) => {
          const out = [1, x];
          for (let k = 1; k < n; k++) out.push((x * out[k] - Math.sqrt(k) * out[k - 1]) / Math.sqrt(k + 1));
          return out;
        };
        expectMatches('hermite', opts, p, MID, (x) => c.reduce((acc, ck, k) => acc + ck * h(x)[k], 0),
          (x) => c.reduce((acc, ck, k) => acc + (k === 0 ? 0 : ck * Math.sqrt(k) * h(x)[k - 1]), 0), 1e-10, 1e-10);
      }
    }
  });

  it('poly: init is the least-squares ReLU fit (spec closed forms for d = 2, 4; a discrete fit otherwise)', () => {
    const B = 4;
    expect(vec(defaults('poly'), 'c', 0, 2)).toEqual([0.375, 0.5, 0.1171875]);
    const c4 = vec(defaults('poly', { d: '4' }), 'c', 0, 4);
    [15 * B / 256, 1 / 2, 105 / (128 * B), 0, -105 / (256 * B ** 3)].forEach((v, k) => expect(c4[k]).toBeCloseTo(v, 14));
    // d = 3: the discrete fit must be close to the continuous one, which for the odd-degree term
    // adds nothing to the even fit (ReLU = x/2 + |x|/2, and |x| is even): c3 ≈ 0, c1 ≈ 1/2.
    const c3 = vec(defaults('poly', { d: '3' }), 'c', 0, 3);
    expect(c3[1]).toBeCloseTo(0.5, 6);
    expect(c3[3]).toBeCloseTo(0, 8);
    const p = perturbed('poly', { d: '6' });
    const c = vec(p, 'c', 0, 6);
    expectMatches('poly', { d: '6' }, p, MID, (x) => c.reduce((a, ck, k) => a + ck * x ** k, 0), (x) => c.reduce((a, ck, k) => a + (k ? k * ck * x ** (k - 1) : 0), 0), 1e-10, 1e-10);
  });

  it('chebyshev: Σ c_k T_k(tanh x) and (1 − t²)·Σ k c_k U_(k−1)(t), by the spec recurrences, K = 8 and K = 64', () => {
    expectMatches('chebyshev', {}, defaults('chebyshev'), XS, Math.tanh, (x) => 1 - Math.tanh(x) ** 2);
    for (const K of [8, 64]) {
      const opts = { K: String(K), init: 'random' };
      const p = defaults('chebyshev', opts);
      const c = vec(p, 'c', 0, K);
      // Random init: c_k ~ N(0, (1/(K+1))²) — check the spread is of that size.
      const rms = Math.sqrt(c.reduce((a, v) => a + v * v, 0) / (K + 1));
      expect(rms).toBeGreaterThan(0.3 / (K + 1));
      expect(rms).toBeLessThan(3 / (K + 1));
      const T = (t: number) => { const o = [1, t]; for (let k = 1; k < K; k++) o.push(2 * t * o[k] - o[k - 1]); return o; };
      const U = (t: number) => { const o = [1, 2 * t]; for (let k = 1; k < K; k++) o.push(2 * t * o[k] - o[k - 1]); return o; };
      expectMatches('chebyshev', opts, p, XS, (x) => { const t = Math.tanh(x); const Tk = T(t); return c.reduce((a, ck, k) => a + ck * Tk[k], 0); },
        (x) => { const t = Math.tanh(x); const Uk = U(t); return (1 - t * t) * c.reduce((a, ck, k) => a + (k ? k * ck * Uk[k - 1] : 0), 0); },
        1e-9, 1e-11);
    }
  });

  it('fourier: a0 + Σ c_k cos(ω_k x − φ_k)/k!, init constants, ∂f/∂ω_k, ∂f/∂φ_k', () => {
    const p0 = defaults('fourier');
    expect(p0.a0).toBeCloseTo(0.66175127, 8);
    expect(p0.omega3).toBe(3);
    expect(p0.phi2).toBeCloseTo(Math.PI / 4, 15);
    const fact = [1, 1, 2, 6, 24];
    for (const p of [p0, perturbed('fourier')]) {
      const arg = (x: number, k: number) => p[`omega${k}`] * x - p[`phi${k}`];
      const f = (x: number) => p.a0 + [1, 2, 3, 4].reduce((a, k) => a + p[`c${k}`] * Math.cos(arg(x, k)) / fact[k], 0);
      const df = (x: number) => -[1, 2, 3, 4].reduce((a, k) => a + p[`c${k}`] * p[`omega${k}`] * Math.sin(arg(x, k)) / fact[k], 0);
      expectMatches('fourier', {}, p, MID, f, df);
      const s = compiled('fourier').scalar(p);
      for (const x of MID) for (const k of [1, 2, 3, 4]) {
        expect(close(s.dparam[`omega${k}`](x), -p[`c${k}`] * x * Math.sin(arg(x, k)) / fact[k], 1e-11, 1e-13)).toBe(true);
        expect(close(s.dparam[`phi${k}`](x), p[`c${k}`] * Math.sin(arg(x, k)) / fact[k], 1e-11, 1e-13)).toBe(true);
      }
    }
  });

  it('kaf, fourier-kan: formulas and the seeded random init scales', () => {
    const p = defaults('kaf');
    const g = [1, 2, 3, 4, 5, 6, 7, 8, 9];
    const wave = (x: number) => g.reduce((a, j) => a + p[`u${j}`] * Math.cos(p[`w${j}`] * x + p[`phi${j}`]) + p[`v${j}`] * Math.sin(p[`w${j}`] * x + p[`phi${j}`]), 0);
    const dwave = (x: number) => g.reduce((a, j) => a + p[`w${j}`] * (p[`v${j}`] * Math.cos(p[`w${j}`] * x + p[`phi${j}`]) - p[`u${j}`] * Math.sin(p[`w${j}`] * x + p[`phi${j}`])), 0);
    expectMatches('kaf', {}, p, MID, (x) => p.a * x * PhiRef(x) + p.b * (p.e0 + wave(x)), (x) => p.a * (PhiRef(x) + x * phiRef(x)) + p.b * dwave(x));
    for (const j of g) {
      expect(Math.abs(p[`u${j}`])).toBeLessThanOrEqual(0.5619515);
      expect(p[`phi${j}`]).toBeGreaterThanOrEqual(0);
      expect(p[`phi${j}`]).toBeLessThan(2 * Math.PI);
    }
    expect(Math.abs(p.e0)).toBeLessThanOrEqual(0.2357023);
    const G = 12;
    const q = defaults('fourier-kan', { G: String(G) });
    const k = Array.from({ length: G }, (_, i) => i + 1);
    expectMatches('fourier-kan', { G: String(G) }, q, MID,
      (x) => q.e0 + k.reduce((a, j) => a + q[`a${j}`] * Math.cos(j * x) + q[`b${j}`] * Math.sin(j * x), 0),
      (x) => k.reduce((a, j) => a + j * (q[`b${j}`] * Math.cos(j * x) - q[`a${j}`] * Math.sin(j * x)), 0));
    const rms = Math.sqrt(k.reduce((a, j) => a + q[`a${j}`] ** 2 + q[`b${j}`] ** 2, 0) / (2 * G));
    expect(rms).toBeGreaterThan(0.4 / Math.sqrt(G));
    expect(rms).toBeLessThan(2 / Math.sqrt(G));
  });

  it('tropical: (√2/n)·max(kx + c_k); at init √2·ReLU + √2/n; f′ = (√2/n)·k* with the smallest maximising k', () => {
    for (const n of [4, 1, 9]) {
      const opts = { n: String(n) };
      const p = defaults('tropical', opts);
      expectMatches('tropical', opts, p, XS, (x) => Math.SQRT2 * Math.max(0, x) + Math.SQRT2 / n, (x) => Math.SQRT2 * ind(x > 0));
      // All pieces tie at x = 0 with c_k equal: the smallest slope (k = 0) wins.
      expect(compiled('tropical', opts).scalar(p).df(0)).toBe(0);
      const q = perturbed('tropical', opts);
      const best = (x: number) => {
        let kStar = 0;
        for (let k = 1; k <= n; k++) if (k * x + q[`c${k}`] > kStar * x + q[`c${kStar}`]) kStar = k;
        return kStar;
      };
      expectMatches('tropical', opts, q, XS, (x) => (Math.SQRT2 / n) * (best(x) * x + q[`c${best(x)}`]), (x) => (Math.SQRT2 / n) * best(x));
      const s = compiled('tropical', opts).scalar(q);
      for (const x of MID) expect(s.dparam[`c${best(x)}`](x)).toBeCloseTo(Math.SQRT2 / n, 14);
    }
  });

  it('tropical-rational: difference of maxima, slopes p_k* − q_j*, left-hand ties', () => {
    const p = defaults('tropical-rational');
    const k = [0, 1, 2, 3, 4];
    const arg = (slope: string, off: string, x: number) => {
      let best = 0;
      for (const i of k) {
        const v = p[`${slope}${i}`] * x + p[`${off}${i}`];
        const vb = p[`${slope}${best}`] * x + p[`${off}${best}`];
        if (v > vb) best = i;
      }
      return best;
    };
    const f = (x: number) => { const i = arg('p', 'a', x); const j = arg('q', 'b', x); return p[`p${i}`] * x + p[`a${i}`] - (p[`q${j}`] * x + p[`b${j}`]); };
    const df = (x: number) => p[`p${arg('p', 'a', x)}`] - p[`q${arg('q', 'b', x)}`];
    expectMatches('tropical-rational', {}, p, XS, f, df);
  });

  it('pwl: slope t_j on (s_(j−1), s_j] (left-hand at breakpoints), and the continuous variant', () => {
    const s = [-2, -1, 0, 1, 2];
    const piece = (x: number) => s.filter((b) => x > b).length + 1;
    const xs = [...MID, ...s];
    const p = perturbed('pwl');
    expectMatches('pwl', {}, p, xs, (x) => p[`t${piece(x)}`] * x, (x) => p[`t${piece(x)}`]);
    expectMatches('pwl', {}, defaults('pwl'), xs, (x) => Math.max(0, x), (x) => ind(x > 0));
    // Continuous variant: same slopes, f(0) = 0, f continuous: integrate the slopes from 0.
    // ∫_0^x of the piecewise-constant slope, piece by piece.
    const cont = (x: number) => {
      const lo = Math.min(0, x);
      const hi = Math.max(0, x);
      let total = 0;
      for (let j = 1; j <= 6; j++) {
        const L = j === 1 ? -Infinity : s[j - 2];
        const R = j === 6 ? Infinity : s[j - 1];
        total += p[`t${j}`] * Math.max(0, Math.min(hi, R) - Math.max(lo, L));
      }
      return x >= 0 ? total : -total;
    };
    expectMatches('pwl', { continuous: 'on' }, p, xs, cont, (x) => p[`t${piece(x)}`], 1e-11, 1e-11);
  });

  it('series-gelu, polyrelu, paon: formulas and derivatives', () => {
    const p = perturbed('series-gelu');
    const gelu = (x: number) => x * PhiRef(x);
    const dgelu = (x: number) => PhiRef(x) + x * phiRef(x);
    const i4 = [1, 2, 3, 4];
    expectMatches('series-gelu', {}, p, XS, (x) => i4.reduce((a, i) => a + p[`a${i}`] * gelu(x + p[`b${i}`]), 0), (x) => i4.reduce((a, i) => a + p[`a${i}`] * dgelu(x + p[`b${i}`]), 0));
    const sg = compiled('series-gelu').scalar(p);
    for (const x of MID) for (const i of i4) {
      expect(close(sg.dparam[`a${i}`](x), gelu(x + p[`b${i}`]), 1e-12, 1e-13)).toBe(true);
      expect(close(sg.dparam[`b${i}`](x), p[`a${i}`] * dgelu(x + p[`b${i}`]), 1e-12, 1e-13)).toBe(true);
    }
    const w = defaults('polyrelu');
    expect([w.w0, w.w1, w.w2, w.w3]).toEqual([0, 1 / 3, 1 / 3, 1 / 3]);
    const q = perturbed('polyrelu');
    expectMatches('polyrelu', {}, q, XS.filter((x) => Math.abs(x) < 100), (x) => { const r = Math.max(0, x); return q.w0 + q.w1 * r + q.w2 * r * r + q.w3 * r ** 3; },
      (x) => { const r = Math.max(0, x); return ind(x > 0) * (q.w1 + 2 * q.w2 * r + 3 * q.w3 * r * r); });
    // Paon at init is the [3/2] Padé approximant of tanh: (x + x³/15)/(1 + 0.4x²).
    expectMatches('paon', {}, defaults('paon'), MID, (x) => (x + x ** 3 / 15) / (1 + 0.4 * x * x),
      (x) => ((1 + x * x / 5) * (1 + 0.4 * x * x) - (x + x ** 3 / 15) * 0.8 * x) / (1 + 0.4 * x * x) ** 2);
    const r = perturbed('paon', { variant: 'smoothed' });
    const PK = (x: number, K: number) => vec(r, 'a', 0, K).reduce((a, c, k) => a + c * x ** k, 0);
    const QL = (x: number, L: number) => 1 + vec(r, 'b', 1, L).reduce((a, c, k) => a + c * x ** (k + 1), 0);
    const N = (x: number) => QL(x, 2) * PK(x, 3) + QL(x, 1) * PK(x, 2);
    const D = (x: number) => QL(x, 2) ** 2 + QL(x, 1) ** 2;
    const h = 1e-6;
    const num = (g: (x: number) => number, x: number) => (g(x + h) - g(x - h)) / (2 * h);
    const s = compiled('paon', { variant: 'smoothed' }).scalar(r);
    for (const x of MID) {
      expect(close(s.f(x), N(x) / D(x), 1e-12, 1e-13)).toBe(true);
      // f′ = (N′D − ND′)/D², with N′, D′ by central differences (error ~1e-8 relative).
      expect(close(s.df(x), (num(N, x) * D(x) - N(x) * num(D, x)) / D(x) ** 2, 1e-7, 1e-8)).toBe(true);
    }
  });
});

describe('Tier C gated blocks vs the spec: o(a, u), ∂o/∂a, ∂o/∂u, ∂o/∂α', () => {
  const gates: { id: string; p?: P; o: (a: number, u: number, p: P) => number; da: (a: number, u: number, p: P) => number; du: (a: number, u: number, p: P) => number; dalpha?: (a: number, u: number) => number }[] = [
    { id: 'glu', o: (a, u) => sigmoidRef(a) * u, da: (a, u) => sigmoidRef(a) * (1 - sigmoidRef(a)) * u, du: (a) => sigmoidRef(a) },
    { id: 'reglu', o: (a, u) => Math.max(0, a) * u, da: (a, u) => ind(a > 0) * u, du: (a) => Math.max(0, a) },
    { id: 'geglu', o: (a, u) => a * PhiRef(a) * u, da: (a, u) => (PhiRef(a) + a * phiRef(a)) * u, du: (a) => a * PhiRef(a) },
    {
      id: 'swiglu', p: { beta: 1.7 }, o: (a, u, p) => a * sigmoidRef(p.beta * a) * u,
      da: (a, u, p) => { const s = sigmoidRef(p.beta * a); return (s + p.beta * a * s * (1 - s)) * u; }, du: (a, _u, p) => a * sigmoidRef(p.beta * a),
    },
    { id: 'bilinear', o: (a, u) => a * u, da: (_a, u) => u, du: (a) => a },
    { id: 'drelu', o: (a, u) => Math.max(0, a) * Math.max(0, u), da: (a, u) => ind(a > 0) * Math.max(0, u), du: (a, u) => Math.max(0, a) * ind(u > 0) },
    {
      id: 'xatglu', p: { alpha: 0.7 }, o: (a, u, p) => ((Math.atan(a) / Math.PI + 0.5) * (1 + 2 * p.alpha) - p.alpha) * u,
      da: (a, u, p) => (1 + 2 * p.alpha) / (Math.PI * (1 + a * a)) * u, du: (a, _u, p) => (Math.atan(a) / Math.PI + 0.5) * (1 + 2 * p.alpha) - p.alpha,
      dalpha: (a, u) => (2 * Math.atan(a) / Math.PI) * u,
    },
    {
      id: 'xgeglu', p: { alpha: -0.3 }, o: (a, u, p) => (PhiRef(a) * (1 + 2 * p.alpha) - p.alpha) * u,
      da: (a, u, p) => (1 + 2 * p.alpha) * phiRef(a) * u, du: (a, _u, p) => PhiRef(a) * (1 + 2 * p.alpha) - p.alpha, dalpha: (a, u) => erfRef(a / Math.SQRT2) * u,
    },
    {
      id: 'xswiglu', p: { alpha: 1.2 }, o: (a, u, p) => (sigmoidRef(a) * (1 + 2 * p.alpha) - p.alpha) * u,
      da: (a, u, p) => (1 + 2 * p.alpha) * sigmoidRef(a) * (1 - sigmoidRef(a)) * u, du: (a, _u, p) => sigmoidRef(a) * (1 + 2 * p.alpha) - p.alpha, dalpha: (a, u) => Math.tanh(a / 2) * u,
    },
    {
      id: 'mand', p: { eps: 1e-6 }, o: (a, u, p) => Math.sqrt(Math.max(0, a) * Math.max(0, u) + p.eps) - Math.sqrt(p.eps),
      da: (a, u, p) => ind(a > 0) * Math.max(0, u) / (2 * Math.sqrt(Math.max(0, a) * Math.max(0, u) + p.eps)),
      du: (a, u, p) => Math.max(0, a) * ind(u > 0) / (2 * Math.sqrt(Math.max(0, a) * Math.max(0, u) + p.eps)),
    },
  ];
  for (const g of gates) {
    it(g.id, () => {
      const c = compiled(g.id);
      expect(c.vars).toEqual(['a', 'u']);
      for (const p of [defaults(g.id), { ...defaults(g.id), ...(g.p ?? {}) }]) {
        const gated = c.scalar(p).gated;
        expect(gated).toBeDefined();
        if (!gated) return;
        for (const a of [-30, -2, -0.5, 0, 0.5, 2, 30]) for (const u of [-3, -0.5, 0, 0.7, 4]) {
          // Tolerance: relative 1e-12, absolute 1e-13 (products of closed forms).
          expect(close(gated.o(a, u), g.o(a, u, p), 1e-12, 1e-13), `${g.id} o(${a}, ${u})`).toBe(true);
          expect(close(gated.dOda(a, u), g.da(a, u, p), 1e-12, 1e-13), `${g.id} ∂o/∂a(${a}, ${u})`).toBe(true);
          expect(close(gated.dOdu(a, u), g.du(a, u, p), 1e-12, 1e-13), `${g.id} ∂o/∂u(${a}, ${u})`).toBe(true);
          if (g.dalpha) expect(close(gated.dparam.alpha(a, u), g.dalpha(a, u), 1e-12, 1e-13), `${g.id} ∂o/∂α(${a}, ${u})`).toBe(true);
        }
      }
    });
  }
});

describe('§5 modifiers: forward is the base f, surrogate is the spec s(x)', () => {
  const surrogates: { id: string; options?: Record<string, string>; p?: P; s: (x: number, p: P) => number; base?: string }[] = [
    { id: 'helu', p: { alpha: 0.3 }, s: (x, p) => ind(x > -p.alpha), base: 'relu' },
    { id: 'regelu2', s: (x) => (x <= -3.1858810036855245 ? 0 : x <= -0.001178821281161997 ? -0.04922261145617846 : x <= 3.190832613414926 ? 1.0487405950855513 : 1), base: 'gelu' },
    { id: 'resilu2', s: (x) => (x <= -6.3050461001646445 ? 0 : x <= -0.0008684942046214787 ? -0.04060357190528599 : x <= 6.325815242089708 ? 1.0403218566243821 : 1), base: 'silu' },
    { id: 'soft-gate', p: { tau: 0.2 }, s: (x, p) => sigmoidRef(x / p.tau), base: 'relu' },
    { id: 'ste', s: (x) => ind(-1 < x && x <= 1), base: 'sign' },
    { id: 'ste', options: { surrogate: 'identity' }, s: () => 1, base: 'sign' },
    { id: 'sign', s: (x) => ind(-1 < x && x <= 1) },
  ];
  for (const m of surrogates) {
    it(`${m.id} ${JSON.stringify(m.options ?? {})}`, () => {
      const c = compiled(m.id, m.options);
      const p = { ...defaults(m.id, m.options), ...(m.p ?? {}) };
      const s = c.scalar(p);
      expect(s.surrogate).toBeDefined();
      const base = m.base ? compiled(m.base).scalar() : undefined;
      const thresholds = [-6.3050461001646445, -3.1858810036855245, -1, -0.3, 0, 1, 3.190832613414926, 6.325815242089708];
      for (const x of [...XS, ...thresholds]) {
        // Levels are sums of the published a_i; 1e-15 absolute covers their rounding.
        expect(close(s.surrogate?.(x) ?? NaN, m.s(x, p), 1e-12, 1e-15), `${m.id} s(${x})`).toBe(true);
        if (base) expect(s.f(x)).toBe(base.f(x));
      }
    });
  }

  it('ste quant-relu: q(x) = Δ·min(max(⌈x/Δ⌉, 0), 2^b − 1) and the clipped proxy 1[0 < x ≤ LΔ]', () => {
    for (const p of [{ b: 2, delta: 1 }, { b: 3, delta: 0.25 }, { b: 1, delta: 1 }]) {
      const L = 2 ** p.b - 1;
      const s = compiled('ste', { variant: 'quant-relu' }).scalar(p);
      const relu = compiled('ste', { variant: 'quant-relu', surrogate: 'relu' }).scalar(p);
      for (const x of [-2, -0.1, 0, 0.1, 0.25, 0.3, 0.99, 1, 1.01, 1.75, 2.5, 3, 3.2, 10]) {
        expect(s.f(x)).toBeCloseTo(p.delta * Math.min(Math.max(Math.ceil(x / p.delta), 0), L), 14);
        expect(s.surrogate?.(x)).toBe(ind(0 < x && x <= L * p.delta));
        expect(relu.surrogate?.(x)).toBe(ind(x > 0));
      }
    }
    // b = 1 gives the Heaviside step H(x).
    const one = compiled('ste', { variant: 'quant-relu' }).scalar({ b: 1, delta: 1 });
    expect([-1, 0, 1e-9, 0.5, 1, 7].map(one.f)).toEqual([0, 0, 1, 1, 1, 1]);
  });

  it('ste rejects an estimator that does not exist for the variant', () => {
    expect(() => compiled('ste', { surrogate: 'relu' })).toThrow(/sign estimator must be clipped or identity/);
  });

  it('getEntry is case-insensitive on aliases', () => {
    expect(getEntry('Hysteresis ReLU')?.id).toBe('helu');
  });
});
