/**
 * Colour slots that stay with their curve: a curve keeps the slot it was given while it is shown,
 * so removing one curve never recolours the others; a new curve takes the lowest free slot.
 * Keys name the curves (an activation's id, with `#2` for a second copy of the same id).
 */
import { useState } from 'react';

/** Keys for a list of ids: the id, then `id#2`, `id#3` for repeats. */
export function slotKeys(ids: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return ids.map((id) => {
    const n = (seen.get(id) ?? 0) + 1;
    seen.set(id, n);
    return n === 1 ? id : `${id}#${n}`;
  });
}

/** Slots for `keys`, keeping each key's slot from `previous` and filling new keys into the gaps. */
export function assignSlots(previous: ReadonlyMap<string, number>, keys: readonly string[]): Map<string, number> {
  const next = new Map<string, number>();
  for (const k of keys) {
    const slot = previous.get(k);
    if (slot !== undefined && !next.has(k)) next.set(k, slot);
  }
  const used = new Set(next.values());
  let free = 0;
  for (const k of keys) {
    if (next.has(k)) continue;
    while (used.has(free)) free++;
    next.set(k, free);
    used.add(free);
  }
  return next;
}

/** The slot of each id in `ids` (same order), stable across renders of the calling component. */
export function useColorSlots(ids: readonly string[]): number[] {
  const keys = slotKeys(ids);
  const joined = keys.join('\n');
  const [held, setHeld] = useState(() => ({ joined, slots: assignSlots(new Map(), keys) }));
  let slots = held.slots;
  if (held.joined !== joined) {
    // Adjusting state while rendering (React's pattern for state derived from props).
    slots = assignSlots(held.slots, keys);
    setHeld({ joined, slots });
  }
  return keys.map((k) => slots.get(k) ?? 0);
}
