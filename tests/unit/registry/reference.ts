/**
 * Independent float64 references for the registry tests: written from textbook series and
 * continued fractions, sharing no code with src/core/math.
 */

/** erf(x) = (2/√π)·e^(−x²)·Σ_n 2^n x^(2n+1)/(1·3·…·(2n+1)): all terms positive, no cancellation. */
function erfSeries(x: number): number {
  let term = x;
  let total = x;
  for (let n = 1; n < 500; n++) {
    term *= (2 * x * x) / (2 * n + 1);
    total += term;
    if (term < 1e-17 * total) break;
  }
  return (2 / Math.sqrt(Math.PI)) * Math.exp(-x * x) * total;
}

/** erfc(x) for x ≥ 3 by the Laplace continued fraction, evaluated bottom-up. */
function erfcContinuedFraction(x: number): number {
  let tail = x;
  for (let k = 200; k >= 1; k--) tail = x + k / 2 / tail;
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / tail;
}

export function erfRef(x: number): number {
  if (x < 0) return -erfRef(-x);
  return x < 3 ? erfSeries(x) : 1 - erfcContinuedFraction(x);
}

export function erfcRef(x: number): number {
  if (x < 3) return 1 - erfRef(x);
  return erfcContinuedFraction(x);
}

export function PhiRef(x: number): number {
  const z = x / Math.SQRT2;
  return z >= 0 ? 1 - erfcRef(z) / 2 : erfcRef(-z) / 2;
}

export function phiRef(x: number): number {
  return Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI);
}

export function sigmoidRef(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

export function softplusRef(x: number): number {
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

/** 1 if the condition holds, else 0 (the spec's indicator 1[·]). */
export const ind = (c: boolean): number => (c ? 1 : 0);

/** Central difference of g at x with step h. */
export function centralDiff(g: (x: number) => number, x: number, h = 1e-5 * Math.max(1, Math.abs(x))): number {
  return (g(x + h) - g(x - h)) / (2 * h);
}

/** |a − b| ≤ abs + rel·|b|, treating equal infinities as equal. */
export function close(a: number, b: number, rel: number, abs: number): boolean {
  if (a === b) return true;
  return Math.abs(a - b) <= abs + rel * Math.abs(b);
}
