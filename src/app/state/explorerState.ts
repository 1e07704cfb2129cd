/**
 * Everything the Explorer shows, as one typed value, and its one URL form.
 *
 * Query form (inside `#/explore?…`), e.g.
 *   a=gelu&a=swish(beta=2)&a=few-bit(base=gelu,b=2)&x=-5,5&show=f,df,d2f&layout=stacked&marks=1
 * - `a` repeats, one per selected activation, in display order: `id` or `id(name=value,…)`, where
 *   a name is a parameter (numeric value) or an option (one of its choices).
 * - `x` is the plotted range `min,max`; `show` lists the panels; `layout` is stacked|overlay;
 *   `marks=1` shades vanishing/exploding-gradient regions.
 *
 * Parsing never throws: each bad part is dropped (or replaced by its default) and described in
 * `problems`, so a partly-bad link keeps its good parts and the page can say what was wrong.
 * The module is pure; the registry is reached through the small `StateCatalog` interface.
 */
import type { OptionSpec, ParamSpec } from '../../core/registry/types';

export type CurveKind = 'f' | 'df' | 'd2f';
export const CURVE_KINDS: readonly CurveKind[] = ['f', 'df', 'd2f'];

export interface SelectedActivation {
  id: string;
  /** Only values that differ from the defaults are kept (and written to the URL). */
  params: Record<string, number>;
  options: Record<string, string>;
}

export interface ExplorerState {
  selected: SelectedActivation[];
  xMin: number;
  xMax: number;
  show: Record<CurveKind, boolean>;
  layout: 'stacked' | 'overlay';
  /** Shade |f′| < 0.01 (vanishing) and |f′| > 10 (exploding). */
  marks: boolean;
}

/** What state parsing needs to know about an activation. */
export interface CatalogItem {
  id: string;
  options: OptionSpec[];
  /** Parameters for the given option values (some options change the parameter list). */
  paramsFor(options: Record<string, string>): ParamSpec[];
}

export interface StateCatalog {
  /** By id or alias, case-insensitive; undefined when unknown. */
  lookup(idOrAlias: string): CatalogItem | undefined;
}

export const MAX_SELECTED = 12;
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
};

export interface ParsedState {
  state: ExplorerState;
  /** Human-readable descriptions of every part of the URL that was ignored. */
  problems: string[];
}

const NUMBER_RE = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

function parseNumber(text: string): number | undefined {
  const t = text.trim();
  if (!NUMBER_RE.test(t)) return undefined;
  const v = Number(t);
  return Number.isFinite(v) ? v : undefined;
}

/** Shortest text that reads back to the same float64. */
export function formatNumber(v: number): string {
  return String(v);
}

/** Splits `id(k=v,k=v)`; undefined when the shape is wrong. */
function splitActivationToken(token: string): { id: string; pairs: [string, string][] } | undefined {
  const m = /^([A-Za-z0-9_.-]+)(?:\((.*)\))?$/.exec(token.trim());
  if (!m) return undefined;
  const pairs: [string, string][] = [];
  if (m[2] !== undefined && m[2].trim() !== '') {
    for (const part of m[2].split(',')) {
      const eq = part.indexOf('=');
      if (eq <= 0) return undefined;
      pairs.push([part.slice(0, eq).trim(), part.slice(eq + 1).trim()]);
    }
  }
  return { id: m[1], pairs };
}

function parseActivation(token: string, catalog: StateCatalog, problems: string[]): SelectedActivation | undefined {
  const split = splitActivationToken(token);
  if (!split) {
    problems.push(`Activation "${token}" is not of the form id or id(name=value,…); ignored.`);
    return undefined;
  }
  const item = catalog.lookup(split.id);
  if (!item) {
    problems.push(`Unknown activation "${split.id}"; ignored.`);
    return undefined;
  }
  const options: Record<string, string> = {};
  const numeric: [string, string][] = [];
  for (const [name, value] of split.pairs) {
    const option = item.options.find((o) => o.name === name);
    if (!option) {
      numeric.push([name, value]);
      continue;
    }
    if (!option.choices.includes(value)) {
      problems.push(
        `Option "${name}" of ${item.id}: "${value}" is not one of ${option.choices.join(', ')}; using "${option.default}".`,
      );
    } else if (value !== option.default) {
      options[name] = value;
    }
  }
  const specs = item.paramsFor({ ...defaultOptions(item.options), ...options });
  const params: Record<string, number> = {};
  for (const [name, text] of numeric) {
    const spec = specs.find((p) => p.name === name);
    if (!spec) {
      const known = [...specs.map((p) => p.name), ...item.options.map((o) => o.name)];
      problems.push(
        `${item.id} has no parameter or option "${name}"${known.length ? ` (it has: ${known.join(', ')})` : ''}; ignored.`,
      );
      continue;
    }
    const problem = checkParamValue(spec, text);
    if (typeof problem === 'string') {
      problems.push(`Parameter "${name}" of ${item.id}: ${problem}; using the default ${formatNumber(spec.default)}.`);
    } else if (problem !== spec.default) {
      params[name] = problem;
    }
  }
  return { id: item.id, params, options };
}

/** The value, or a sentence saying why `text` is not acceptable for `spec`. */
export function checkParamValue(spec: ParamSpec, text: string): number | string {
  const v = parseNumber(text);
  if (v === undefined) return `"${text}" is not a number`;
  if (v < spec.min || v > spec.max) return `${formatNumber(v)} is outside [${formatNumber(spec.min)}, ${formatNumber(spec.max)}]`;
  if (spec.integer && !Number.isInteger(v)) return `${formatNumber(v)} is not an integer`;
  return v;
}

export function defaultOptions(options: OptionSpec[]): Record<string, string> {
  return Object.fromEntries(options.map((o) => [o.name, o.default]));
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

  const entries: [string, string][] = [];
  for (const part of query.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const rawKey = eq === -1 ? part : part.slice(0, eq);
    const rawValue = eq === -1 ? '' : part.slice(eq + 1);
    let key: string;
    let value: string;
    try {
      key = decodeURIComponent(rawKey.replace(/\+/g, ' '));
      value = decodeURIComponent(rawValue.replace(/\+/g, ' '));
    } catch {
      problems.push(`"${part}" is not valid URL encoding; ignored.`);
      continue;
    }
    entries.push([key, value]);
  }

  const activationTokens = entries.filter(([k]) => k === 'a').map(([, v]) => v);
  if (activationTokens.length > 0) {
    const selected: SelectedActivation[] = [];
    for (const token of activationTokens) {
      const sel = parseActivation(token, catalog, problems);
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
        const lo = parts.length === 2 ? parseNumber(parts[0]) : undefined;
        const hi = parts.length === 2 ? parseNumber(parts[1]) : undefined;
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
      default:
        problems.push(`Unknown setting "${key}" in the link; ignored.`);
    }
  }
  return { state, problems };
}

/** `id` or `id(option=…,param=…)`: the URL token, also a stable cache key for one curve. */
export function formatActivation(sel: SelectedActivation): string {
  const pairs = [
    ...Object.entries(sel.options).map(([k, v]) => `${k}=${v}`),
    ...Object.entries(sel.params).map(([k, v]) => `${k}=${formatNumber(v)}`),
  ];
  return pairs.length ? `${sel.id}(${pairs.join(',')})` : sel.id;
}

/** The query that `parseExplorerQuery` reads back to an equal state. */
export function formatExplorerQuery(state: ExplorerState): string {
  const parts = state.selected.map((s) => `a=${encodeToken(formatActivation(s))}`);
  parts.push(`x=${formatNumber(state.xMin)},${formatNumber(state.xMax)}`);
  parts.push(`show=${CURVE_KINDS.filter((k) => state.show[k]).join(',')}`);
  parts.push(`layout=${state.layout}`);
  if (state.marks) parts.push('marks=1');
  return parts.join('&');
}

/** Keeps `( ) , =` readable in the link while escaping anything that could break the query. */
function encodeToken(text: string): string {
  return encodeURIComponent(text).replace(/%2C/g, ',').replace(/%3D/g, '=');
}
