/**
 * What every Python export needs, worked out once from a CompiledActivation: Python names for
 * the class, functions, variables and parameters; parameter values, ranges and learnability; and
 * the trees for the forward pass and for the backward pass (f′ or a modifier's surrogate, ∂f/∂p).
 * The three targets (pytorch.ts, jax.ts, keras.ts) only differ in how they wrap these.
 */
import type { CompiledActivation } from '../activation/types';
import type { Node } from '../expr/ast';
import { diff } from '../expr/diff';
import { CodegenError } from './python-expr';

export interface ExportOptions {
  /** Python class name (PyTorch module, Keras layer); derived from the entry when absent. */
  className?: string;
  /** Initial parameter values; default to the entry's defaults. */
  paramValues?: Record<string, number>;
  /** Per-parameter override of trainability; defaults: 'yes' → trained, 'optional'/'no' → fixed. */
  learnable?: Record<string, boolean>;
}

interface ParamPlan {
  /** Registry name (alpha, lambda, a0, …). */
  name: string;
  /** Python identifier (lambda → lambda_). */
  py: string;
  value: number;
  min: number;
  max: number;
  learnable: boolean;
}

export interface ExportPlan {
  entryId: string;
  className: string;
  /** snake_case stem of every generated function name. */
  prefix: string;
  vars: { name: string; py: string }[];
  params: ParamPlan[];
  forward: Node;
  /** d out / d var for each var, in order; a modifier's surrogate in place of f′. */
  inputGrads: Node[];
  /** ∂f/∂p for each param, in order. */
  paramGrads: Node[];
  usesSurrogate: boolean;
}

const PY_KEYWORDS = [
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue',
  'def', 'del', 'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in',
  'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with',
  'yield', 'match', 'case', 'type',
];
/**
 * Names the generated code uses in scopes where parameters are visible (imports, the nested
 * grad function of the Keras op), plus nn.Module / keras Layer attributes a parameter attribute
 * must not shadow. Comprehension variables are not listed: they have their own scope.
 */
const GENERATED_NAMES = [
  'torch', 'F', 'nn', 'jax', 'jnp', 'tf', 'math', 'self', 'ctx', 'grad', 'dy', 'grad_output',
  'saved', 'grads', 'residuals', 'kwargs', 'inputs', 'input_shape', 'float', 'tuple', 'zip',
  'super', 'dict', 'PARAM_DEFAULTS', 'PARAM_RANGES', 'LEARNABLE',
  'dtype', 'trainable', 'weights', 'built', 'training', 'input', 'output', 'losses', 'variables',
  'forward', 'call', 'build', 'apply', 'add_weight', 'register_buffer', 'clamp_parameters',
];
const RESERVED = new Set([...PY_KEYWORDS, ...GENERATED_NAMES]);

/** A Python identifier for a formula symbol: ASCII word characters, `_` appended on collisions. */
export function pyIdentifier(name: string): string {
  let id = name.replace(/[^A-Za-z0-9_]/g, '_');
  if (!/^[A-Za-z_]/.test(id)) id = `_${id}`;
  while (RESERVED.has(id)) id += '_';
  return id;
}

function pascalCase(words: string[]): string {
  return words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}

/**
 * The entry's display name when it spells the id (GoLU, LeakyReLU, xATLU), else the id in
 * PascalCase (relu2 → Relu2), so the class name never misleads.
 */
function defaultClassName(id: string, name: string): string {
  const words = id.split(/[^A-Za-z0-9]+/).filter(Boolean);
  if (id.startsWith('custom') || id.startsWith('my.')) return 'CustomActivation';
  const fromName = name.split(',')[0].replace(/[^A-Za-z0-9]/g, '');
  if (fromName.toLowerCase() === words.join('').toLowerCase() && /^[A-Za-z]/.test(fromName)) return fromName;
  const pascal = pascalCase(words);
  return /^[A-Za-z]/.test(pascal) ? pascal : `Activation${pascal}`;
}

function defaultPrefix(id: string): string {
  if (id.startsWith('custom') || id.startsWith('my.')) return 'custom_activation';
  const stem = id.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  return /^[a-z]/.test(stem) ? stem : `activation_${stem}`;
}

/** The derivative by the i-th variable: the compiled f′ for the first; exact diff for Tier C's u. */
function inputGrad(compiled: CompiledActivation, varName: string, index: number): Node {
  if (index === 0) return compiled.ast.surrogate ?? compiled.ast.df;
  return compiled.ast.dvars?.[varName] ?? diff(compiled.ast.f, varName, varName);
}

export function planExport(compiled: CompiledActivation, opts: ExportOptions = {}): ExportPlan {
  const { entry } = compiled;
  const className = opts.className ?? defaultClassName(entry.id, entry.name);
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(className) || RESERVED.has(className)) {
    throw new CodegenError(`Class name "${className}" is not a usable Python identifier`);
  }
  const known = new Set(compiled.params.map((p) => p.name));
  for (const name of [...Object.keys(opts.paramValues ?? {}), ...Object.keys(opts.learnable ?? {})]) {
    if (!known.has(name)) {
      throw new CodegenError(
        `Unknown parameter "${name}" for ${entry.id}; its parameters are: ${[...known].join(', ') || 'none'}`,
      );
    }
  }
  const used = new Set<string>();
  const unique = (name: string): string => {
    let py = pyIdentifier(name);
    while (used.has(py)) py += '_';
    used.add(py);
    return py;
  };
  const vars = compiled.vars.map((name) => ({ name, py: unique(name) }));
  const params = compiled.params.map((spec): ParamPlan => {
    const value = opts.paramValues?.[spec.name] ?? spec.default;
    if (!Number.isFinite(value)) throw new CodegenError(`Parameter "${spec.name}" must be a finite number, got ${value}`);
    return {
      name: spec.name,
      py: unique(spec.name),
      value,
      min: spec.min,
      max: spec.max,
      learnable: opts.learnable?.[spec.name] ?? spec.learnable === 'yes',
    };
  });
  return {
    entryId: entry.id,
    className,
    prefix: defaultPrefix(entry.id),
    vars,
    params,
    forward: compiled.ast.f,
    inputGrads: compiled.vars.map((v, i) => inputGrad(compiled, v, i)),
    paramGrads: params.map((p) => {
      const g = compiled.ast.dparams[p.name];
      if (g) return g;
      // The compiler leaves out ∂f/∂p where it does not exist (a fixed Mittag-Leffler order, …).
      if (p.learnable) throw new CodegenError(`Parameter "${p.name}" cannot be learnable: f has no derivative by it`);
      return { kind: 'num', value: 0 } as Node;
    }),
    usesSurrogate: compiled.ast.surrogate !== undefined,
  };
}
