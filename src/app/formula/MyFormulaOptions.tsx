/**
 * `<optgroup label="my formulas">` for an activation <select> (the Trainer): every saved formula,
 * plus the current one when it came with a link and is not saved.
 */
import { useMemo } from 'react';
import { decodeCustomId, isCustomId } from '../../core/custom/encoding';
import { MY_FORMULAS_FAMILY } from './myFormulaItems';
import { myFormulaId, useMyFormulas } from './myFormulas';

export function MyFormulaOptions({ currentId }: { currentId: string }) {
  const { formulas } = useMyFormulas();
  const options = useMemo(() => {
    const list = formulas.map((f) => ({ id: myFormulaId(f), name: f.name }));
    if (isCustomId(currentId) && !list.some((o) => o.id === currentId)) {
      try {
        list.unshift({ id: currentId, name: `${decodeCustomId(currentId).name} (from the link)` });
      } catch {
        // A damaged id is reported by the page's own checks.
      }
    }
    return list;
  }, [formulas, currentId]);
  if (options.length === 0) return null;
  return (
    <optgroup label={MY_FORMULAS_FAMILY}>
      {options.map((o) => (
        <option key={o.id} value={o.id}>
          {o.name}
        </option>
      ))}
    </optgroup>
  );
}
