/**
 * Registry values against the spec: f and the spec's f′ column typed here as plain float64
 * closed forms (independent of the expression language), f″ against central differences of the
 * reference f′, ∂f/∂p where the spec gives it, kink values by the left-hand rule.
 */
import { describe, expect, it } from 'vitest';
import { getEntry } from '../../../src/core/registry';
import { compileActivation } from '../../../src/core/activation/compile';
import { PhiRef, centralDiff, close, erfRef, erfcRef, ind, phiRef, sigmoidRef, softplusRef } from './reference';

type P = Record<string, number>;
interface Case {
  id: string;
  options?: Record<string, string>;
  /** Parameter settings besides the defaults (merged over the defaults). */
  settings?: P[];
  f: (x: number, p: P) => number;
  df: (x: number, p: P) => number;
  /** Spec's ∂f/∂p where given. */
  dp?: Record<string, (x: number, p: P) => number>;
  /** Kink/jump points (f″ is not compared within 1e-3 of them; f′ is compared exactly there). */
  kinks?: (p: P) => number[];
  /** x range where f″ is compared (default: all test points). */
  smoothRange?: [number, number];
  /** Test only `settings`, not the defaults (cases that pin other parameter values). */
  onlySettings?: boolean;
  /** Tolerances for f / f′ (rel, abs); default 1e-12, 1e-13. */
  tol?: [number, number];
}

// Test points: far tails, the usual range, and points next to 0.
const XS = [-1000, -100, -30, -10, -5, -3.3, -2, -1.5, -1, -0.7, -0.5, -0.25, -1e-3, 0, 1e-3, 0.25, 0.5, 0.7, 1, 1.5, 2, 3.3, 5, 10, 30, 100, 1000];

const SELU_L = 1.0507009873554805; // spec: 1.0507009873554804934…
const SELU_A = 1.6732632423543772; // spec: 1.6732632423543772848…
const K_GT = 0.7978845608028654;

const apaRef = (x: number, p: P) => Math.pow(p.lambda * Math.exp(-p.kappa * x) + 1, -1 / p.lambda);
const apaDf = (x: number, p: P) => apaRef(x, p) * (p.kappa / p.lambda) * sigmoidRef(Math.log(p.lambda) - p.kappa * x);
const xatGate = (x: number, al: number) => (Math.atan(x) / Math.PI + 0.5) * (1 + 2 * al) - al;

const CASES: Case[] = [
  { id: 'relu', f: (x) => Math.max(0, x), df: (x) => ind(x > 0), kinks: () => [0] },
  { id: 'leaky-relu', settings: [{ a: 0.2 }], f: (x, p) => (x > 0 ? x : p.a * x), df: (x, p) => (x > 0 ? 1 : p.a), kinks: () => [0] },
  {
    id: 'prelu', settings: [{ a: -0.7 }], f: (x, p) => Math.max(0, x) + p.a * Math.min(0, x), df: (x, p) => (x > 0 ? 1 : p.a),
    dp: { a: (x) => Math.min(0, x) }, kinks: () => [0],
  },
  { id: 'elu', settings: [{ alpha: 2.5 }], f: (x, p) => (x > 0 ? x : p.alpha * Math.expm1(x)), df: (x, p) => (x > 0 ? 1 : p.alpha * Math.exp(x)), kinks: () => [0] },
  { id: 'selu', f: (x) => (x > 0 ? SELU_L * x : SELU_L * SELU_A * Math.expm1(x)), df: (x) => (x > 0 ? SELU_L : 1.7580993408473768 * Math.exp(x)), kinks: () => [0] },
  {
    id: 'celu', settings: [{ alpha: 0.3 }, { alpha: 2.7 }],
    f: (x, p) => Math.max(0, x) + Math.min(0, p.alpha * Math.expm1(x / p.alpha)), df: (x, p) => (x > 0 ? 1 : Math.exp(x / p.alpha)), kinks: () => [0],
  },
  { id: 'gelu', f: (x) => x * PhiRef(x), df: (x) => PhiRef(x) + x * phiRef(x) },
  {
    id: 'gelu-tanh',
    f: (x) => 0.5 * x * (1 + Math.tanh(K_GT * (x + 0.044715 * x ** 3))),
    df: (x) => {
      const t = Math.tanh(K_GT * (x + 0.044715 * x ** 3));
      return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * K_GT * (1 + 0.134145 * x * x);
    },
  },
  {
    id: 'gelu-sigmoid', f: (x) => x * sigmoidRef(1.702 * x),
    df: (x) => { const s = sigmoidRef(1.702 * x); return s * (1 + 1.702 * x * (1 - s)); },
  },
  { id: 'silu', f: (x) => x * sigmoidRef(x), df: (x) => { const s = sigmoidRef(x); return s * (1 + x * (1 - s)); } },
  {
    id: 'swish', settings: [{ beta: 2.5 }, { beta: 0.1 }], f: (x, p) => x * sigmoidRef(p.beta * x),
    df: (x, p) => { const s = sigmoidRef(p.beta * x); return s + p.beta * x * s * (1 - s); },
    dp: { beta: (x, p) => { const s = sigmoidRef(p.beta * x); return x * x * s * (1 - s); } },
  },
  {
    id: 'mish', f: (x) => x * Math.tanh(softplusRef(x)),
    df: (x) => { const t = Math.tanh(softplusRef(x)); return t + x * sigmoidRef(x) * (1 - t * t); },
  },
  { id: 'softplus', settings: [{ beta: 3 }], f: (x, p) => softplusRef(p.beta * x) / p.beta, df: (x, p) => sigmoidRef(p.beta * x) },
  { id: 'sigmoid', f: sigmoidRef, df: (x) => sigmoidRef(x) * (1 - sigmoidRef(x)) },
  { id: 'tanh', f: Math.tanh, df: (x) => 1 - Math.tanh(x) ** 2 },
  { id: 'relu6', f: (x) => Math.min(Math.max(0, x), 6), df: (x) => ind(x > 0 && x <= 6), kinks: () => [0, 6] },
  {
    id: 'hardtanh', settings: [{ lo: -2, hi: 0.5 }], f: (x, p) => Math.min(Math.max(x, p.lo), p.hi),
    df: (x, p) => ind(p.lo < x && x <= p.hi), kinks: (p) => [p.lo, p.hi],
  },
  { id: 'hardsigmoid', f: (x) => Math.min(Math.max(x / 6 + 0.5, 0), 1), df: (x) => ind(-3 < x && x <= 3) / 6, kinks: () => [-3, 3] },
  {
    id: 'hardswish', f: (x) => (x * Math.min(Math.max(x + 3, 0), 6)) / 6,
    df: (x) => (x <= -3 ? 0 : x <= 3 ? (2 * x + 3) / 6 : 1), kinks: () => [-3, 3],
  },
  { id: 'softsign', f: (x) => x / (1 + Math.abs(x)), df: (x) => 1 / (1 + Math.abs(x)) ** 2, kinks: () => [0] },
  { id: 'logsigmoid', f: (x) => -softplusRef(-x), df: (x) => sigmoidRef(-x) },
  {
    id: 'golu', settings: [{ alpha: 2, beta: 0.5, gamma: 3 }, { alpha: 0.1, beta: 5, gamma: 0.1 }],
    f: (x, p) => x * p.alpha * Math.exp(-p.beta * Math.exp(-p.gamma * x)),
    // Reference f′ as α·(e^(−βe^t) + βγx·e^(t − βe^t)), t = −γx: finite without any clamp.
    df: (x, p) => {
      const t = -p.gamma * x;
      return p.alpha * (Math.exp(-p.beta * Math.exp(t)) + p.beta * p.gamma * x * Math.exp(t - p.beta * Math.exp(t)));
    },
    tol: [1e-11, 1e-13],
  },
  {
    id: 'crrelu', settings: [{ eps: -0.8 }], f: (x, p) => Math.max(0, x) + p.eps * x * Math.exp(-x * x / 2),
    df: (x, p) => ind(x > 0) + p.eps * (1 - x * x) * Math.exp(-x * x / 2), dp: { eps: (x) => x * Math.exp(-x * x / 2) }, kinks: () => [0],
  },
  {
    id: 'xatlu', settings: [{ alpha: 1.3 }, { alpha: -0.3 }], f: (x, p) => x * xatGate(x, p.alpha),
    df: (x, p) => xatGate(x, p.alpha) + (1 + 2 * p.alpha) * x / (Math.PI * (1 + x * x)),
    dp: { alpha: (x) => 2 * x * Math.atan(x) / Math.PI },
  },
  {
    id: 'xgelu', settings: [{ alpha: 0.9 }], f: (x, p) => x * (PhiRef(x) * (1 + 2 * p.alpha) - p.alpha),
    df: (x, p) => PhiRef(x) * (1 + 2 * p.alpha) - p.alpha + (1 + 2 * p.alpha) * x * phiRef(x),
    dp: { alpha: (x) => x * erfRef(x / Math.SQRT2) },
  },
  {
    id: 'xsilu', settings: [{ alpha: 0.9 }], f: (x, p) => x * (sigmoidRef(x) * (1 + 2 * p.alpha) - p.alpha),
    df: (x, p) => { const s = sigmoidRef(x); return s * (1 + 2 * p.alpha) - p.alpha + (1 + 2 * p.alpha) * x * s * (1 - s); },
    dp: { alpha: (x) => x * Math.tanh(x / 2) },
  },
  {
    id: 'elephant', settings: [{ a: 2, d: 1 }, { a: 0.5, d: 7.5 }],
    f: (x, p) => 1 / (1 + Math.abs(x / p.a) ** p.d),
    df: (x, p) => {
      if (x === 0) return p.d > 1 ? 0 : 1 / p.a;
      const f = 1 / (1 + Math.abs(x / p.a) ** p.d);
      return -(p.d / x) * f * (1 - f);
    },
    kinks: () => [0], tol: [1e-12, 1e-14],
  },
  {
    id: 'dyt', settings: [{ alpha: 2, gamma: -1.5, beta: 0.3 }], f: (x, p) => p.gamma * Math.tanh(p.alpha * x) + p.beta,
    df: (x, p) => p.gamma * p.alpha * (1 - Math.tanh(p.alpha * x) ** 2),
    dp: { alpha: (x, p) => p.gamma * x * (1 - Math.tanh(p.alpha * x) ** 2), gamma: (x, p) => Math.tanh(p.alpha * x), beta: () => 1 },
  },
  {
    // Reference: the exact convolution everywhere (no |x| > 10s branch), at a visible s too.
    id: 'sau', settings: [{ alpha: 0.3, s: 0.5 }, { alpha: 0.6, s: 2 }],
    f: (x, p) => p.alpha * x + (1 - p.alpha) * (x * PhiRef(x / p.s) + p.s * phiRef(x / p.s)),
    df: (x, p) => p.alpha + (1 - p.alpha) * PhiRef(x / p.s),
    dp: {
      alpha: (x, p) => x - x * PhiRef(x / p.s) - p.s * phiRef(x / p.s),
      s: (x, p) => (1 - p.alpha) * phiRef(x / p.s),
    },
    kinks: (p) => [-10 * p.s, 10 * p.s], tol: [1e-11, 1e-13],
  },
  { id: 'relu2', f: (x) => Math.max(0, x) ** 2, df: (x) => 2 * Math.max(0, x), kinks: () => [0] },
  { id: 'shifted-relu', settings: [{ tau: 2.5 }], f: (x, p) => Math.max(0, x - p.tau), df: (x, p) => ind(x > p.tau), kinks: (p) => [p.tau] },
  {
    id: 'soft-threshold', settings: [{ tau: 0 }, { tau: 2 }], f: (x, p) => Math.sign(x) * Math.max(Math.abs(x) - p.tau, 0),
    df: (x, p) => ind(x <= -p.tau) + ind(x > p.tau), kinks: (p) => [-p.tau, p.tau],
  },
  {
    id: 'clipped-relu', settings: [{ tau: 0.5, m: 3 }], f: (x, p) => Math.min(Math.max(x - p.tau, 0), p.m),
    df: (x, p) => ind(p.tau < x && x <= p.tau + p.m), kinks: (p) => [p.tau, p.tau + p.m],
  },
  {
    id: 'clipped-soft-threshold', settings: [{ tau: 0.5, m: 2 }], f: (x, p) => Math.sign(x) * Math.min(Math.max(Math.abs(x) - p.tau, 0), p.m),
    df: (x, p) => ind(-p.tau - p.m < x && x <= -p.tau) + ind(p.tau < x && x <= p.tau + p.m),
    kinks: (p) => [-p.tau - p.m, -p.tau, p.tau, p.tau + p.m],
  },
  {
    id: 'cauchy', settings: [{ lambda1: -2, lambda2: 0.5, d: 0.3 }],
    f: (x, p) => (p.lambda1 * x + p.lambda2) / (x * x + p.d * p.d),
    df: (x, p) => (p.lambda1 * (p.d * p.d - x * x) - 2 * p.lambda2 * x) / (x * x + p.d * p.d) ** 2,
    dp: {
      lambda1: (x, p) => x / (x * x + p.d * p.d),
      lambda2: (x, p) => 1 / (x * x + p.d * p.d),
      d: (x, p) => (-2 * p.d * (p.lambda1 * x + p.lambda2)) / (x * x + p.d * p.d) ** 2,
    },
  },
  {
    id: 'tempered-sigmoid', settings: [{ s: 1, T: 1, o: 0 }, { s: 3, T: 0.5, o: -1 }],
    f: (x, p) => p.s * sigmoidRef(p.T * x) - p.o, df: (x, p) => p.s * p.T * sigmoidRef(p.T * x) * (1 - sigmoidRef(p.T * x)),
  },
  { id: 'apa', settings: [{ lambda: 0.3, kappa: -2 }, { lambda: 5, kappa: 3 }], f: apaRef, df: apaDf, tol: [1e-11, 1e-13] },
  {
    id: 'aglu', settings: [{ lambda: 0.3, kappa: -2 }, { lambda: 5, kappa: 3 }],
    f: (x, p) => x * apaRef(x, p), df: (x, p) => apaRef(x, p) + x * apaDf(x, p), tol: [1e-11, 1e-13],
  },
  {
    id: 'proact', settings: [{ T: 0.7 }],
    f: (x, p) => Math.max(0, x * sigmoidRef(-20 * (x - p.T))),
    df: (x, p) => { const S = sigmoidRef(-20 * (x - p.T)); return x > 0 ? S - 20 * x * S * (1 - S) : 0; },
    dp: { T: (x, p) => { const S = sigmoidRef(-20 * (x - p.T)); return 20 * x * S * (1 - S) * ind(x > 0); } },
    kinks: () => [0],
  },
  { id: 'elu-plus-one', f: (x) => (x > 0 ? x : Math.expm1(x)) + 1, df: (x) => (x > 0 ? 1 : Math.exp(x)), kinks: () => [0] },
  { id: 'snake', settings: [{ a: 3 }, { a: 0.05 }], f: (x, p) => x + Math.sin(p.a * x) ** 2 / p.a, df: (x, p) => 1 + Math.sin(2 * p.a * x),
    dp: { a: (x, p) => (x / p.a) * Math.sin(2 * p.a * x) - Math.sin(p.a * x) ** 2 / p.a ** 2 }, tol: [1e-10, 1e-10] },
  {
    id: 'gabor', settings: [{ omega0: 10, s0: 40 }],
    f: (x, p) => Math.exp(-((p.s0 * x) ** 2)) * Math.cos(p.omega0 * x),
    df: (x, p) => -Math.exp(-((p.s0 * x) ** 2)) * (2 * p.s0 ** 2 * x * Math.cos(p.omega0 * x) + p.omega0 * Math.sin(p.omega0 * x)),
  },
  { id: 'gaussian', settings: [{ s: 0.1 }], f: (x, p) => Math.exp(-x * x / (2 * p.s * p.s)), df: (x, p) => -(x / p.s ** 2) * Math.exp(-x * x / (2 * p.s * p.s)) },
  { id: 'sine', settings: [{ omega0: 30 }], f: (x, p) => Math.sin(p.omega0 * x), df: (x, p) => p.omega0 * Math.cos(p.omega0 * x), tol: [1e-10, 1e-11] },
  { id: 'gcu', f: (x) => x * Math.cos(x), df: (x) => Math.cos(x) - x * Math.sin(x), tol: [1e-10, 1e-10] },
  { id: 'power', f: (x) => x ** 3, df: (x) => 3 * x * x },
  { id: 'power', options: { k: '4' }, f: (x) => x ** 4, df: (x) => 4 * x ** 3 },
  { id: 'power', options: { k: '7' }, f: (x) => x ** 7, df: (x) => 7 * x ** 6 },
  { id: 'power', options: { k: '1' }, f: (x) => x, df: () => 1 },
  { id: 'quadratic', f: (x) => x * x, df: (x) => 2 * x },
  { id: 'linear', f: (x) => x, df: () => 1 },
  { id: 'exponential', f: Math.exp, df: Math.exp, smoothRange: [-1000, 700] },
  { id: 'sign', f: Math.sign, df: () => 0, kinks: () => [0] },
  {
    id: 'poly2', settings: [{ c0: 1, c1: -2, c2: 3 }], f: (x, p) => p.c0 + p.c1 * x + p.c2 * x * x, df: (x, p) => p.c1 + 2 * p.c2 * x,
  },
  {
    // α = β = 1: E_{1,1}(z) = e^z, so the gate is σ(x) and f is SiLU. The spec sets f = f′ = 0
    // for x < −20 (so f′(−20) = 0 by the left-hand rule) and uses a 3-term asymptotic series for
    // x > 20^α, whose error in f″ (~1e-11) is below what it is worth testing: f″ on [−19.9, 19.9].
    id: 'mittag-leffler', f: (x) => (x < -20 ? 0 : x * sigmoidRef(x)), df: (x) => (x <= -20 ? 0 : sigmoidRef(x) * (1 + x * (1 - sigmoidRef(x)))),
    kinks: () => [-20], smoothRange: [-19.9, 19.9], tol: [1e-9, 1e-10],
  },
  {
    // α = 1, β = 2: E_{1,2}(z) = (e^z − 1)/z = expm1(z)/z, E′(z) = (z·e^z − e^z + 1)/z².
    id: 'mittag-leffler', settings: [{ alpha: 1, beta: 2 }], onlySettings: true,
    f: (x) => { const z = -x; const E = z === 0 ? 1 : Math.expm1(z) / z; return x < -20 ? 0 : x / (1 + E); },
    df: (x) => {
      if (x <= -20) return 0;
      const z = -x;
      const E = z === 0 ? 1 : Math.expm1(z) / z;
      const dE = z === 0 ? 0.5 : (z * Math.exp(z) - Math.expm1(z)) / (z * z);
      return 1 / (1 + E) + x * (dE / (1 + E) ** 2);
    },
    kinks: () => [-20], smoothRange: [-19.9, 19.9], tol: [1e-7, 1e-9],
  },
  {
    // α = 1/2, β = 1: E(z) = e^(z²)·erfc(−z), z = −x. Beyond x = 20^α ≈ 4.47 the spec's 3-term
    // asymptotic series is used; its relative error there is up to ~4e-4 (f′(5)), hence the tolerance.
    id: 'mittag-leffler', settings: [{ alpha: 0.5, beta: 1 }], onlySettings: true,
    f: (x) => (x < -20 ? 0 : x / (1 + Math.exp(x * x) * erfcRef(x))),
    df: (x) => {
      if (x <= -20) return 0;
      const E = Math.exp(x * x) * erfcRef(x);
      const dE = -2 * x * E + 2 / Math.sqrt(Math.PI);
      return 1 / (1 + E) + x * dE / (1 + E) ** 2;
    },
    kinks: () => [-20, 20 ** 0.5], smoothRange: [-19.9, 4.4], tol: [1e-3, 1e-8],
  },
];

function compiledFor(c: Case) {
  const entry = getEntry(c.id);
  if (!entry) throw new Error(`no entry ${c.id}`);
  return compileActivation(entry, c.options ?? {});
}

function defaults(c: Case): P {
  return Object.fromEntries(compiledFor(c).params.map((p) => [p.name, p.default]));
}

describe('registry values vs the spec (float64)', () => {
  for (const c of CASES) {
    const settings = c.onlySettings ? (c.settings ?? []) : [{}, ...(c.settings ?? [])];
    for (const setting of settings) {
      const label = `${c.id} ${JSON.stringify(c.options ?? {})} ${JSON.stringify(setting)}`;
      it(`${label}: f, f′ (incl. kinks, left-hand rule), ∂f/∂p`, () => {
        const p = { ...defaults(c), ...setting };
        const s = compiledFor(c).scalar(p);
        const [rel, abs] = c.tol ?? [1e-12, 1e-13];
        const xs = [...XS, ...(c.kinks?.(p) ?? [])];
        for (const x of xs) {
          // Tolerance: relative 1e-12 (a few ulps of rounding through different but equivalent
          // expressions), absolute 1e-13 for values that cancel to ~0; looser where stated.
          const fr = c.f(x, p);
          if (!Number.isFinite(fr)) continue;
          expect(close(s.f(x), fr, rel, abs), `${label} f(${x}) = ${s.f(x)} vs ${fr}`).toBe(true);
          const dr = c.df(x, p);
          expect(close(s.df(x), dr, rel, abs), `${label} f′(${x}) = ${s.df(x)} vs ${dr}`).toBe(true);
          for (const [name, ref] of Object.entries(c.dp ?? {})) {
            const got = s.dparam[name](x);
            expect(close(got, ref(x, p), rel, abs), `${label} ∂f/∂${name}(${x}) = ${got} vs ${ref(x, p)}`).toBe(true);
          }
        }
      });
      it(`${label}: f″ vs central differences of the reference f′`, () => {
        const p = { ...defaults(c), ...setting };
        const s = compiledFor(c).scalar(p);
        const kinks = c.kinks?.(p) ?? [];
        const [lo, hi] = c.smoothRange ?? [-1000, 1000];
        let compared = 0;
        for (const x of XS) {
          const h = 1e-5 * Math.max(1, Math.abs(x));
          if (x < lo || x > hi || kinks.some((k) => Math.abs(x - k) < 1e-3 + 2 * h)) continue;
          const g = (t: number) => c.df(t, p);
          const fdH = centralDiff(g, x, h);
          const fdH2 = centralDiff(g, x, h / 2);
          if (!Number.isFinite(fdH) || !Number.isFinite(fdH2)) continue;
          // Richardson extrapolation of the central difference; tolerance = its own error
          // estimate |FD(h) − FD(h/2)| + rounding noise of the reference f′ amplified by 1/h
          // (~500 ulps of f′, scaled with |x|) + 1e-6 relative.
          const fd = (4 * fdH2 - fdH) / 3;
          const noise = 1e-13 * (1 + Math.abs(x)) * (1 + Math.abs(g(x))) / h;
          const tol = Math.abs(fdH - fdH2) + noise + 1e-6 * Math.abs(fd);
          expect(Math.abs(s.d2f(x) - fd), `${label} f″(${x}) = ${s.d2f(x)} vs FD ${fd}`).toBeLessThanOrEqual(tol);
          compared++;
        }
        expect(compared).toBeGreaterThan(5);
      });
    }
  }
});
