/**
 * The name a person reads for a compared activation: the registry's display name (ReLU, not relu)
 * with the same non-default settings suffix as core's `activationLabel`. Files a machine reads
 * (CSV, JSON) keep the id-based label.
 */
import { activationLabel } from '../../core/compare/summary';
import { entryFor } from '../../core/custom/compileCustom';
import { activationSpecOf } from '../state/trainState';
import type { ComparedActivation } from '../state/compareState';

export function displayLabel(a: ComparedActivation): string {
  const spec = activationSpecOf(a.sel, a.learn);
  const idLabel = activationLabel(spec);
  const name = entryFor(a.sel.id)?.name;
  // activationLabel starts with the id; only that part is swapped for the name.
  return name && idLabel.startsWith(spec.id) ? name + idLabel.slice(spec.id.length) : idLabel;
}
