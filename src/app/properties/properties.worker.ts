/**
 * Computes activation properties off the main thread: each takes 10⁵–10⁶ float64 evaluations
 * (up to seconds for large learnable families), which would freeze slider dragging.
 * Card requests are served before the background sweep over the registry.
 */
import { compileActivation } from '../../core/activation/compile';
import { allEntries } from '../../core/registry/index';
import { computeProperties } from '../../core/registry/properties';
import { activationView } from '../explore/activationModel';
import type { FromPropertiesWorker, ToPropertiesWorker } from './protocol';
import { propertyRows } from './propertyRows';

const rowQueue: Extract<ToPropertiesWorker, { kind: 'rows' }>[] = [];
const factQueue: string[] = [];
let scheduled = false;

function post(msg: FromPropertiesWorker) {
  postMessage(msg);
}

function work() {
  scheduled = false;
  const req = rowQueue.shift();
  if (req) {
    const result = activationView(req.sel);
    let rows;
    try {
      rows = result.ok ? propertyRows(result.view) : [{ label: 'Properties', value: result.error }];
    } catch (e) {
      rows = [{ label: 'Properties', value: `could not be computed: ${e instanceof Error ? e.message : String(e)}` }];
    }
    post({ kind: 'rows', key: req.key, rows });
  } else {
    const id = factQueue.shift();
    if (id !== undefined) {
      const entry = allEntries().find((e) => e.id === id);
      let facts = null;
      try {
        if (entry) {
          const p = computeProperties(compileActivation(entry));
          facts = { smooth: p.smooth, monotonic: p.monotonic !== 'no' };
        }
      } catch {
        facts = null;
      }
      post({ kind: 'fact', id, facts });
      if (factQueue.length === 0) post({ kind: 'facts-done' });
    }
  }
  // One item per task, so newly arrived card requests jump the queue.
  if (rowQueue.length > 0 || factQueue.length > 0) schedule();
}

function schedule() {
  if (!scheduled) {
    scheduled = true;
    setTimeout(work, 0);
  }
}

onmessage = (e: MessageEvent<ToPropertiesWorker>) => {
  const msg = e.data;
  if (msg.kind === 'rows') {
    // A newer request for the same card supersedes an older one still waiting.
    const i = rowQueue.findIndex((r) => r.key === msg.key);
    if (i >= 0) rowQueue.splice(i, 1);
    rowQueue.push(msg);
  } else if (factQueue.length === 0) {
    factQueue.push(...allEntries().map((entry) => entry.id));
  }
  schedule();
};
