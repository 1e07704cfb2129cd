/** The page's side of the properties worker: one shared worker, results cached by selection token. */
import { formatActivation, type SelectedActivation } from '../state/activationToken';
import type { ShapeFacts } from '../search/activationSearch';
import type { FromPropertiesWorker, ToPropertiesWorker } from './protocol';
import type { PropertyRow } from './propertyRows';

let worker: Worker | null = null;
const rows = new Map<string, PropertyRow[]>();
const rowListeners = new Set<() => void>();
const incomingFacts = new Map<string, ShapeFacts>();
/** Replaced (not mutated) when the sweep finishes, so consumers can memoise on it. */
let facts: ReadonlyMap<string, ShapeFacts> = new Map();
let factsDone = false;
let factsRequested = false;
const factListeners = new Set<() => void>();

function getWorker(): Worker {
  if (!worker) {
    worker = new Worker(new URL('./properties.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<FromPropertiesWorker>) => {
      const msg = e.data;
      if (msg.kind === 'rows') {
        rows.set(msg.key, msg.rows);
        rowListeners.forEach((l) => l());
      } else if (msg.kind === 'fact') {
        if (msg.facts) incomingFacts.set(msg.id, msg.facts);
      } else {
        factsDone = true;
        facts = new Map(incomingFacts);
        factListeners.forEach((l) => l());
      }
    };
  }
  return worker;
}

function send(msg: ToPropertiesWorker) {
  getWorker().postMessage(msg);
}

export function cachedRows(sel: SelectedActivation): PropertyRow[] | undefined {
  return rows.get(formatActivation(sel));
}

export function requestRows(sel: SelectedActivation): void {
  const key = formatActivation(sel);
  if (!rows.has(key)) send({ kind: 'rows', key, sel });
}

export function onRows(listener: () => void): () => void {
  rowListeners.add(listener);
  return () => rowListeners.delete(listener);
}

/** Starts the registry-wide sweep once; `listener` runs when it has finished. */
export function watchFacts(listener: () => void): () => void {
  factListeners.add(listener);
  if (!factsRequested) {
    factsRequested = true;
    send({ kind: 'facts' });
  }
  return () => factListeners.delete(listener);
}

export function currentFacts(): { facts: ReadonlyMap<string, ShapeFacts>; done: boolean } {
  return { facts, done: factsDone };
}
