/**
 * Where each task's view looks at the network: the points it asks the trained net about and the
 * noise-free target there, so the worker predicts once and the page, the CLI and tests read
 * the same numbers. Digits: the test images; the 32 × 32 image: every pixel centre, row-major,
 * top row = largest v; 1-D sets: evenly spaced points over the whole line.
 */
import { datasetInfo } from '../data/datasets';
import { IMAGE_SIDE, imageTarget, multifreqTarget, pixelCentre } from '../data/datasets/highFrequency';
import { periodicTarget } from '../data/datasets/periodic';

export type TaskKind = 'digits' | 'line' | 'image';

export interface TaskProbe {
  kind: TaskKind;
  /** n × dim inputs, row-major. */
  x: Float32Array;
  /** Noise-free targets (regression) or true labels (digits), one per point. */
  target: Float32Array;
  /** 'line': the interval the points span; 'image': side of the square image. */
  lo: number;
  hi: number;
  side: number;
}

/** Points on the line for 1-D views: enough for 12 cycles per unit over a 6-unit line. */
const LINE_PROBE_POINTS = 512;

const LINE_TARGETS = new Map<string, (x: number) => number>([
  ['periodic', periodicTarget],
  ['multifreq', multifreqTarget],
]);

/** The task view of a dataset, or null for the 2-D toy sets, which keep the decision map. */
export function taskKind(name: string): TaskKind | null {
  if (name === 'digits') return 'digits';
  if (name === 'image32') return 'image';
  return LINE_TARGETS.has(name) ? 'line' : null;
}

/** What a probe needs of a dataset (a core Dataset or the worker's DatasetPoints). */
export interface ProbeSource {
  name: string;
  test: { x: Float32Array; y: Float32Array };
}

export function taskProbe(ds: ProbeSource): TaskProbe | null {
  const kind = taskKind(ds.name);
  if (kind === 'digits') return { kind, x: ds.test.x, target: ds.test.y, lo: 0, hi: 0, side: 8 };
  if (kind === 'image') {
    const n = IMAGE_SIDE * IMAGE_SIDE;
    const x = new Float32Array(2 * n);
    const target = new Float32Array(n);
    for (let r = 0; r < IMAGE_SIDE; r++) {
      for (let c = 0; c < IMAGE_SIDE; c++) {
        const u = pixelCentre(c);
        const v = pixelCentre(IMAGE_SIDE - 1 - r);
        x[2 * (r * IMAGE_SIDE + c)] = u;
        x[2 * (r * IMAGE_SIDE + c) + 1] = v;
        target[r * IMAGE_SIDE + c] = imageTarget(u, v);
      }
    }
    return { kind, x, target, lo: -1, hi: 1, side: IMAGE_SIDE };
  }
  if (kind === 'line') {
    const f = LINE_TARGETS.get(ds.name) as (x: number) => number;
    const line = datasetInfo(ds.name).line ?? { lo: -1, hi: 1 };
    const n = LINE_PROBE_POINTS;
    const x = new Float32Array(n);
    const target = new Float32Array(n);
    // Sample spacing span/n over a half-open interval: the DFT then sees whole periods.
    for (let i = 0; i < n; i++) {
      x[i] = line.lo + ((line.hi - line.lo) * i) / n;
      target[i] = f(x[i]);
    }
    return { kind, x, target, lo: line.lo, hi: line.hi, side: 0 };
  }
  return null;
}
