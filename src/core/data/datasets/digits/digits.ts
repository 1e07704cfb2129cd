/**
 * The UCI 8 × 8 handwritten digits (see ./digitsData.ts for source and licence), decoded once.
 * Pixels 0..16 are mapped to [−1, 1] (p/8 − 1) like the other sets' inputs; `noise` adds
 * Gaussian jitter in those units. A dataset of n ≤ 1,797 points is a seeded random subset, so
 * small n trains fast and n = 1,797 is the whole set.
 */
import type { Rng } from '../../rng';
import type { Points } from '../types';
import { DIGITS_ROWS } from './digitsData';

export const DIGITS_COUNT = 1797;
const DIGIT_PIXELS = 64;

export interface DigitsTable {
  /** 1797 × 64 raw pixel values 0..16, row-major. */
  pixels: Uint8Array;
  labels: Uint8Array;
}

let table: DigitsTable | null = null;

/** The raw table, decoded from the embedded text on first use. */
export function digitsTable(): DigitsTable {
  if (table) return table;
  const lines = DIGITS_ROWS.split('\n').filter((l) => l.length > 0);
  if (lines.length !== DIGITS_COUNT) throw new Error(`Digits data: expected ${DIGITS_COUNT} rows, found ${lines.length}`);
  const pixels = new Uint8Array(DIGITS_COUNT * DIGIT_PIXELS);
  const labels = new Uint8Array(DIGITS_COUNT);
  lines.forEach((line, i) => {
    if (line.length !== DIGIT_PIXELS + 1) throw new Error(`Digits data row ${i}: expected 65 characters, found ${line.length}`);
    for (let k = 0; k < DIGIT_PIXELS; k++) pixels[i * DIGIT_PIXELS + k] = line.charCodeAt(k) - 97;
    labels[i] = line.charCodeAt(DIGIT_PIXELS) - 48;
  });
  table = { pixels, labels };
  return table;
}

export function digits(n: number, noise: number, rng: Rng): Points {
  if (n > DIGITS_COUNT) throw new Error(`The digits set has ${DIGITS_COUNT} images; n = ${n} is too many`);
  const t = digitsTable();
  const pick = rng.fork('subset').permutation(DIGITS_COUNT);
  const x = new Float32Array(n * DIGIT_PIXELS);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const src = pick[i];
    for (let k = 0; k < DIGIT_PIXELS; k++) {
      const v = t.pixels[src * DIGIT_PIXELS + k] / 8 - 1;
      x[i * DIGIT_PIXELS + k] = noise > 0 ? v + rng.normal(0, noise) : v;
    }
    y[i] = t.labels[src];
  }
  return { x, y, n, dim: DIGIT_PIXELS, classes: 10 };
}
