import type { ActivationView } from './activationModel';
import type { PropertyRow } from './ActivationCard';

/** Computed properties per shown activation (filled in once the registry's properties module is wired). */
export function useProperties(_views: ActivationView[]): Map<ActivationView, PropertyRow[]> {
  return new Map();
}
