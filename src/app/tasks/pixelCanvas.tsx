/**
 * A small image drawn pixel by pixel and scaled up without smoothing: digits (grey, 0..16),
 * weights and errors (blue–white–red around 0, symmetric scale).
 */
import { useEffect, useRef } from 'react';

export type PixelScale = { kind: 'grey'; max: number } | { kind: 'diverging'; limit: number };

function colour(v: number, scale: PixelScale): [number, number, number] {
  if (scale.kind === 'grey') {
    const g = Math.round(255 * (1 - Math.min(1, Math.max(0, v / scale.max))));
    return [g, g, g];
  }
  const t = Math.max(-1, Math.min(1, v / (scale.limit || 1)));
  // White at 0; red for positive, blue for negative.
  return t >= 0 ? [255, Math.round(255 * (1 - t)), Math.round(255 * (1 - t))] : [Math.round(255 * (1 + t)), Math.round(255 * (1 + t)), 255];
}

export function PixelCanvas({ values, side, size, scale, label }: { values: ArrayLike<number>; side: number; size: number; scale: PixelScale; label: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const img = ctx.createImageData(side, side);
    for (let i = 0; i < side * side; i++) {
      const [r, g, b] = colour(values[i], scale);
      img.data.set([r, g, b, 255], 4 * i);
    }
    ctx.putImageData(img, 0, 0);
  }, [values, side, scale]);
  return <canvas ref={ref} width={side} height={side} className="pixel-canvas" style={{ width: size, height: size }} role="img" aria-label={label} />;
}

/** Largest |v|, for a symmetric diverging scale. */
export function absMax(values: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) m = Math.max(m, Math.abs(values[i]));
  return m;
}
