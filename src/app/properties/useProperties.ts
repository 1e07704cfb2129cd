/**
 * Computed properties for the shown activations, from the worker. Requested once the parameters
 * have stopped changing for a moment, so a slider drag does not queue a computation per event.
 */
import { useEffect, useReducer } from 'react';
import type { ActivationView } from '../explore/activationModel';
import { cachedRows, onRows, requestRows } from './propertiesClient';
import type { PropertyRow } from './propertyRows';

const SETTLE_MS = 250;

export function useProperties(views: ActivationView[]): Map<ActivationView, PropertyRow[]> {
  const [, bump] = useReducer((n: number) => n + 1, 0);

  useEffect(() => onRows(bump), []);

  useEffect(() => {
    const id = setTimeout(() => views.forEach((v) => requestRows(v.sel)), SETTLE_MS);
    return () => clearTimeout(id);
  }, [views]);

  const out = new Map<ActivationView, PropertyRow[]>();
  for (const v of views) {
    const rows = cachedRows(v.sel);
    if (rows) out.set(v, rows);
  }
  return out;
}
