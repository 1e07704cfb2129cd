/**
 * The user's saved formulas between visits, behind a two-method storage interface so the core
 * stays DOM-free: the browser passes window.localStorage, tests pass a Map-backed object.
 * Stored as a JSON list of encodeCustom texts; entries that no longer decode (edited by hand,
 * or from an older version) are skipped and reported, never thrown.
 */
import { decodeCustom, encodeCustom } from './encoding';
import type { CustomActivation } from './types';

/** The part of the Web Storage API used here (window.localStorage satisfies it). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export const STORAGE_KEY = 'activation-playground.my-formulas.v1';
export const MAX_SAVED = 50;

export interface LoadedFormulas {
  formulas: CustomActivation[];
  /** One sentence per stored item that could not be read. */
  problems: string[];
}

export function loadFormulas(storage: KeyValueStorage | undefined): LoadedFormulas {
  const problems: string[] = [];
  let text: string | null;
  try {
    text = storage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    return { formulas: [], problems: ['Saved formulas could not be read (browser storage is blocked).'] };
  }
  if (text === null) return { formulas: [], problems };
  let list: unknown;
  try {
    list = JSON.parse(text);
  } catch {
    return { formulas: [], problems: ['Saved formulas are damaged and were ignored.'] };
  }
  if (!Array.isArray(list)) return { formulas: [], problems: ['Saved formulas are damaged and were ignored.'] };
  const formulas: CustomActivation[] = [];
  list.forEach((item, i) => {
    try {
      formulas.push(decodeCustom(typeof item === 'string' ? item : ''));
    } catch (e) {
      problems.push(`Saved formula ${i + 1} was skipped: ${e instanceof Error ? e.message : String(e)}`);
    }
  });
  return { formulas, problems };
}

/** Saves the list (newest MAX_SAVED); returns a problem sentence when storage refuses it. */
export function saveFormulas(storage: KeyValueStorage | undefined, formulas: CustomActivation[]): string | undefined {
  if (!storage) return 'Formulas cannot be saved: no browser storage here.';
  try {
    storage.setItem(STORAGE_KEY, JSON.stringify(formulas.slice(0, MAX_SAVED).map(encodeCustom)));
    return undefined;
  } catch {
    return 'Formulas could not be saved (browser storage is full or blocked).';
  }
}
