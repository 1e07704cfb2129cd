/**
 * Periodic extrapolation (Ziyin, Hartwig & Ueda 2020, "Neural Networks Fail to Learn Periodic
 * Functions and How to Fix It"): a periodic signal observed only on the training window
 * [−1, 1] and tested on the rest of the line [−3, −1) ∪ (1, 3]. A network whose activation has
 * no period (ReLU, tanh, GELU) continues linearly or flattens out there; Snake and sine can
 * carry the period on.
 */
import type { Rng } from '../rng';
import type { Points } from './types';

/** Where the signal is observed, and the whole line it is tested on. */
export const PERIODIC_WINDOW: readonly [number, number] = [-1, 1];
export const PERIODIC_LINE: readonly [number, number] = [-3, 3];

/** Period 1 with a second harmonic, so a single sinusoid of the right frequency is not enough. */
export function periodicTarget(x: number): number {
  return 0.7 * Math.sin(2 * Math.PI * x) + 0.3 * Math.cos(4 * Math.PI * x);
}

function points(n: number, noise: number, rng: Rng, draw: () => number): Points {
  const x = new Float32Array(n);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = draw();
    y[i] = periodicTarget(x[i]) + (noise > 0 ? rng.normal(0, noise) : 0);
  }
  return { x, y, n, dim: 1, classes: 0 };
}

/** Training points uniform in the window; test points uniform on the line outside it. */
export function periodicSplit(nTrain: number, nTest: number, noise: number, rng: Rng): { train: Points; test: Points } {
  const [wLo, wHi] = PERIODIC_WINDOW;
  const [lo, hi] = PERIODIC_LINE;
  const left = wLo - lo;
  const outside = left + (hi - wHi);
  return {
    train: points(nTrain, noise, rng, () => rng.uniform(wLo, wHi)),
    test: points(nTest, 0, rng, () => {
      const u = rng.uniform(0, outside);
      return u < left ? lo + u : wHi + (u - left);
    }),
  };
}

/** The catalogue's single-array form: the train points, then the test points. */
export function periodic(n: number, noise: number, rng: Rng): Points {
  const nTest = Math.round(n / 2);
  const { train, test } = periodicSplit(n - nTest, nTest, noise, rng);
  const x = new Float32Array(n);
  const y = new Float32Array(n);
  x.set(train.x);
  x.set(test.x, train.n);
  y.set(train.y);
  y.set(test.y, train.n);
  return { x, y, n, dim: 1, classes: 0 };
}
