/** The explorer state's view of the registry: ids, aliases, options and option-dependent params. */
import { getEntry } from '../../core/registry/index';
import type { ActivationEntry, ParamSpec } from '../../core/registry/types';
import { defaultOptions, type StateCatalog } from './activationToken';

export function paramsForOptions(entry: ActivationEntry, options: Record<string, string>): ParamSpec[] {
  const specs = entry.options ?? [];
  const isDefault = specs.every((o) => (options[o.name] ?? o.default) === o.default);
  if (isDefault || !entry.resolve) return entry.params;
  try {
    return entry.resolve({ ...defaultOptions(specs), ...options }).params ?? entry.params;
  } catch {
    return entry.params;
  }
}

export const registryCatalog: StateCatalog = {
  lookup(idOrAlias) {
    const entry = getEntry(idOrAlias);
    if (!entry) return undefined;
    return { id: entry.id, options: entry.options ?? [], paramsFor: (o) => paramsForOptions(entry, o) };
  },
};
