/**
 * Everything the Trainer page is set to, as one typed value, and its one URL form.
 *
 * Query (inside `#/train?…`): the shared keys of ./experimentState.ts plus
 *   act=swish(beta=2)   the activation of every hidden layer (Explorer token grammar)
 *   learn=beta,-alpha   training toggles that differ from the registry (−name: do not train)
 *   seed=3              the weights/batch-order seed ("new seed" changes it; reset keeps it)
 * Parsing never throws: bad parts fall back to defaults and are listed in `problems`.
 */
import type { ParamSpec } from '../../core/registry/types';
import type { ActivationSpec } from '../../core/train/activationSpec';
import type { TrainSetup } from '../../worker/protocol';
import { defaultOptions, formatActivation, parseActivationToken, type SelectedActivation, type StateCatalog } from './activationToken';
import {
  applyExperimentField,
  DEFAULT_EXPERIMENT,
  experimentSetup,
  formatExperimentQuery,
  type ExperimentState,
} from './experimentState';
import { encodeToken, parseNumberText, splitQuery } from './queryCodec';

export interface TrainState extends ExperimentState {
  activation: SelectedActivation;
  /** Only toggles that differ from the parameter's registry default (learnable 'yes' ⇒ on). */
  learn: Record<string, boolean>;
  seed: number;
}

export const DEFAULT_TRAIN: TrainState = {
  ...DEFAULT_EXPERIMENT,
  activation: { id: 'gelu', params: {}, options: {} },
  learn: {},
  seed: 1,
};

export interface ParsedTrain {
  state: TrainState;
  problems: string[];
}

/** Whether `spec` is trained under the toggles `learn`. */
export function isLearned(spec: ParamSpec, learn: Record<string, boolean>): boolean {
  return (Object.hasOwn(learn, spec.name) ? learn[spec.name] : undefined) ?? spec.learnable === 'yes';
}

/** Drops toggles that name no parameter, or that try to train a fixed one. */
export function checkLearn(learn: Record<string, boolean>, specs: ParamSpec[], id: string, problems: string[]): Record<string, boolean> {
  const out: Record<string, boolean> = Object.create(null);
  for (const [name, on] of Object.entries(learn)) {
    const spec = specs.find((p) => p.name === name);
    if (!spec) problems.push(`learn: ${id} has no parameter "${name}"; ignored.`);
    else if (on && spec.learnable === 'no') problems.push(`learn: parameter "${name}" of ${id} is fixed and cannot be trained; ignored.`);
    else if (on !== (spec.learnable === 'yes')) out[name] = on;
  }
  return out;
}

export function parseLearnList(text: string): Record<string, boolean> {
  // Null prototype: a name such as __proto__ from a link stays a key (and gets its notice).
  const out: Record<string, boolean> = Object.create(null);
  for (const raw of text.split(',')) {
    const t = raw.trim();
    if (t === '') continue;
    if (t.startsWith('-')) out[t.slice(1)] = false;
    else out[t] = true;
  }
  return out;
}

export function parseTrainQuery(query: string, catalog: StateCatalog): ParsedTrain {
  const problems: string[] = [];
  const state: TrainState = structuredClone(DEFAULT_TRAIN);
  let learnText: string | null = null;
  for (const [key, value] of splitQuery(query, problems)) {
    if (applyExperimentField(state, key, value, problems)) continue;
    switch (key) {
      case 'act': {
        const sel = parseActivationToken(value, catalog, problems);
        if (sel) state.activation = sel;
        else problems.push(`Using ${state.activation.id} instead.`);
        break;
      }
      case 'learn':
        learnText = value;
        break;
      case 'seed': {
        const v = parseNumberText(value);
        if (v === undefined || !Number.isInteger(v) || v < 0 || v >= 2 ** 31) {
          problems.push(`seed "${value}" must be a whole number from 0 to 2147483647; using ${state.seed}.`);
        } else state.seed = v;
        break;
      }
      default:
        problems.push(`Unknown setting "${key}" in the link; ignored.`);
    }
  }
  if (learnText !== null) {
    const item = catalog.lookup(state.activation.id);
    const specs = item ? item.paramsFor({ ...defaultOptions(item.options), ...state.activation.options }) : [];
    state.learn = checkLearn(parseLearnList(learnText), specs, state.activation.id, problems);
  }
  return { state, problems };
}

export function formatTrainQuery(s: TrainState): string {
  const parts = [...formatExperimentQuery(s), `act=${encodeToken(formatActivation(s.activation))}`];
  const learn = Object.entries(s.learn).map(([k, on]) => (on ? k : `-${k}`));
  if (learn.length > 0) parts.push(`learn=${learn.join(',')}`);
  parts.push(`seed=${s.seed}`);
  return parts.join('&');
}

export function activationSpecOf(sel: SelectedActivation, learn: Record<string, boolean>): ActivationSpec {
  const spec: ActivationSpec = { id: sel.id };
  if (Object.keys(sel.params).length > 0) spec.params = { ...sel.params };
  if (Object.keys(sel.options).length > 0) spec.options = { ...sel.options };
  if (Object.keys(learn).length > 0) spec.learnable = { ...learn };
  return spec;
}

export function trainSetup(s: TrainState): TrainSetup {
  return experimentSetup(s, [{ activation: activationSpecOf(s.activation, s.learn), seed: s.seed }]);
}
