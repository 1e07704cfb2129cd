/** Small maps of every hidden unit's output over the input grid, one row per layer. */
import { useEffect, useRef } from 'react';
import { useTheme } from '../theme/theme';
import { paintUnit } from '../experiment/canvasPaint';

export interface UnitLayer {
  layer: number;
  width: number;
  units: Float32Array[];
}

function UnitCanvas({ values, gridSize, dim, label }: { values: Float32Array; gridSize: number; dim: number; label: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const theme = useTheme();
  useEffect(() => {
    if (ref.current) paintUnit(ref.current, values, gridSize, dim, theme);
  }, [values, gridSize, dim, theme]);
  return <canvas ref={ref} className="unit-canvas" width={dim === 2 ? 48 : 64} height={dim === 2 ? 48 : 32} role="img" aria-label={label} title={label} />;
}

export function UnitMaps({ layers, gridSize, dim }: { layers: UnitLayer[]; gridSize: number; dim: number }) {
  if (layers.length === 0) return <p className="empty">No hidden units yet.</p>;
  return (
    <div className="unit-layers">
      {layers.map((l) => (
        <div key={l.layer} className="unit-layer">
          <div className="unit-layer-title">Layer {l.layer + 1} ({l.width} units)</div>
          <div className="unit-row">
            {l.units.map((u, j) => {
              let m = 0;
              for (const v of u) if (Number.isFinite(v)) m = Math.max(m, Math.abs(v));
              return <UnitCanvas key={j} values={u} gridSize={gridSize} dim={dim} label={`Layer ${l.layer + 1}, unit ${j + 1}: max |output| ${m.toPrecision(3)}`} />;
            })}
          </div>
        </div>
      ))}
    </div>
  );
}
