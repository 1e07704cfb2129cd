/**
 * One-dimensional regression sets: x ~ U(−1, 1), target in [−1, 1], Gaussian noise of std
 * `noise` on the target. Each probes a different shape: smooth oscillation, a kink, a jump.
 */
import type { Rng } from '../rng';
import type { Points } from './types';

function regression(n: number, noise: number, rng: Rng, target: (x: number) => number): Points {
  const x = new Float32Array(n);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const xi = rng.uniform(-1, 1);
    x[i] = xi;
    y[i] = target(xi) + (noise > 0 ? rng.normal(0, noise) : 0);
  }
  return { x, y, n, dim: 1, classes: 0 };
}

/** y = sin(2πx): one full period on the input range. */
export function sine(n: number, noise: number, rng: Rng): Points {
  return regression(n, noise, rng, (x) => Math.sin(2 * Math.PI * x));
}

/** y = 2|x| − 1: a single kink at 0. */
export function absolute(n: number, noise: number, rng: Rng): Points {
  return regression(n, noise, rng, (x) => 2 * Math.abs(x) - 1);
}

/** y = 1 for x > 0, else −1: a jump at 0 (H(x) convention, so y(0) = −1). */
export function step(n: number, noise: number, rng: Rng): Points {
  return regression(n, noise, rng, (x) => (x > 0 ? 1 : -1));
}
