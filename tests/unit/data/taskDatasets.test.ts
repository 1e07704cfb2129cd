/**
 * The task sets: the digits file against the Debian scikit-learn CSV it was made from (SHA-256
 * of the rebuilt CSV text, and value by value when that file is installed), the periodic set's
 * window split, the image's pixel grid.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { makeDataset } from '../../../src/core/data/datasets';
import { digitsTable, DIGITS_COUNT } from '../../../src/core/data/datasets/digits/digits';
import { DIGITS_CSV_SHA256 } from '../../../src/core/data/datasets/digits/digitsData';
import { imageTarget, multifreqTarget } from '../../../src/core/data/datasets/highFrequency';
import { periodicTarget } from '../../../src/core/data/datasets/periodic';

const DEBIAN_CSV = '/usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz';
/** sha256sum of `zcat digits.csv.gz` from Debian's python3-sklearn (scikit-learn 1.2.1). */
const EXPECTED_SHA256 = '6ebb3d2fee246a4e99363262ddf8a00a3c41bee6014c373ed9d9216ba7f651b8';

function rebuiltCsv(): string {
  const t = digitsTable();
  const lines: string[] = [];
  for (let i = 0; i < DIGITS_COUNT; i++) lines.push([...t.pixels.subarray(i * 64, (i + 1) * 64), t.labels[i]].join(','));
  return lines.join('\n') + '\n';
}

describe('digits data file', () => {
  it('has 1,797 images of 64 pixels in 0..16, labels 0..9 with every class present', () => {
    const t = digitsTable();
    expect(t.pixels.length).toBe(1797 * 64);
    expect(t.labels.length).toBe(1797);
    expect(Math.max(...t.pixels)).toBe(16);
    const counts = new Array(10).fill(0);
    for (const l of t.labels) counts[l]++;
    // scikit-learn's documented class sizes (load_digits: 178, 182, 177, 183, 181, 182, 181, 179, 174, 180).
    expect(counts).toEqual([178, 182, 177, 183, 181, 182, 181, 179, 174, 180]);
  });

  it('rebuilds the exact CSV text: SHA-256 matches the Debian file', () => {
    const sha = createHash('sha256').update(rebuiltCsv()).digest('hex');
    expect(sha).toBe(EXPECTED_SHA256);
    expect(DIGITS_CSV_SHA256).toBe(EXPECTED_SHA256);
  });

  it.skipIf(!existsSync(DEBIAN_CSV))('equals the installed Debian CSV byte for byte', () => {
    expect(rebuiltCsv()).toBe(gunzipSync(readFileSync(DEBIAN_CSV)).toString('ascii'));
  });

  it('makes a seeded subset with inputs p/8 − 1 in [−1, 1] and 10-way targets', () => {
    const d = makeDataset({ name: 'digits', n: 1797, testFraction: 0.3, seed: 1 });
    expect(d.dim).toBe(64);
    expect(d.outputDim).toBe(10);
    expect(d.train.n + d.test.n).toBe(1797);
    expect(d.test.n).toBe(539);
    const t = digitsTable();
    const allowed = new Set(Array.from({ length: 17 }, (_, v) => Math.fround(v / 8 - 1)));
    expect([...d.train.x, ...d.test.x].filter((v) => !allowed.has(v))).toEqual([]);
    // Every image appears exactly once across the two splits: compare sorted pixel sums.
    const sums = (x: Float32Array, n: number) => Array.from({ length: n }, (_, i) => x.subarray(i * 64, (i + 1) * 64).reduce((a, b) => a + (b + 1) * 8, 0));
    const got = [...sums(d.train.x, d.train.n), ...sums(d.test.x, d.test.n)].map(Math.round).sort((a, b) => a - b);
    const want = Array.from({ length: 1797 }, (_, i) => t.pixels.subarray(i * 64, (i + 1) * 64).reduce((a, b) => a + b, 0)).sort((a, b) => a - b);
    expect(got).toEqual(want);
    expect(() => makeDataset({ name: 'digits', n: 2000, seed: 1 })).toThrow(/at most 1797/);
  });
});

describe('periodic, multifreq and image32', () => {
  it('periodic: training points inside [−1, 1], test points outside it on [−3, 3]', () => {
    const d = makeDataset({ name: 'periodic', n: 200, testFraction: 0.5, seed: 3 });
    expect(d.train.n).toBe(100);
    expect(d.test.n).toBe(100);
    for (const x of d.train.x) expect(Math.abs(x)).toBeLessThanOrEqual(1);
    for (const x of d.test.x) expect(Math.abs(x) > 1 && Math.abs(x) <= 3).toBe(true);
    // Both sides of the window are tested.
    expect(d.test.x.some((x) => x < -1) && d.test.x.some((x) => x > 1)).toBe(true);
    d.test.x.forEach((x, i) => expect(d.test.y[i]).toBeCloseTo(0.7 * Math.sin(2 * Math.PI * x) + 0.3 * Math.cos(4 * Math.PI * x), 6));
    // Period 1.
    for (const x of [-2.7, 0.1, 1.9]) expect(periodicTarget(x + 1)).toBeCloseTo(periodicTarget(x), 12);
  });

  it('multifreq: the stated mixture', () => {
    expect(multifreqTarget(0.125)).toBeCloseTo(0.5 * Math.sin(Math.PI / 4) + 0.3 * Math.sin(Math.PI) + 0.2 * Math.sin(3 * Math.PI), 12);
  });

  it('image32: n distinct pixel centres with their pattern values', () => {
    const d = makeDataset({ name: 'image32', n: 1024, testFraction: 0.25, seed: 2 });
    expect(d.dim).toBe(2);
    expect(d.train.n + d.test.n).toBe(1024);
    const seen = new Set<string>();
    for (const s of [d.train, d.test]) {
      for (let i = 0; i < s.n; i++) {
        const [u, v] = [s.x[2 * i], s.x[2 * i + 1]];
        // Pixel centres: (2k + 1)/32 − 1.
        const k = ((u + 1) * 32 - 1) / 2;
        expect(Math.abs(k - Math.round(k))).toBeLessThan(1e-4);
        seen.add(`${u},${v}`);
        expect(s.y[i]).toBeCloseTo(imageTarget(u, v), 5);
      }
    }
    expect(seen.size).toBe(1024);
    expect(() => makeDataset({ name: 'image32', n: 1025, seed: 1 })).toThrow(/at most 1024/);
  });
});
