/**
 * Each task's own numbers, from the network's predictions at the task's probe points
 * (./taskProbe.ts): digits — accuracy and the confusion matrix; the 1-D sets — MSE inside and
 * outside the training window; the image — MSE and PSNR; the high-frequency sets — the error's
 * spectrum and its amplitude at the target's own frequencies.
 */
import { datasetInfo } from '../data/datasets';
import { MULTIFREQ_COMPONENTS } from '../data/datasets/highFrequency';
import { radialSpectrum, spectrum1d, type Spectrum } from './spectrum';
import type { TaskProbe } from './taskProbe';

interface TaskMetric {
  name: string;
  value: number;
}

export interface TaskReport {
  metrics: TaskMetric[];
  /** digits: counts[true][predicted], 10 × 10 row-major. */
  confusion?: Int32Array;
  /** digits: the predicted class of each probe point. */
  predicted?: Int32Array;
  /** regression: prediction − target at each probe point. */
  error?: Float32Array;
  /** regression: the error's spectrum (1-D) or radial spectrum (image). */
  errorSpectrum?: Spectrum;
}

function argmaxRows(values: Float32Array, cols: number): Int32Array {
  const n = values.length / cols;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let k = 1; k < cols; k++) if (values[i * cols + k] > values[i * cols + best]) best = k;
    out[i] = best;
  }
  return out;
}

function mse(err: Float32Array, keep: (i: number) => boolean): number {
  let s = 0;
  let n = 0;
  for (let i = 0; i < err.length; i++) {
    if (!keep(i)) continue;
    s += err[i] * err[i];
    n++;
  }
  return n > 0 ? s / n : NaN;
}

/** Amplitude of the spectrum at the bin nearest `f`. */
export function amplitudeAt(s: Spectrum, f: number): number {
  let best = 0;
  for (let k = 1; k < s.freq.length; k++) if (Math.abs(s.freq[k] - f) < Math.abs(s.freq[best] - f)) best = k;
  return s.amplitude[best];
}

/**
 * `predictions`: the network's outputs at probe.x (n × outputDim: class probabilities for
 * digits, one value for regression).
 */
export function taskReport(datasetName: string, probe: TaskProbe, predictions: Float32Array): TaskReport {
  if (probe.kind === 'digits') {
    const predicted = argmaxRows(predictions, 10);
    const confusion = new Int32Array(100);
    let right = 0;
    predicted.forEach((p, i) => {
      const t = probe.target[i];
      confusion[t * 10 + p]++;
      if (p === t) right++;
    });
    return { metrics: [{ name: 'test accuracy', value: right / predicted.length }], confusion, predicted };
  }
  const error = new Float32Array(probe.target.length);
  for (let i = 0; i < error.length; i++) error[i] = predictions[i] - probe.target[i];
  if (probe.kind === 'image') {
    const m = mse(error, () => true);
    const errorSpectrum = radialSpectrum(error, probe.side, probe.hi - probe.lo);
    // Target values lie in [−1, 1]: peak-to-peak 2, so PSNR = 10·log10(2² / MSE).
    return { metrics: [{ name: 'image MSE', value: m }, { name: 'PSNR (dB)', value: 10 * Math.log10(4 / m) }], error, errorSpectrum };
  }
  const line = datasetInfo(datasetName).line;
  const errorSpectrum = spectrum1d(error, probe.hi - probe.lo);
  const metrics: TaskMetric[] = [];
  if (line?.windowLo !== undefined && line.windowHi !== undefined) {
    const inside = (i: number): boolean => probe.x[i] >= (line.windowLo as number) && probe.x[i] <= (line.windowHi as number);
    metrics.push({ name: 'MSE inside the training window', value: mse(error, inside) });
    metrics.push({ name: 'MSE outside it (extrapolation)', value: mse(error, (i) => !inside(i)) });
  } else {
    metrics.push({ name: 'MSE over the line', value: mse(error, () => true) });
  }
  if (datasetName === 'multifreq') {
    for (const c of MULTIFREQ_COMPONENTS) metrics.push({ name: `error amplitude at ${c.freq} cycles/unit (target ${c.amp})`, value: amplitudeAt(errorSpectrum, c.freq) });
  }
  return { metrics, error, errorSpectrum };
}
