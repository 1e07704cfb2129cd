/**
 * Signal propagation off the main thread: a point (q through depth, χ₁) takes milliseconds, but
 * the χ₁ = 1 curve and the phase diagram take up to seconds (thousands of fixed-point iterations
 * of Gaussian expectations), which would freeze the sliders. Points are served first, and a point
 * for an initialisation the page has already moved past is dropped.
 */
import { signalActivation, type SignalActivation } from '../../core/theory/meanField';
import { chi1Row, criticalSw2 } from '../../core/theory/phaseDiagram';
import { propagationReport } from '../../core/theory/propagation';
import { activationView } from '../explore/activationModel';
import type { SelectedActivation } from '../state/activationToken';
import { DIAGRAM_SB2, DIAGRAM_SW2, EDGE_SB2, SW2_MAX } from './grid';
import type { FromPropagationWorker, ToPropagationWorker } from './protocol';

type Job = ToPropagationWorker | { kind: 'diagram-row'; key: string; sel: SelectedActivation; j: number };

const points: Extract<Job, { kind: 'point' }>[] = [];
const slow: Job[] = [];
let latestGeneration = 0;
let scheduled = false;

function post(msg: FromPropagationWorker) {
  postMessage(msg);
}

/** Compiled once per selection token: the same activation is asked for many points. */
const activations = new Map<string, SignalActivation | string>();
function activationFor(sel: SelectedActivation, key: string): SignalActivation | string {
  const token = key.split('@')[0];
  let a = activations.get(token);
  if (a === undefined) {
    const view = activationView(sel);
    if (!view.ok) a = view.error;
    else if (view.view.isGated) a = `${view.view.entry.name} is a gated block of two inputs; mean-field propagation here is for activations of one input.`;
    else a = signalActivation(view.view.compiled, view.view.values);
    activations.set(token, a);
  }
  return a;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

function run(job: Job): void {
  const a = activationFor(job.sel, job.key);
  if (job.kind === 'point') {
    if (typeof a === 'string') return post({ kind: 'point', key: job.key, result: { error: a } });
    try {
      post({ kind: 'point', key: job.key, result: propagationReport(a, { ...job.init, maxSigmaW: Math.sqrt(SW2_MAX) }) });
    } catch (e) {
      post({ kind: 'point', key: job.key, result: { error: message(e) } });
    }
  } else if (job.kind === 'edge') {
    if (typeof a === 'string') return post({ kind: 'edge', key: job.key, result: { error: a } });
    try {
      const sw2 = EDGE_SB2.map((b) => criticalSw2(a, b, Math.sqrt(SW2_MAX)));
      post({ kind: 'edge', key: job.key, result: { sb2: EDGE_SB2, sw2 } });
    } catch (e) {
      post({ kind: 'edge', key: job.key, result: { error: message(e) } });
    }
  } else if (job.kind === 'diagram') {
    if (typeof a === 'string') return post({ kind: 'diagram-error', key: job.key, error: a });
    // One row per task, so points asked for meanwhile are served in between.
    DIAGRAM_SB2.forEach((_, j) => slow.push({ kind: 'diagram-row', key: job.key, sel: job.sel, j }));
  } else {
    if (typeof a === 'string') return;
    try {
      const row = chi1Row(a, DIAGRAM_SW2, DIAGRAM_SB2[job.j]);
      post({ kind: 'diagram-row', key: job.key, j: job.j, sw2: DIAGRAM_SW2, sb2: DIAGRAM_SB2, row });
    } catch (e) {
      post({ kind: 'diagram-error', key: job.key, error: message(e) });
    }
  }
}

function work() {
  scheduled = false;
  while (points.length > 0 && points[0].generation < latestGeneration) points.shift();
  const job = points.shift() ?? slow.shift();
  if (job) run(job);
  if (points.length > 0 || slow.length > 0) schedule();
}

function schedule() {
  if (!scheduled) {
    scheduled = true;
    setTimeout(work, 0);
  }
}

onmessage = (e: MessageEvent<ToPropagationWorker>) => {
  const msg = e.data;
  if (msg.kind === 'point') {
    latestGeneration = Math.max(latestGeneration, msg.generation);
    points.push(msg);
  } else {
    slow.push(msg);
  }
  schedule();
};
