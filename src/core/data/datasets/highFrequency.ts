/**
 * High-frequency regression (spectral bias, Rahaman et al. 2019; SIREN, Sitzmann et al. 2020):
 * targets mixing a low and much higher frequencies. ReLU networks learn the low frequency first
 * and the high ones slowly; sine networks with SIREN's init fit all of them in a few hundred
 * steps. The frequencies are listed so the error spectrum can be read against them.
 */
import type { Rng } from '../rng';
import type { Points } from './types';

/** Frequencies (cycles per unit length) and amplitudes of the 1-D target on [−1, 1]. */
export const MULTIFREQ_COMPONENTS: readonly { freq: number; amp: number }[] = [
  { freq: 1, amp: 0.5 },
  { freq: 4, amp: 0.3 },
  { freq: 12, amp: 0.2 },
];

export function multifreqTarget(x: number): number {
  let s = 0;
  for (const c of MULTIFREQ_COMPONENTS) s += c.amp * Math.sin(2 * Math.PI * c.freq * x);
  return s;
}

/** x ~ U(−1, 1); Gaussian noise of std `noise` on the target. */
export function multifreq(n: number, noise: number, rng: Rng): Points {
  const x = new Float32Array(n);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = rng.uniform(-1, 1);
    y[i] = multifreqTarget(x[i]) + (noise > 0 ? rng.normal(0, noise) : 0);
  }
  return { x, y, n, dim: 1, classes: 0 };
}

/** Side of the procedural image, in pixels. */
export const IMAGE_SIDE = 32;

/** Centre of pixel i (0..31) on [−1, 1]. */
export function pixelCentre(i: number): number {
  return -1 + (2 * i + 1) / IMAGE_SIDE;
}

/**
 * The procedural image at (u, v) ∈ [−1, 1]²: a smooth blob (1 cycle per unit), diagonal stripes
 * (3) and fine vertical bars (6, close to the 8-cycle Nyquist limit of 32 pixels over length 2).
 */
export function imageTarget(u: number, v: number): number {
  return (
    0.4 * Math.sin(2 * Math.PI * u) * Math.cos(2 * Math.PI * v) +
    0.35 * Math.sin(2 * Math.PI * 3 * (u + v)) +
    0.25 * Math.cos(2 * Math.PI * 6 * u)
  );
}

/** n ≤ 1024 distinct pixels of the 32 × 32 image, in a seeded order; target = pixel value. */
export function image32(n: number, noise: number, rng: Rng): Points {
  const total = IMAGE_SIDE * IMAGE_SIDE;
  if (n > total) throw new Error(`The 32 × 32 image has ${total} pixels; n = ${n} is too many`);
  const order = rng.fork('pixels').permutation(total);
  const x = new Float32Array(2 * n);
  const y = new Float32Array(n);
  for (let k = 0; k < n; k++) {
    const p = order[k];
    const u = pixelCentre(p % IMAGE_SIDE);
    const v = pixelCentre(Math.floor(p / IMAGE_SIDE));
    x[2 * k] = u;
    x[2 * k + 1] = v;
    y[k] = imageTarget(u, v) + (noise > 0 ? rng.normal(0, noise) : 0);
  }
  return { x, y, n, dim: 2, classes: 0 };
}
