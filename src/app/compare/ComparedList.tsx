/** The activations being compared: colour, name, settings (collapsible) and remove. */
import { entryFor } from '../../core/custom/compileCustom';
import { curveColor } from '../plot/palette';
import { useTheme } from '../theme/theme';
import { ActivationSettings } from '../experiment/ActivationSettings';
import type { ComparedActivation } from '../state/compareState';

export interface ComparedListProps {
  items: ComparedActivation[];
  onChange(items: ComparedActivation[]): void;
  disabled: boolean;
}

export function ComparedList({ items, onChange, disabled }: ComparedListProps) {
  const theme = useTheme();
  return (
    <ul className="compare-list" aria-label="Activations to compare">
      {items.map((item, k) => {
        const entry = entryFor(item.sel.id);
        return (
          <li key={k} className="compare-item" style={{ borderLeftColor: curveColor(k, theme) }} data-compared={item.sel.id}>
            <div className="compare-item-head">
              <strong>{entry?.name ?? item.sel.id}</strong>
              <button
                type="button"
                className="small remove"
                disabled={disabled || items.length <= 1}
                aria-label={`Remove ${entry?.name ?? item.sel.id}`}
                onClick={() => onChange(items.filter((_, i) => i !== k))}
              >
                ✕
              </button>
            </div>
            <details>
              <summary>parameters</summary>
              <ActivationSettings
                sel={item.sel}
                learn={item.learn}
                disabled={disabled}
                onChange={(sel, learn) => onChange(items.map((it, i) => (i === k ? { sel, learn } : it)))}
              />
            </details>
          </li>
        );
      })}
    </ul>
  );
}
