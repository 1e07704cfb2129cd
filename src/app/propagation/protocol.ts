/**
 * Messages between the page and the signal-propagation worker. Results are keyed by the
 * activation's URL token (plus the initialisation where it matters), so the page can cache them
 * and a slider that moves fast only waits for the latest position.
 */
import type { SelectedActivation } from '../state/activationToken';
import type { PropagationReport } from '../../core/theory/propagation';

export interface InitPoint {
  sigmaW: number;
  sigmaB: number;
  depth: number;
}

export type ToPropagationWorker =
  /** `generation` grows with every change of the initialisation: older queued points are dropped. */
  | { kind: 'point'; key: string; sel: SelectedActivation; init: InitPoint; generation: number }
  | { kind: 'edge'; key: string; sel: SelectedActivation }
  | { kind: 'diagram'; key: string; sel: SelectedActivation };

/** What one activation does at one initialisation (core/theory's report, as the CLI prints it). */
export type PointResult = PropagationReport;

/** The χ₁ = 1 curve: for each σ_b², the critical σ_w² (NaN where there is none). */
export interface EdgeResult {
  sb2: number[];
  sw2: number[];
}

/** χ₁ over the (σ_w², σ_b²) grid; rows arrive one at a time (row j is σ_b² = sb2[j]). */
export interface DiagramResult {
  sw2: number[];
  sb2: number[];
  chi1: (number[] | null)[];
}

export type FromPropagationWorker =
  | { kind: 'point'; key: string; result: PointResult | { error: string } }
  | { kind: 'edge'; key: string; result: EdgeResult | { error: string } }
  | { kind: 'diagram-row'; key: string; j: number; sw2: number[]; sb2: number[]; row: number[] }
  | { kind: 'diagram-error'; key: string; error: string };
