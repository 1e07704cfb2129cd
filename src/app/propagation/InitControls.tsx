/** The initialisation the propagation panel shows: σ_w and σ_b as sliders with exact boxes, and the depth. */
import { useId } from 'react';
import { NumberField } from '../experiment/ExperimentControls';
import type { PropagationSettings, PROPAGATION_LIMITS } from '../state/explorerState';

interface Props {
  settings: PropagationSettings;
  limits: typeof PROPAGATION_LIMITS;
  onChange(next: PropagationSettings): void;
}

function Slider({ label, value, min, max, onChange }: { label: string; value: number; min: number; max: number; onChange(v: number): void }) {
  const id = useId();
  return (
    <input
      id={id}
      type="range"
      aria-label={`${label} slider`}
      min={min}
      max={max}
      // 1/100 of the range per arrow press, as on the parameter sliders.
      step={(max - min) / 100}
      value={value}
      onChange={(e) => onChange(Number(Number(e.currentTarget.value).toPrecision(4)))}
    />
  );
}

export function InitControls({ settings, limits, onChange }: Props) {
  const set = (patch: Partial<PropagationSettings>) => onChange({ ...settings, ...patch });
  return (
    <div className="propagation-init">
      <div className="propagation-field">
        <NumberField label="σ_w" value={settings.sigmaW} range={[limits.sigmaW.min, limits.sigmaW.max]} testId="prop-sigma-w" onCommit={(sigmaW) => set({ sigmaW })} />
        <Slider label="σ_w" value={settings.sigmaW} min={limits.sigmaW.min} max={4} onChange={(sigmaW) => set({ sigmaW })} />
      </div>
      <div className="propagation-field">
        <NumberField label="σ_b" value={settings.sigmaB} range={[limits.sigmaB.min, limits.sigmaB.max]} testId="prop-sigma-b" onCommit={(sigmaB) => set({ sigmaB })} />
        <Slider label="σ_b" value={settings.sigmaB} min={limits.sigmaB.min} max={1} onChange={(sigmaB) => set({ sigmaB })} />
      </div>
      <div className="propagation-field">
        <NumberField label="Depth (layers)" value={settings.depth} range={[limits.depth.min, limits.depth.max]} integer testId="prop-depth" onCommit={(depth) => set({ depth })} />
      </div>
    </div>
  );
}
