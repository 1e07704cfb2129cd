/**
 * Canvas painting of what a network computes on the input grid (see src/worker/grid.ts for the
 * grid's layout): class-probability heatmaps with the data points, 1-D regression curves, and
 * per-unit maps. Plain 2-D canvas, no Plotly: one grid prediction becomes one image.
 */
import type { ThemeName } from '../plot/palette';
import type { DatasetPoints } from '../../worker/protocol';

/** Okabe–Ito: class 0 blue, class 1 vermillion, class 2 bluish green (colour-blind safe). */
const CLASS_COLORS: [number, number, number][] = [
  [0x00, 0x72, 0xb2],
  [0xd5, 0x5e, 0x00],
  [0x00, 0x9e, 0x73],
];

const CANVAS_BG: Record<ThemeName, [number, number, number]> = { light: [255, 255, 255], dark: [22, 25, 29] };
const FG: Record<ThemeName, string> = { light: '#1b1f24', dark: '#e6e8eb' };

export interface GridImage {
  gridSize: number;
  extent: [number, number];
  outputDim: number;
  /** gridSize² × outputDim probabilities (2-D) or gridSize values (1-D). */
  values: Float32Array;
}

function mix(a: [number, number, number], b: [number, number, number], t: number): [number, number, number] {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}

/** Per grid cell: the class colour, faded towards the background where the network is unsure. */
function boundaryPixels(img: GridImage, theme: ThemeName): Uint8ClampedArray {
  const n = img.gridSize;
  const out = new Uint8ClampedArray(n * n * 4);
  const bg = CANVAS_BG[theme];
  for (let i = 0; i < n * n; i++) {
    let color: [number, number, number];
    let confidence: number;
    if (img.outputDim === 1) {
      const p = img.values[i];
      color = p >= 0.5 ? CLASS_COLORS[1] : CLASS_COLORS[0];
      confidence = Math.abs(p - 0.5) * 2;
    } else {
      color = [0, 0, 0];
      let best = 0;
      for (let k = 0; k < img.outputDim; k++) {
        const p = img.values[i * img.outputDim + k];
        const c = CLASS_COLORS[k % CLASS_COLORS.length];
        color = [color[0] + p * c[0], color[1] + p * c[1], color[2] + p * c[2]];
        best = Math.max(best, p);
      }
      confidence = (best - 1 / img.outputDim) / (1 - 1 / img.outputDim);
    }
    // NaN (a diverged run's prediction) paints as background.
    const t = Number.isFinite(confidence) ? 0.15 + 0.6 * Math.min(1, Math.max(0, confidence)) : 0;
    const [r, g, b] = mix(bg, color, t);
    out.set([r, g, b, 255], i * 4);
  }
  return out;
}

function paintImage(ctx: CanvasRenderingContext2D, pixels: Uint8ClampedArray, n: number, w: number, h: number): void {
  const small = document.createElement('canvas');
  small.width = n;
  small.height = n;
  const sctx = small.getContext('2d');
  if (!sctx) return;
  sctx.putImageData(new ImageData(pixels as Uint8ClampedArray<ArrayBuffer>, n, n), 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(small, 0, 0, w, h);
}

function rgb(c: [number, number, number]): string {
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}

/** Train points filled, test points hollow; class colours. */
function paintPoints2d(ctx: CanvasRenderingContext2D, ds: DatasetPoints, w: number, h: number, theme: ThemeName): void {
  const [lo, hi] = ds.extent;
  const px = (v: number) => ((v - lo) / (hi - lo)) * w;
  const py = (v: number) => ((hi - v) / (hi - lo)) * h;
  const r = Math.max(2, Math.min(4, w / 110));
  const draw = (set: { x: Float32Array; y: Float32Array }, filled: boolean) => {
    for (let i = 0; i < set.y.length; i++) {
      const c = rgb(CLASS_COLORS[set.y[i] % CLASS_COLORS.length]);
      ctx.beginPath();
      ctx.arc(px(set.x[2 * i]), py(set.x[2 * i + 1]), r, 0, 2 * Math.PI);
      if (filled) {
        ctx.fillStyle = c;
        ctx.fill();
        ctx.strokeStyle = theme === 'dark' ? '#000' : '#fff';
        ctx.lineWidth = 1;
        ctx.stroke();
      } else {
        ctx.strokeStyle = c;
        ctx.lineWidth = 1.6;
        ctx.stroke();
      }
    }
  };
  draw(ds.train, true);
  draw(ds.test, false);
}

export function paintClassification(
  canvas: HTMLCanvasElement,
  ds: DatasetPoints,
  img: GridImage | null,
  theme: ThemeName,
): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const { width: w, height: h } = canvas;
  ctx.fillStyle = rgb(CANVAS_BG[theme]);
  ctx.fillRect(0, 0, w, h);
  if (img) paintImage(ctx, boundaryPixels(img, theme), img.gridSize, w, h);
  paintPoints2d(ctx, ds, w, h, theme);
}

/** Value range of the targets and predictions, padded 10 %. */
function yRange(ds: DatasetPoints, values: Float32Array | null): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const a of [ds.train.y, ds.test.y, values ?? new Float32Array()]) {
    for (const v of a) {
      if (!Number.isFinite(v)) continue;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  if (!(hi > lo)) return [lo - 1 || -1, hi + 1 || 1];
  const pad = (hi - lo) * 0.1;
  return [lo - pad, hi + pad];
}

/** 1-D regression: the data as dots and the network's curve. */
export function paintRegression(canvas: HTMLCanvasElement, ds: DatasetPoints, img: GridImage | null, theme: ThemeName, curveColor: string): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const { width: w, height: h } = canvas;
  ctx.fillStyle = rgb(CANVAS_BG[theme]);
  ctx.fillRect(0, 0, w, h);
  const [xlo, xhi] = ds.extent;
  const [ylo, yhi] = yRange(ds, img?.values ?? null);
  const px = (v: number) => ((v - xlo) / (xhi - xlo)) * w;
  const py = (v: number) => ((yhi - v) / (yhi - ylo)) * h;
  ctx.strokeStyle = theme === 'dark' ? '#2c3137' : '#e3e6ea';
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(0, py(0));
  ctx.lineTo(w, py(0));
  ctx.moveTo(px(0), 0);
  ctx.lineTo(px(0), h);
  ctx.stroke();
  const dot = (set: { x: Float32Array; y: Float32Array }, filled: boolean) => {
    for (let i = 0; i < set.y.length; i++) {
      ctx.beginPath();
      ctx.arc(px(set.x[i]), py(set.y[i]), 2.5, 0, 2 * Math.PI);
      ctx.strokeStyle = FG[theme];
      ctx.fillStyle = theme === 'dark' ? '#a1a9b3' : '#5b636d';
      if (filled) ctx.fill();
      else ctx.stroke();
    }
  };
  dot(ds.train, true);
  dot(ds.test, false);
  if (!img) return;
  ctx.strokeStyle = curveColor;
  ctx.lineWidth = 2.5;
  ctx.beginPath();
  let pen = false;
  for (let i = 0; i < img.gridSize; i++) {
    const x = img.extent[0] + ((img.extent[1] - img.extent[0]) * i) / Math.max(1, img.gridSize - 1);
    const v = img.values[i];
    if (!Number.isFinite(v)) {
      pen = false;
      continue;
    }
    if (pen) ctx.lineTo(px(x), py(v));
    else ctx.moveTo(px(x), py(v));
    pen = true;
  }
  ctx.stroke();
}

/**
 * One hidden unit. 2-D: a heatmap, blue for positive, vermillion for negative, scaled to the
 * unit's own largest |value| (the map shows its shape, the title its scale). 1-D: its curve.
 */
export function paintUnit(canvas: HTMLCanvasElement, values: Float32Array, gridSize: number, dim: number, theme: ThemeName): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const { width: w, height: h } = canvas;
  const bg = CANVAS_BG[theme];
  ctx.fillStyle = rgb(bg);
  ctx.fillRect(0, 0, w, h);
  let m = 0;
  for (const v of values) if (Number.isFinite(v)) m = Math.max(m, Math.abs(v));
  const scale = m > 0 ? 1 / m : 0;
  if (dim === 2) {
    const px = new Uint8ClampedArray(gridSize * gridSize * 4);
    for (let i = 0; i < gridSize * gridSize; i++) {
      const v = values[i] * scale;
      const c = Number.isFinite(v) ? mix(bg, v >= 0 ? CLASS_COLORS[0] : CLASS_COLORS[1], Math.min(1, Math.abs(v))) : bg;
      px.set([c[0], c[1], c[2], 255], i * 4);
    }
    paintImage(ctx, px, gridSize, w, h);
    return;
  }
  ctx.strokeStyle = theme === 'dark' ? '#2c3137' : '#e3e6ea';
  ctx.beginPath();
  ctx.moveTo(0, h / 2);
  ctx.lineTo(w, h / 2);
  ctx.stroke();
  ctx.strokeStyle = rgb(CLASS_COLORS[0]);
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  for (let i = 0; i < gridSize; i++) {
    const x = (i / Math.max(1, gridSize - 1)) * w;
    const y = h / 2 - values[i] * scale * (h / 2 - 2);
    if (i === 0) ctx.moveTo(x, y);
    else ctx.lineTo(x, y);
  }
  ctx.stroke();
}
