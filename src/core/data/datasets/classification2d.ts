/**
 * Two-dimensional classification sets (after TensorFlow Playground's dataset.ts, rescaled to
 * [−1, 1]). Every generator assigns labels in turn (point i gets class i mod classes) and then
 * places the point inside that class's region, so classes are balanced to within one point by
 * construction; the jitter (`noise`) is added after the label is fixed.
 */
import type { Rng } from '../rng';
import type { Points } from './types';

function emptyPoints(n: number, dim: number, classes: number): Points {
  return { x: new Float32Array(n * dim), y: new Float32Array(n), n, dim, classes };
}

function put(p: Points, i: number, x0: number, x1: number, label: number, noise: number, rng: Rng): void {
  p.x[2 * i] = noise > 0 ? x0 + rng.normal(0, noise) : x0;
  p.x[2 * i + 1] = noise > 0 ? x1 + rng.normal(0, noise) : x1;
  p.y[i] = label;
}

/** Class 1: a disc of radius 0.5; class 0: a ring 0.7 ≤ r ≤ 1. */
export function circle(n: number, noise: number, rng: Rng): Points {
  const p = emptyPoints(n, 2, 2);
  for (let i = 0; i < n; i++) {
    const label = i % 2 === 0 ? 1 : 0;
    const r = label === 1 ? rng.uniform(0, 0.5) : rng.uniform(0.7, 1);
    const t = rng.uniform(0, 2 * Math.PI);
    put(p, i, r * Math.sin(t), r * Math.cos(t), label, noise, rng);
  }
  return p;
}

/** Class 1 in the quadrants where x·y > 0; a 0.05 margin keeps points off the axes. */
export function xor(n: number, noise: number, rng: Rng): Points {
  const p = emptyPoints(n, 2, 2);
  const margin = 0.05;
  for (let i = 0; i < n; i++) {
    const label = i % 2 === 0 ? 1 : 0;
    const sx = rng.next() < 0.5 ? -1 : 1;
    const sy = label === 1 ? sx : -sx;
    put(p, i, sx * rng.uniform(margin, 1), sy * rng.uniform(margin, 1), label, noise, rng);
  }
  return p;
}

/** Two isotropic Gaussians (std 0.25) centred at (0.4, 0.4) (class 1) and (−0.4, −0.4). */
export function twoGaussians(n: number, noise: number, rng: Rng): Points {
  const p = emptyPoints(n, 2, 2);
  for (let i = 0; i < n; i++) {
    const label = i % 2 === 0 ? 1 : 0;
    const c = label === 1 ? 0.4 : -0.4;
    put(p, i, c + rng.normal(0, 0.25), c + rng.normal(0, 0.25), label, noise, rng);
  }
  return p;
}

/**
 * Interleaved arms: arm k of `classes` arms turns `turns` times from the centre to radius 1,
 * rotated by 2πk/classes. Points are spread evenly along each arm's length parameter.
 */
function spiralArms(n: number, noise: number, rng: Rng, classes: number, turns: number): Points {
  const p = emptyPoints(n, 2, classes);
  const perArm = Math.ceil(n / classes);
  for (let i = 0; i < n; i++) {
    const label = i % classes;
    const s = Math.floor(i / classes) / perArm; // position along the arm, in [0, 1)
    const t = turns * 2 * Math.PI * s + (2 * Math.PI * label) / classes;
    put(p, i, s * Math.sin(t), s * Math.cos(t), label, noise, rng);
  }
  return p;
}

/** Two arms of 1.75 turns (TensorFlow Playground's spiral). */
export function spiral(n: number, noise: number, rng: Rng): Points {
  return spiralArms(n, noise, rng, 2, 1.75);
}

/** Three arms of one turn each, classes 0, 1, 2. */
export function spiral3(n: number, noise: number, rng: Rng): Points {
  return spiralArms(n, noise, rng, 3, 1);
}

/**
 * Two interleaving half circles (scikit-learn's make_moons), mapped from their natural box
 * [−1, 2] × [−0.5, 1] onto [−1, 1] × [−0.5, 0.5] by an affine map.
 */
export function moons(n: number, noise: number, rng: Rng): Points {
  const p = emptyPoints(n, 2, 2);
  for (let i = 0; i < n; i++) {
    const label = i % 2;
    const t = rng.uniform(0, Math.PI);
    const mx = label === 0 ? Math.cos(t) : 1 - Math.cos(t);
    const my = label === 0 ? Math.sin(t) : 0.5 - Math.sin(t);
    put(p, i, (mx - 0.5) / 1.5, (my - 0.25) / 1.5, label, noise, rng);
  }
  return p;
}

/** A 4 × 4 board on [−1, 1]²: class = (column + row) mod 2. */
export function checkerboard(n: number, noise: number, rng: Rng): Points {
  const p = emptyPoints(n, 2, 2);
  const cells = 4;
  const size = 2 / cells;
  for (let i = 0; i < n; i++) {
    const label = i % 2;
    const col = rng.int(cells);
    // Pick the row parity that gives this label, then a row of that parity.
    const row = 2 * rng.int(cells / 2) + ((label + col) % 2);
    put(p, i, -1 + (col + rng.next()) * size, -1 + (row + rng.next()) * size, label, noise, rng);
  }
  return p;
}
