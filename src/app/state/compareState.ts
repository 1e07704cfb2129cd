/**
 * Everything the Compare page is set to, as one typed value, and its one URL form (the
 * permalink that reproduces a comparison).
 *
 * Query (inside `#/compare?…`): the shared keys of ./experimentState.ts plus
 *   a=gelu&a=swish(beta=2)   the activations, in order (Explorer token grammar), repeated
 *   learn=2:beta,-alpha      training toggles of the 2nd activation (repeat per activation)
 *   seeds=5 epochs=50        seeds 1…S; epochs per run
 *   target=acc:0.95          epochs-to-target: first epoch with test acc ≥ 0.95 (or loss:0.1, test loss ≤)
 *   band=std|se|minmax log=1 curve band and log-scale loss; show=1 the seed of the small multiples
 * Parsing never throws: bad parts fall back to defaults and are listed in `problems`.
 */
import type { Target } from '../../core/compare/summary';
import type { CompareSetup, TrainSetup } from '../../worker/protocol';
import { defaultOptions, formatActivation, parseActivationToken, type SelectedActivation, type StateCatalog } from './activationToken';
import {
  applyExperimentField,
  DEFAULT_EXPERIMENT,
  experimentSetup,
  formatExperimentQuery,
  type ExperimentState,
} from './experimentState';
import { encodeToken, parseNumberText, splitQuery } from './queryCodec';
import { activationSpecOf, checkLearn, parseLearnList } from './trainState';

export type BandKind = 'std' | 'se' | 'minmax';
export const BAND_KINDS: readonly BandKind[] = ['std', 'se', 'minmax'];

export interface ComparedActivation {
  sel: SelectedActivation;
  learn: Record<string, boolean>;
}

export interface TargetSetting {
  kind: 'acc' | 'loss';
  value: number;
}

export interface CompareState extends ExperimentState {
  activations: ComparedActivation[];
  seeds: number;
  epochs: number;
  target: TargetSetting;
  band: BandKind;
  logScale: boolean;
  /** Seed (1…seeds) whose decision boundaries and learned shapes the small multiples show. */
  shownSeed: number;
}

export const MAX_ACTIVATIONS = 12;
export const MAX_SEEDS = 50;
export const MAX_EPOCHS = 5000;

export const DEFAULT_COMPARE: CompareState = {
  ...DEFAULT_EXPERIMENT,
  activations: [
    { sel: { id: 'relu', params: {}, options: {} }, learn: {} },
    { sel: { id: 'gelu', params: {}, options: {} }, learn: {} },
    { sel: { id: 'silu', params: {}, options: {} }, learn: {} },
  ],
  seeds: 5,
  epochs: 50,
  target: { kind: 'acc', value: 0.95 },
  band: 'std',
  logScale: true,
  shownSeed: 1,
};

export interface ParsedCompare {
  state: CompareState;
  problems: string[];
  /** `run=1` (older links): the sender meant a run; the page shows the setup and starts nothing. */
  autorun: boolean;
}

function intIn(label: string, value: string, lo: number, hi: number, problems: string[]): number | undefined {
  const v = parseNumberText(value);
  if (v === undefined || !Number.isInteger(v) || v < lo || v > hi) {
    problems.push(`${label} "${value}" must be a whole number from ${lo} to ${hi}; using the default.`);
    return undefined;
  }
  return v;
}

export function parseTarget(value: string): TargetSetting | string {
  const m = /^(acc|loss):(.+)$/.exec(value.trim());
  const v = m ? parseNumberText(m[2]) : undefined;
  if (!m || v === undefined) return `target "${value}" must be acc:<accuracy> or loss:<loss>, e.g. acc:0.95`;
  if (m[1] === 'acc' && (v < 0 || v > 1)) return `target accuracy ${v} must lie in [0, 1]`;
  if (m[1] === 'loss' && !(v > 0)) return `target loss ${v} must be positive`;
  return { kind: m[1] as 'acc' | 'loss', value: v };
}

export function parseCompareQuery(query: string, catalog: StateCatalog): ParsedCompare {
  const problems: string[] = [];
  const state: CompareState = structuredClone(DEFAULT_COMPARE);
  const entries = splitQuery(query, problems);
  let autorun = false;
  const tokens = entries.filter(([k]) => k === 'a').map(([, v]) => v);
  if (tokens.length > 0) {
    const list: ComparedActivation[] = [];
    for (const t of tokens) {
      const sel = parseActivationToken(t, catalog, problems);
      if (!sel) continue;
      if (list.length >= MAX_ACTIVATIONS) {
        problems.push(`At most ${MAX_ACTIVATIONS} activations can be compared; "${sel.id}" and later ones ignored.`);
        break;
      }
      list.push({ sel, learn: {} });
    }
    if (list.length > 0) state.activations = list;
    else problems.push('No activation in the link could be used; showing the default comparison.');
  }
  for (const [key, value] of entries) {
    if (key === 'a' || applyExperimentField(state, key, value, problems)) continue;
    switch (key) {
      case 'learn': {
        const m = /^(\d+):(.*)$/.exec(value);
        const k = m ? Number(m[1]) - 1 : -1;
        const item = state.activations[k];
        if (!m || !item) {
          problems.push(`learn "${value}" must be <activation number>:<names>, e.g. 2:beta; ignored.`);
          break;
        }
        const cat = catalog.lookup(item.sel.id);
        const specs = cat ? cat.paramsFor({ ...defaultOptions(cat.options), ...item.sel.options }) : [];
        item.learn = checkLearn(parseLearnList(m[2]), specs, item.sel.id, problems);
        break;
      }
      case 'seeds': {
        const v = intIn('seeds', value, 1, MAX_SEEDS, problems);
        if (v !== undefined) state.seeds = v;
        break;
      }
      case 'epochs': {
        const v = intIn('epochs', value, 1, MAX_EPOCHS, problems);
        if (v !== undefined) state.epochs = v;
        break;
      }
      case 'target': {
        const t = parseTarget(value);
        if (typeof t === 'string') problems.push(`${t}; using acc:0.95.`);
        else state.target = t;
        break;
      }
      case 'band':
        if ((BAND_KINDS as readonly string[]).includes(value)) state.band = value as BandKind;
        else problems.push(`band "${value}" must be one of ${BAND_KINDS.join(', ')}; using std.`);
        break;
      case 'log':
        if (value === '1' || value === '0') state.logScale = value === '1';
        else problems.push(`log "${value}" must be 1 or 0; ignored.`);
        break;
      case 'run':
        if (value === '1' || value === '0') autorun = value === '1';
        else problems.push(`run "${value}" must be 1 or 0; ignored.`);
        break;
      case 'show': {
        const v = intIn('shown seed', value, 1, MAX_SEEDS, problems);
        if (v !== undefined) state.shownSeed = v;
        break;
      }
      default:
        problems.push(`Unknown setting "${key}" in the link; ignored.`);
    }
  }
  if (state.shownSeed > state.seeds) {
    problems.push(`shown seed ${state.shownSeed} is beyond the ${state.seeds} seeds; showing seed 1.`);
    state.shownSeed = 1;
  }
  return { state, problems, autorun };
}

export function formatCompareQuery(s: CompareState): string {
  const parts = s.activations.map((a) => `a=${encodeToken(formatActivation(a.sel))}`);
  s.activations.forEach((a, i) => {
    const learn = Object.entries(a.learn).map(([k, on]) => (on ? k : `-${k}`));
    if (learn.length > 0) parts.push(`learn=${i + 1}:${learn.join(',')}`);
  });
  parts.push(...formatExperimentQuery(s));
  parts.push(`seeds=${s.seeds}`, `epochs=${s.epochs}`, `target=${s.target.kind}:${s.target.value}`, `band=${s.band}`, `log=${s.logScale ? 1 : 0}`);
  if (s.shownSeed !== 1) parts.push(`show=${s.shownSeed}`);
  return parts.join('&');
}

/** Seeds 1…S, as core/compare's seedList(count) numbers them. */
export function seedsOf(s: CompareState): number[] {
  return Array.from({ length: s.seeds }, (_, i) => i + 1);
}

/** What the worker's runComparison trains: runs activation-major, then seed. */
export function compareSetup(s: CompareState, view: CompareSetup['view']): CompareSetup {
  const { runs: _none, ...shared } = experimentSetup(s, []);
  return { ...shared, activations: s.activations.map((a) => activationSpecOf(a.sel, a.learn)), seeds: seedsOf(s), epochs: s.epochs, target: targetOf(s.target), view };
}

/** The comparison's runs as one training setup (what 'auto' times each backend on). */
export function compareNetwork(s: CompareState): TrainSetup {
  const seeds = seedsOf(s);
  return experimentSetup(
    s,
    s.activations.flatMap((a) => seeds.map((seed) => ({ activation: activationSpecOf(a.sel, a.learn), seed }))),
  );
}

export function targetOf(t: TargetSetting): Target {
  return t.kind === 'acc' ? { testAcc: t.value } : { testLoss: t.value };
}
