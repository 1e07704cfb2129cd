/** Saved formulas as activation-picker search items, grouped under the family "my formulas". */
import { useMemo } from 'react';
import type { SearchItem } from '../search/activationSearch';
import { myFormulaId, useMyFormulas } from './myFormulas';

export const MY_FORMULAS_FAMILY = 'my formulas';

/** Picker items: saved formulas first, then `items` (the registry). */
export function useItemsWithMyFormulas(items: SearchItem[]): SearchItem[] {
  const { formulas } = useMyFormulas();
  return useMemo(
    () => [
      ...formulas.map((f) => ({
        id: myFormulaId(f),
        name: f.name,
        aliases: [f.formula],
        family: MY_FORMULAS_FAMILY,
        tier: 'A' as const,
        tags: ['custom', 'my formulas', ...(f.params.some((p) => p.learnable) ? ['learnable'] : [])],
      })),
      ...items,
    ],
    [formulas, items],
  );
}
