/**
 * Saved formulas as entries of the activation picker, grouped under the family "my formulas".
 * The picker shows each item's id; a `my.…` id is a long encoding, so picker items use the short
 * `my:<name>` and this hook translates back to the real id when one is added.
 */
import { useCallback, useMemo } from 'react';
import type { SearchItem } from '../search/activationSearch';
import { myFormulaId, useMyFormulas } from './myFormulas';

const MY_FORMULAS_FAMILY = 'my formulas';
const PICK_PREFIX = 'my:';

export interface PickerWiring {
  items: SearchItem[];
  selectedIds: ReadonlySet<string>;
  onAdd(id: string): void;
}

/** The picker's props with saved formulas first, then the registry `items`. */
export function useMyFormulaPicker(items: SearchItem[], selectedIds: ReadonlySet<string>, onAdd: (id: string) => void): PickerWiring {
  const { formulas } = useMyFormulas();
  const withMine = useMemo(
    () => [
      ...formulas.map((f) => ({
        id: PICK_PREFIX + f.name,
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
  const selected = useMemo(
    () => new Set([...selectedIds, ...formulas.filter((f) => selectedIds.has(myFormulaId(f))).map((f) => PICK_PREFIX + f.name)]),
    [formulas, selectedIds],
  );
  const add = useCallback(
    (id: string) => {
      const mine = id.startsWith(PICK_PREFIX) ? formulas.find((f) => PICK_PREFIX + f.name === id) : undefined;
      onAdd(mine ? myFormulaId(mine) : id);
    },
    [formulas, onAdd],
  );
  return { items: withMine, selectedIds: selected, onAdd: add };
}
