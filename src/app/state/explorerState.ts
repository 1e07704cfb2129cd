/**
 * Everything the Explorer shows, as one typed value, and its one URL form.
 *
 * Query form (inside `#/explore?…`), e.g.
 *   a=gelu&a=swish(beta=2)&a=few-bit(base=gelu,b=2)&x=-5,5&show=f,df,d2f&layout=stacked&marks=1
 * - `a` repeats, one per selected activation, in display order: `id` or `id(name=value,…)`, where
 *   a name is a parameter (numeric value) or an option (one of its choices).
 * - `x` is the plotted range `min,max`; `show` lists the panels; `layout` is stacked|overlay;
 *   `marks=1` shades vanishing/exploding-gradient regions.
 * - `prop=σ_w,σ_b,depth` opens the signal-propagation panel at that initialisation.
 * - `tx=0.5,2` lists the x the person added to the table of values (besides −3, −1, 0, 1, 3).
 *
 * Parsing never throws: each bad part is dropped (or replaced by its default) and described in
 * `problems`, so a partly-bad link keeps its good parts and the page can say what was wrong.
 * The module is pure; the registry is reached through the small `StateCatalog` interface.
 */
import { parseActivationToken, type SelectedActivation, type StateCatalog } from './activationToken';
import { formatNumber, parseNumberText, splitQuery, encodeToken } from './queryCodec';
import { formatActivation } from './activationToken';

export type CurveKind = 'f' | 'df' | 'd2f';
export const CURVE_KINDS: readonly CurveKind[] = ['f', 'df', 'd2f'];

export interface ExplorerState {
  selected: SelectedActivation[];
  xMin: number;
  xMax: number;
  show: Record<CurveKind, boolean>;
  layout: 'stacked' | 'overlay';
  /** Shade |f′| < 0.01 (vanishing) and |f′| > 10 (exploding). */
  marks: boolean;
  /** The signal-propagation panel's initialisation; null while the panel is closed. */
  propagation: PropagationSettings | null;
  /** Points the person added to the table of values, in the order added (each once). */
  tableX: number[];
}

export interface PropagationSettings {
  sigmaW: number;
  sigmaB: number;
  depth: number;
}

export const DEFAULT_PROPAGATION: PropagationSettings = { sigmaW: 1.5, sigmaB: 0.05, depth: 50 };
/** Bounds of the panel's fields: σ_w in (0, 8], σ_b in [0, 4], depth 2…500 layers. */
export const PROPAGATION_LIMITS = { sigmaW: { min: 0.01, max: 8 }, sigmaB: { min: 0, max: 4 }, depth: { min: 2, max: 500 } } as const;

function parsePropagation(value: string): PropagationSettings | string {
  const parts = value.split(',');
  const [w, b, d] = parts.length === 3 ? parts.map(parseNumberText) : [undefined, undefined, undefined];
  if (w === undefined || b === undefined || d === undefined) return `prop "${value}" is not three numbers "σ_w,σ_b,depth"`;
  const L = PROPAGATION_LIMITS;
  if (!(w >= L.sigmaW.min && w <= L.sigmaW.max)) return `prop "${value}": σ_w must be between ${L.sigmaW.min} and ${L.sigmaW.max}`;
  if (!(b >= L.sigmaB.min && b <= L.sigmaB.max)) return `prop "${value}": σ_b must be between ${L.sigmaB.min} and ${L.sigmaB.max}`;
  if (!(Number.isInteger(d) && d >= L.depth.min && d <= L.depth.max)) return `prop "${value}": depth must be a whole number from ${L.depth.min} to ${L.depth.max}`;
  return { sigmaW: w, sigmaB: b, depth: d };
}

export const MAX_SELECTED = 12;
/** At most this many added table points (the table scrolls sideways; a link stays short). */
export const MAX_TABLE_X = 12;
/** |x| bound for the plotted range; beyond it float64 tails say nothing new. */
export const X_LIMIT = 1e4;

export const DEFAULT_STATE: ExplorerState = {
  selected: [
    { id: 'relu', params: {}, options: {} },
    { id: 'gelu', params: {}, options: {} },
    { id: 'silu', params: {}, options: {} },
  ],
  xMin: -5,
  xMax: 5,
  show: { f: true, df: true, d2f: true },
  layout: 'stacked',
  marks: false,
  propagation: null,
  tableX: [],
};

export interface ParsedState {
  state: ExplorerState;
  /** Human-readable descriptions of every part of the URL that was ignored. */
  problems: string[];
}

function parseBool(text: string): boolean | undefined {
  if (text === '1' || text === 'true' || text === 'on') return true;
  if (text === '0' || text === 'false' || text === 'off') return false;
  return undefined;
}

export function parseExplorerQuery(query: string, catalog: StateCatalog): ParsedState {
  const problems: string[] = [];
  const state: ExplorerState = structuredClone(DEFAULT_STATE);
  if (query.trim() === '') return { state, problems };

  const entries = splitQuery(query, problems);

  const activationTokens = entries.filter(([k]) => k === 'a').map(([, v]) => v);
  if (activationTokens.length > 0) {
    const selected: SelectedActivation[] = [];
    for (const token of activationTokens) {
      const sel = parseActivationToken(token, catalog, problems);
      if (!sel) continue;
      if (selected.length >= MAX_SELECTED) {
        problems.push(`At most ${MAX_SELECTED} activations can be shown at once; "${sel.id}" and later ones ignored.`);
        break;
      }
      selected.push(sel);
    }
    // A link that named activations but none valid falls back to the default selection.
    if (selected.length > 0) state.selected = selected;
  }

  for (const [key, value] of entries) {
    switch (key) {
      case 'a':
        break;
      case 'x': {
        const parts = value.split(',');
        const lo = parts.length === 2 ? parseNumberText(parts[0]) : undefined;
        const hi = parts.length === 2 ? parseNumberText(parts[1]) : undefined;
        if (lo === undefined || hi === undefined) {
          problems.push(`x range "${value}" is not two numbers "min,max"; using ${state.xMin}…${state.xMax}.`);
        } else if (!(lo < hi)) {
          problems.push(`x range "${value}": min must be below max; using ${state.xMin}…${state.xMax}.`);
        } else if (Math.abs(lo) > X_LIMIT || Math.abs(hi) > X_LIMIT) {
          problems.push(`x range "${value}" goes beyond ±${X_LIMIT}; using ${state.xMin}…${state.xMax}.`);
        } else {
          state.xMin = lo;
          state.xMax = hi;
        }
        break;
      }
      case 'show': {
        const kinds = value.split(',').filter((s) => s !== '');
        const bad = kinds.filter((k) => !(CURVE_KINDS as readonly string[]).includes(k));
        if (bad.length > 0 || kinds.length === 0) {
          problems.push(`show "${value}" must list some of f, df, d2f; showing all three.`);
        } else {
          state.show = { f: kinds.includes('f'), df: kinds.includes('df'), d2f: kinds.includes('d2f') };
        }
        break;
      }
      case 'layout':
        if (value === 'stacked' || value === 'overlay') state.layout = value;
        else problems.push(`layout "${value}" must be stacked or overlay; using ${state.layout}.`);
        break;
      case 'marks': {
        const b = parseBool(value);
        if (b === undefined) problems.push(`marks "${value}" must be 1 or 0; marks off.`);
        else state.marks = b;
        break;
      }
      case 'prop': {
        const p = parsePropagation(value);
        if (typeof p === 'string') problems.push(`${p}; the propagation panel opens at its defaults.`);
        state.propagation = typeof p === 'string' ? { ...DEFAULT_PROPAGATION } : p;
        break;
      }
      case 'tx': {
        const xs: number[] = [];
        for (const part of value.split(',').filter((t) => t !== '')) {
          const v = parseNumberText(part);
          if (v === undefined || Math.abs(v) > X_LIMIT) problems.push(`table point "${part}" is not a number within ±${X_LIMIT}; left out.`);
          else if (xs.length >= MAX_TABLE_X) {
            problems.push(`At most ${MAX_TABLE_X} added table points; "${part}" and later ones left out.`);
            break;
          } else if (!xs.includes(v)) xs.push(v);
        }
        state.tableX = xs;
        break;
      }
      default:
        problems.push(`Unknown setting "${key}" in the link; ignored.`);
    }
  }
  return { state, problems };
}

/** The query that `parseExplorerQuery` reads back to an equal state. */
export function formatExplorerQuery(state: ExplorerState): string {
  const parts = state.selected.map((s) => `a=${encodeToken(formatActivation(s))}`);
  parts.push(`x=${formatNumber(state.xMin)},${formatNumber(state.xMax)}`);
  parts.push(`show=${CURVE_KINDS.filter((k) => state.show[k]).join(',')}`);
  parts.push(`layout=${state.layout}`);
  if (state.marks) parts.push('marks=1');
  const p = state.propagation;
  if (p) parts.push(`prop=${formatNumber(p.sigmaW)},${formatNumber(p.sigmaB)},${p.depth}`);
  if (state.tableX.length > 0) parts.push(`tx=${state.tableX.map(formatNumber).join(',')}`);
  return parts.join('&');
}
