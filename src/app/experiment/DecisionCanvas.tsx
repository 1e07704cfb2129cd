/** The decision boundary (2-D sets) or the fitted curve (1-D sets), redrawn on every new grid. */
import { useEffect, useRef } from 'react';
import type { DatasetPoints } from '../../worker/protocol';
import { curveColor } from '../plot/palette';
import { useTheme } from '../theme/theme';
import { paintClassification, paintRegression, type GridImage } from './canvasPaint';

export interface DecisionCanvasProps {
  dataset: DatasetPoints;
  image: GridImage | null;
  /** CSS pixels (square for 2-D, 2:1 for 1-D). */
  size: number;
  label: string;
}

export function DecisionCanvas({ dataset, image, size, label }: DecisionCanvasProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const theme = useTheme();
  const height = dataset.dim === 1 ? Math.round(size * 0.6) : size;

  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    if (dataset.dim === 1) paintRegression(canvas, dataset, image, theme, curveColor(0, theme));
    else paintClassification(canvas, dataset, image, theme);
  }, [dataset, image, theme]);

  const dpr = typeof window === 'undefined' ? 1 : Math.min(2, window.devicePixelRatio || 1);
  return (
    <canvas
      ref={ref}
      className="decision-canvas"
      width={Math.round(size * dpr)}
      height={Math.round(height * dpr)}
      style={{ width: size, height }}
      role="img"
      aria-label={label}
    />
  );
}
