/**
 * Which traces changed between two figures, when only trace data (x, y) and names changed.
 * Lets a slider drag update just the moved activation's traces with Plotly.restyle (which
 * recomputes only those traces) instead of Plotly.react (which recomputes all of them).
 */
import type { Figure } from './buildFigure';

const DATA_KEYS = new Set(['x', 'y', 'name', 'legendgroup', 'hovertemplate']);

function styleKey(trace: object): string {
  return JSON.stringify(trace, (key, value) => (DATA_KEYS.has(key) ? undefined : value));
}

/** Indices of traces whose data or name changed; null when anything else differs (use react). */
export function changedTraces(before: Figure, after: Figure): number[] | null {
  if (before.data.length !== after.data.length) return null;
  if (JSON.stringify(before.layout) !== JSON.stringify(after.layout)) return null;
  const changed: number[] = [];
  for (let i = 0; i < after.data.length; i++) {
    const a = before.data[i] as Record<string, unknown>;
    const b = after.data[i] as Record<string, unknown>;
    if (a === b) continue;
    if (styleKey(a) !== styleKey(b)) return null;
    if ([...DATA_KEYS].some((k) => a[k] !== b[k])) changed.push(i);
  }
  return changed;
}

/** The Plotly.restyle update for `indices`: one value per changed trace for each data key. */
export function restyleUpdate(after: Figure, indices: number[]): Record<string, unknown[]> {
  const update: Record<string, unknown[]> = {};
  for (const key of DATA_KEYS) update[key] = indices.map((i) => (after.data[i] as Record<string, unknown>)[key]);
  return update;
}
