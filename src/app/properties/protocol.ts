/** Messages between the page and the properties worker (one file, used by both sides). */
import type { SelectedActivation } from '../state/activationToken';
import type { ShapeFacts } from '../search/activationSearch';
import type { PropertyRow } from './propertyRows';

export type ToPropertiesWorker =
  /** Computed properties of one selection, as table rows. */
  | { kind: 'rows'; key: string; sel: SelectedActivation }
  /** smooth / monotonic for every registry entry at default parameters, streamed per entry. */
  | { kind: 'facts' };

export type FromPropertiesWorker =
  | { kind: 'rows'; key: string; rows: PropertyRow[] }
  | { kind: 'fact'; id: string; facts: ShapeFacts | null }
  | { kind: 'facts-done' };
