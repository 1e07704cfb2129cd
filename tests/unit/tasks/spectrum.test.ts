/**
 * Error spectra and task metrics against closed forms: a sampled sine's DFT amplitude is its
 * amplitude at its own frequency and ~0 elsewhere; a plane wave's radial spectrum puts its
 * amplitude in its ring; the digits confusion matrix and the window MSEs from hand-made
 * predictions.
 */
import { describe, expect, it } from 'vitest';
import { makeDataset } from '../../../src/core/data/datasets';
import { radialSpectrum, spectrum1d } from '../../../src/core/tasks/spectrum';
import { amplitudeAt, taskReport } from '../../../src/core/tasks/taskMetrics';
import { taskProbe } from '../../../src/core/tasks/taskProbe';

describe('spectrum1d', () => {
  it('a sum of sines on [−1, 1) shows each amplitude at its frequency (1e-9)', () => {
    const n = 256;
    const v = Array.from({ length: n }, (_, i) => {
      const x = -1 + (2 * i) / n;
      return 0.5 * Math.sin(2 * Math.PI * 1 * x) + 0.2 * Math.cos(2 * Math.PI * 12 * x) + 0.1;
    });
    const s = spectrum1d(v, 2);
    expect(s.freq[2]).toBe(1); // bin k = k / span cycles per unit
    expect(amplitudeAt(s, 1)).toBeCloseTo(0.5, 9);
    expect(amplitudeAt(s, 12)).toBeCloseTo(0.2, 9);
    expect(s.amplitude[0]).toBeCloseTo(0.1, 9);
    const rest = s.amplitude.filter((_, k) => ![0, 2, 24].includes(k));
    expect(Math.max(...rest)).toBeLessThan(1e-9);
  });
});

describe('radialSpectrum', () => {
  it('a plane wave of amplitude 0.3 at (3, 4) cycles lands in ring 5 as 0.3 (1e-9)', () => {
    const side = 32;
    const v = new Float64Array(side * side);
    for (let r = 0; r < side; r++) for (let c = 0; c < side; c++) v[r * side + c] = 0.3 * Math.sin((2 * Math.PI * (3 * c + 4 * r)) / side);
    const s = radialSpectrum(v, side, 2);
    expect(s.amplitude[5]).toBeCloseTo(0.3, 9);
    expect(s.freq[5]).toBe(2.5);
    expect(Math.max(...s.amplitude.filter((_, k) => k !== 5))).toBeLessThan(1e-9);
  });
});

describe('taskReport', () => {
  it('digits: accuracy and confusion counts from one-hot predictions', () => {
    const ds = makeDataset({ name: 'digits', n: 100, testFraction: 0.5, seed: 4 });
    const probe = taskProbe(ds)!;
    // Predict the true class except for every 5th image, predicted as (label + 1) mod 10.
    const pred = new Float32Array(probe.target.length * 10);
    probe.target.forEach((t, i) => (pred[i * 10 + (i % 5 === 0 ? (t + 1) % 10 : t)] = 1));
    const r = taskReport('digits', probe, pred);
    const wrong = Math.ceil(probe.target.length / 5);
    expect(r.metrics[0].value).toBeCloseTo(1 - wrong / probe.target.length, 12);
    expect(r.confusion!.reduce((a, b) => a + b, 0)).toBe(probe.target.length);
    let diag = 0;
    for (let k = 0; k < 10; k++) diag += r.confusion![k * 11];
    expect(diag).toBe(probe.target.length - wrong);
  });

  it('periodic: MSE inside and outside the window from a prediction off by 0.1 inside and 1 outside', () => {
    const ds = makeDataset({ name: 'periodic', n: 50, testFraction: 0.5, seed: 1 });
    const probe = taskProbe(ds)!;
    const pred = probe.target.map((t, i) => t + (Math.abs(probe.x[i]) <= 1 ? 0.1 : 1));
    const r = taskReport('periodic', probe, Float32Array.from(pred));
    expect(r.metrics[0].value).toBeCloseTo(0.01, 6);
    expect(r.metrics[1].value).toBeCloseTo(1, 6);
  });

  it('image: a constant error of 0.1 gives MSE 0.01 and PSNR 10·log10(4/0.01)', () => {
    const ds = makeDataset({ name: 'image32', n: 1024, seed: 1 });
    const probe = taskProbe(ds)!;
    const r = taskReport('image32', probe, probe.target.map((t) => t + 0.1));
    expect(r.metrics[0].value).toBeCloseTo(0.01, 6);
    expect(r.metrics[1].value).toBeCloseTo(10 * Math.log10(400), 4);
    expect(r.errorSpectrum!.amplitude[0]).toBeCloseTo(0.1, 6);
  });
});
