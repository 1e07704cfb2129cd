/**
 * Float64 references the browser tests compare plotted curves against (independent of the app's
 * compiler), and the comparison itself: 1e-12 relative + 1e-12 absolute per point.
 */
import { expect } from 'vitest';

/** The logistic function, stable for large |z|. */
export const sigmoid = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

export function expectClose(actual: number[], expected: number[], label: string): void {
  expect(actual.length, label).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const tol = 1e-12 + 1e-12 * Math.abs(expected[i]);
    if (!(Math.abs(actual[i] - expected[i]) <= tol)) throw new Error(`${label}[${i}]: got ${actual[i]}, expected ${expected[i]}`);
  }
}
