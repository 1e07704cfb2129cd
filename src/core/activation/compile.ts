/**
 * Registry entry (or typed formula) → CompiledActivation: parse once, differentiate
 * symbolically (f′, f″, ∂f/∂p; ∂o/∂a, ∂o/∂u for gated blocks), print TeX, and compile float64
 * closures once; `scalar(params)` only binds parameter values.
 */
import { texForm } from '../expr/texForm';
import type { Node } from '../expr/ast';
import { diff } from '../expr/diff';
import { ExprError } from '../expr/errors';
import { compileFloat64Many, type NumFn } from '../expr/evaluate';
import { parseFormula } from '../expr/parse';
import { simplify } from '../expr/simplify';
import { children, distinctNodes, MAX_SAMPLED_NODES } from '../expr/size';
import { toTex } from '../expr/tex';
import type { ActivationEntry, ParamSpec } from '../registry/types';
import type { CompiledActivation, GatedScalar, ScalarActivation } from './types';
import { fnv1a } from '../math/fnv1a';

type FormulaFunctions = Record<string, (args: Node[]) => Node>;

/**
 * Formulas may call functions beyond the built-in ones (registry activations by name: gelu(x),
 * glu(a, u), …) only through the table a caller passes: the registry's is registryFunctions()
 * in ../registry/index.ts. Registry entries are written with built-ins only and need none.
 */
export interface CompileOptions {
  functions?: FormulaFunctions;
}

const cache = new WeakMap<ActivationEntry, Map<string, CompiledActivation>>();

function defaultOptions(entry: ActivationEntry): Record<string, string> {
  return Object.fromEntries((entry.options ?? []).map((o) => [o.name, o.default]));
}

function resolveOptions(entry: ActivationEntry, given: Record<string, string>): Record<string, string> {
  const specs = entry.options ?? [];
  const out = defaultOptions(entry);
  for (const [name, value] of Object.entries(given)) {
    const spec = specs.find((s) => s.name === name);
    if (!spec) throw new Error(`Activation "${entry.id}" has no option "${name}"${specs.length ? `; options: ${specs.map((s) => s.name).join(', ')}` : ''}`);
    if (!spec.choices.includes(value)) {
      throw new Error(`Option "${name}" of activation "${entry.id}" cannot be "${value}"; choices: ${spec.choices.join(', ')}`);
    }
    out[name] = value;
  }
  return out;
}

function optionsKey(options: Record<string, string>): string {
  return JSON.stringify(Object.keys(options).sort().map((k) => [k, options[k]]));
}

/** ∂f/∂p for every parameter; a fixed parameter whose derivative does not exist is left out. */
function paramDerivatives(f: Node, params: ParamSpec[], dir: string): Record<string, Node> {
  const out: Record<string, Node> = Object.create(null);
  for (const p of params) {
    try {
      out[p.name] = simplify(diff(f, p.name, dir));
    } catch (e) {
      if (e instanceof ExprError && p.learnable === 'no') continue;
      throw e;
    }
  }
  return out;
}

/**
 * `typed`: a formula from a user, a link or a file, held to MAX_SAMPLED_NODES (registry entries
 * are the project's own; chebyshev with K = 64 takes ~1,300).
 */
function build(entry: ActivationEntry, options: Record<string, string>, fns: FormulaFunctions | undefined, typed = false): CompiledActivation {
  const isDefault = optionsKey(options) === optionsKey(defaultOptions(entry));
  const set = !isDefault && entry.resolve ? entry.resolve(options) : { formula: entry.formula, surrogate: entry.surrogate, params: entry.params };
  const params = set.params ?? entry.params;
  const vars = entry.tier === 'C' ? ['a', 'u'] : ['x'];
  const dir = vars[0];
  const parseOpts = { vars, params: params.map((p) => p.name), functions: fns };

  const f = simplify(parseFormula(set.formula, parseOpts));
  const surrogate = set.surrogate ? simplify(parseFormula(set.surrogate, parseOpts)) : undefined;
  const df = simplify(diff(f, dir, dir));
  const d2f = simplify(diff(df, dir, dir));
  const ops = typed ? distinctNodes([f, df, d2f]) : 0;
  if (ops > MAX_SAMPLED_NODES) {
    throw new ExprError(`Formula is too large: f, f′ and f″ take ${ops} operations per point (at most ${MAX_SAMPLED_NODES}); simplify it or nest fewer calls`, 0, set.formula.length);
  }
  const dparams = paramDerivatives(f, params, dir);
  const dvars = entry.tier === 'C' ? { a: df, u: simplify(diff(f, 'u', 'u')) } : undefined;

  const texOf = (n: Node) => toTex(n);
  // Guards are an implementation detail: the TeX follows the mathematical formula when there is one.
  const mathF = isDefault && entry.math ? simplify(parseFormula(entry.math.formula, parseOpts)) : null;
  const mathDf = mathF ? simplify(diff(mathF, dir, dir)) : df;
  const tex = {
    f: isDefault && entry.tex ? entry.tex : texOf(mathF ?? f),
    // Derivatives are shown tidied (products ordered and collected, short factors multiplied out).
    df: texOf(texForm(mathDf, { vars })),
    d2f: texOf(texForm(mathF ? simplify(diff(mathDf, dir, dir)) : d2f, { vars })),
    ...(surrogate ? { surrogate: texOf(surrogate) } : {}),
  };

  // One compiler for all trees, so subtrees shared between f, f′, f″ and ∂f/∂p compile once.
  const names = [...vars, ...params.map((p) => p.name)];
  const paramNames = Object.keys(dparams);
  const trees: Node[] = [f, df, d2f, ...(surrogate ? [surrogate] : []), ...paramNames.map((p) => dparams[p]), ...(dvars ? [dvars.u] : [])];
  const compiled = compileFloat64Many(trees, names);
  const [F, DF, D2F] = compiled;
  const S = surrogate ? compiled[3] : undefined;
  const offset = surrogate ? 4 : 3;
  const DP: Record<string, NumFn> = Object.fromEntries(paramNames.map((p, i) => [p, compiled[offset + i]]));
  const DU = dvars ? compiled[offset + paramNames.length] : undefined;
  const nv = vars.length;

  const scalar = (values: Record<string, number> = {}): ScalarActivation => {
    const env = new Float64Array(names.length);
    params.forEach((p, i) => {
      const v = Object.hasOwn(values, p.name) ? values[p.name] : undefined;
      env[nv + i] = v === undefined ? p.default : v;
    });
    // For gated blocks the 1-D curves are the gate g(a) = o(a, u = 1).
    const at1 = (fn: NumFn) => (x: number) => {
      env[0] = x;
      if (nv === 2) env[1] = 1;
      return fn(env);
    };
    const at2 = (fn: NumFn) => (a: number, u: number) => {
      env[0] = a;
      env[1] = u;
      return fn(env);
    };
    const out: ScalarActivation = {
      f: at1(F),
      df: at1(DF),
      d2f: at1(D2F),
      dparam: Object.fromEntries(paramNames.map((p) => [p, at1(DP[p])])),
    };
    if (S) out.surrogate = at1(S);
    if (DU) {
      const gated: GatedScalar = {
        o: at2(F),
        dOda: at2(DF),
        dOdu: at2(DU),
        dparam: Object.fromEntries(paramNames.map((p) => [p, at2(DP[p])])),
      };
      out.gated = gated;
    }
    return out;
  };

  return {
    entry,
    options,
    params,
    vars,
    ast: { f, df, d2f, ...(surrogate ? { surrogate } : {}), dparams, ...(dvars ? { dvars } : {}) },
    tex,
    scalar,
  };
}

/**
 * Compile a registry entry; cached per (entry, options). Throws ExprError for a formula problem
 * and Error for an unknown option name or value.
 */
export function compileActivation(entry: ActivationEntry, options: Record<string, string> = {}, opts: CompileOptions = {}): CompiledActivation {
  const resolved = resolveOptions(entry, options);
  const fns = opts.functions;
  const key = optionsKey(resolved) + (opts.functions ? ':own-functions' : '');
  let perEntry = cache.get(entry);
  if (!perEntry) {
    perEntry = new Map();
    cache.set(entry, perEntry);
  }
  const hit = opts.functions ? undefined : perEntry.get(key);
  if (hit) return hit;
  const compiled = build(entry, resolved, fns);
  if (!opts.functions) perEntry.set(key, compiled);
  return compiled;
}

/** FNV-1a, 32 bit: a short stable id for a typed formula. */
function hash(text: string): string {
  return fnv1a(text).toString(16).padStart(8, '0');
}

export interface FormulaOptions extends CompileOptions {
  id?: string;
  name?: string;
  /** ['x'] (default) or ['a', 'u'] for a gated block. */
  vars?: string[];
  surrogate?: string;
}

/**
 * Compile a user-typed formula into a CompiledActivation with a synthetic entry; `opts.functions`
 * is the table of callable activations (none unless given).
 */
export function compileFormula(src: string, params: ParamSpec[], opts: FormulaOptions = {}): CompiledActivation {
  const gated = opts.vars?.length === 2;
  if (opts.vars && !(opts.vars.length === 1 && opts.vars[0] === 'x') && !(gated && opts.vars[0] === 'a' && opts.vars[1] === 'u')) {
    throw new Error(`Formula variables must be ["x"] or ["a", "u"], got ${JSON.stringify(opts.vars)}`);
  }
  const key = `${src}|${opts.surrogate ?? ''}|${params.map((p) => `${p.name}=${p.default}`).join(',')}|${gated ? 'au' : 'x'}`;
  const entry: ActivationEntry = {
    id: opts.id ?? `custom:${hash(key)}`,
    name: opts.name ?? src,
    aliases: [],
    tier: gated ? 'C' : opts.surrogate ? 'modifier' : 'A',
    family: 'custom',
    tags: ['custom'],
    formula: src,
    ...(opts.surrogate ? { surrogate: opts.surrogate } : {}),
    params,
    sources: [],
    status: 'standard',
  };
  const compiled = build(entry, {}, opts.functions, true);
  if (usesMittagLeffler(compiled.ast.f)) entry.notes = [ML_TABLE_NOTE];
  // compileActivation(entry) of this synthetic entry (a custom formula trained, exported, read
  // from a file) is this compile, made with the caller's functions.
  cache.set(entry, new Map([[optionsKey({}), compiled]]));
  return compiled;
}

/** Said on every typed formula that calls mlE: its tf.js ops are not the plotted float64 values beyond z = 20. */
const ML_TABLE_NOTE =
  'mlE, mlE1, mlE2: the plots and the CPU kernels compute them in float64; composed tf.js ops (WebGL, WASM, tf.js cpu ops) read a table on z in [-20, 20] and hold the value at z = 20 beyond it: mlE1(41, 1, 2) is 1.5e16 but trains there as its value at 20, 2.3e7.';

function usesMittagLeffler(root: Node): boolean {
  const seen = new Set<Node>();
  const stack = [root];
  while (stack.length > 0) {
    const n = stack.pop() as Node;
    if (seen.has(n)) continue;
    seen.add(n);
    if (n.kind === 'call' && (n.fn === 'mlE' || n.fn === 'mlE1' || n.fn === 'mlE2')) return true;
    stack.push(...children(n));
  }
  return false;
}
