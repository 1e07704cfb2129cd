/**
 * The user's saved formulas ("my formulas"), one list shared by the Explorer, Trainer and
 * Compare pages: kept in localStorage through the core's storage interface, with a subscription
 * so every page sees a save at once. useMyFormulas is the React view of it.
 */
import { useSyncExternalStore } from 'react';
import { customId } from '../../core/custom/encoding';
import { loadFormulas, MAX_SAVED, saveFormulas, type KeyValueStorage } from '../../core/custom/storage';
import type { CustomActivation } from '../../core/custom/types';

export interface MyFormulasSnapshot {
  formulas: CustomActivation[];
  /** Load and save problems to show (damaged items, full or blocked storage). */
  problems: string[];
}

function browserStorage(): KeyValueStorage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}

let snapshot: MyFormulasSnapshot | undefined;
const listeners = new Set<() => void>();

function current(): MyFormulasSnapshot {
  snapshot ??= loadFormulas(browserStorage());
  return snapshot;
}

function commit(formulas: CustomActivation[]): void {
  const problem = saveFormulas(browserStorage(), formulas);
  snapshot = { formulas: formulas.slice(0, MAX_SAVED), problems: problem ? [problem] : [] };
  for (const l of listeners) l();
}

/** Saves `def`, replacing a saved formula of the same name; newest first. */
export function saveMyFormula(def: CustomActivation): void {
  commit([def, ...current().formulas.filter((f) => f.name !== def.name)]);
}

export function removeMyFormula(name: string): void {
  commit(current().formulas.filter((f) => f.name !== name));
}

export function myFormulaByName(name: string): CustomActivation | undefined {
  return current().formulas.find((f) => f.name === name);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // Another tab saved: reload from storage.
  const onStorage = () => {
    snapshot = undefined;
    listener();
  };
  if (typeof window !== 'undefined') window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    if (typeof window !== 'undefined') window.removeEventListener('storage', onStorage);
  };
}

export function useMyFormulas(): MyFormulasSnapshot {
  return useSyncExternalStore(subscribe, current, current);
}

/** The activation id (`my.…`) under which a saved formula is plotted and trained. */
export function myFormulaId(def: CustomActivation): string {
  return customId(def);
}
