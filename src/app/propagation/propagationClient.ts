/**
 * The page's side of the propagation worker: one shared worker, started when the panel first
 * opens; results cached by key for the life of the page, so reopening the panel or returning to
 * an earlier slider position is instant.
 */
import { formatActivation, type SelectedActivation } from '../state/activationToken';
import type { DiagramResult, EdgeResult, FromPropagationWorker, InitPoint, PointResult, ToPropagationWorker } from './protocol';

type Failure = { error: string };
let worker: Worker | null = null;
const points = new Map<string, PointResult | Failure>();
const edges = new Map<string, EdgeResult | Failure>();
const diagrams = new Map<string, DiagramResult | Failure>();
const asked = new Set<string>();
/** Points sent in the latest request. */
const pendingPoints = new Set<string>();
const listeners = new Set<() => void>();
let generation = 0;

function notify() {
  listeners.forEach((l) => l());
}

function receive(msg: FromPropagationWorker) {
  if (msg.kind === 'point') points.set(msg.key, msg.result);
  else if (msg.kind === 'edge') edges.set(msg.key, msg.result);
  else if (msg.kind === 'diagram-error') diagrams.set(msg.key, { error: msg.error });
  else {
    const prev = diagrams.get(msg.key);
    const d: DiagramResult = prev && 'chi1' in prev ? prev : { sw2: msg.sw2, sb2: msg.sb2, chi1: msg.sb2.map(() => null) };
    const chi1 = d.chi1.slice();
    chi1[msg.j] = msg.row;
    diagrams.set(msg.key, { ...d, chi1 });
  }
  notify();
}

function send(msg: ToPropagationWorker) {
  if (!worker) {
    worker = new Worker(new URL('./propagation.worker.ts', import.meta.url), { type: 'module', name: 'propagation' });
    worker.onmessage = (e: MessageEvent<FromPropagationWorker>) => receive(e.data);
    worker.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      // Every pending request fails with the reason, so the panel says it instead of waiting.
      const reason = { error: `The propagation worker failed: ${e.message || 'it could not be loaded'}` };
      for (const key of asked) if (!points.has(key) && !edges.has(key) && !diagrams.has(key)) points.set(key, reason);
      notify();
    };
  }
  worker.postMessage(msg);
}

export function pointKey(sel: SelectedActivation, init: InitPoint): string {
  return `${formatActivation(sel)}@${init.sigmaW},${init.sigmaB},${init.depth}`;
}

/** Asks for what the panel shows now; each result is computed once per key. */
export function request(selected: readonly SelectedActivation[], init: InitPoint, diagramOf: SelectedActivation | null): void {
  generation++;
  // The worker drops points of older generations; forget them so that coming back re-asks.
  for (const key of pendingPoints) if (!points.has(key)) asked.delete(key);
  pendingPoints.clear();
  for (const sel of selected) {
    const key = pointKey(sel, init);
    if (!asked.has(key)) {
      asked.add(key);
      pendingPoints.add(key);
      send({ kind: 'point', key, sel, init, generation });
    }
    const token = formatActivation(sel);
    if (!asked.has(`edge:${token}`)) {
      asked.add(`edge:${token}`);
      send({ kind: 'edge', key: token, sel });
    }
  }
  if (diagramOf) {
    const token = formatActivation(diagramOf);
    if (!asked.has(`diagram:${token}`)) {
      asked.add(`diagram:${token}`);
      send({ kind: 'diagram', key: token, sel: diagramOf });
    }
  }
}

export const cachedPoint = (key: string) => points.get(key);
export const cachedEdge = (sel: SelectedActivation) => edges.get(formatActivation(sel));
export const cachedDiagram = (sel: SelectedActivation) => diagrams.get(formatActivation(sel));

export function onPropagation(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
