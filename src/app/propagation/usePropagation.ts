/** The panel's view of the propagation worker: asks for what it shows, re-renders as results arrive. */
import { useEffect, useReducer } from 'react';
import type { SelectedActivation } from '../state/activationToken';
import { cachedDiagram, cachedEdge, cachedPoint, onPropagation, pointKey, request } from './propagationClient';
import type { DiagramResult, EdgeResult, InitPoint, PointResult } from './protocol';

type Failure = { error: string };
export interface PropagationResults {
  points: (PointResult | Failure | undefined)[];
  edges: (EdgeResult | Failure | undefined)[];
  diagram: DiagramResult | Failure | undefined;
}

/** Slider moves closer together than this ask only for where the slider settles. */
const SETTLE_MS = 40;

export function usePropagation(selected: readonly SelectedActivation[], init: InitPoint | null, diagramOf: SelectedActivation | null): PropagationResults {
  const [, bump] = useReducer((n: number) => n + 1, 0);
  useEffect(() => onPropagation(bump), []);
  useEffect(() => {
    if (!init) return;
    const id = setTimeout(() => request(selected, init, diagramOf), SETTLE_MS);
    return () => clearTimeout(id);
  }, [selected, init, diagramOf]);
  if (!init) return { points: [], edges: [], diagram: undefined };
  return {
    points: selected.map((s) => cachedPoint(pointKey(s, init))),
    edges: selected.map(cachedEdge),
    diagram: diagramOf ? cachedDiagram(diagramOf) : undefined,
  };
}

export const isFailure = (r: unknown): r is Failure => typeof r === 'object' && r !== null && 'error' in r;
