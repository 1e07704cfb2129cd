/**
 * The module docstring and parameter tables every exported Python file starts with: what the
 * activation is, the paper(s) it comes from, its formula in the playground's language, and which
 * derivative the backward pass uses.
 */
import type { CompiledActivation } from '../activation/types';
import type { ExportPlan } from './export-plan';
import { pyFloat } from './python-expr';

/** The formula strings for the compiled options (resolve() when an option differs from its default). */
function formulaTexts(compiled: CompiledActivation): { formula: string; surrogate?: string } {
  const { entry } = compiled;
  const defaults = Object.fromEntries((entry.options ?? []).map((o) => [o.name, o.default]));
  const differs = Object.entries(compiled.options).some(([k, v]) => defaults[k] !== v);
  if (differs && entry.resolve) {
    const r = entry.resolve({ ...defaults, ...compiled.options });
    return { formula: r.formula, surrogate: r.surrogate };
  }
  return { formula: entry.formula, surrogate: entry.surrogate };
}

/**
 * Text safe inside a raw triple-quoted Python string, whatever it holds (names and formulas can
 * come from a file or a link): no two quotes in a row (so no `"""` can close the string), no
 * control character but the newline (a NUL or a lone surrogate makes the file unreadable to
 * Python), and no backslash at the end (it would escape the closing quote).
 */
export function pyDocText(text: string): string {
  return text
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '?')
    .replace(/"(?=")/g, '" ')
    .replace(/["\\]$/, '$& ');
}

export function moduleDocstring(compiled: CompiledActivation, plan: ExportPlan, target: string): string {
  const { entry } = compiled;
  const { formula, surrogate } = formulaTexts(compiled);
  const varList = plan.vars.map((v) => v.name).join(', ');
  const lines: string[] = [
    `${entry.name} (${entry.id}): ${target} export from Activation Playground.`,
    '',
    `Formula, in the playground's expression language (variables: ${varList}):`,
    `    f(${varList}) = ${formula}`,
  ];
  if (Object.keys(compiled.options).length > 0) {
    lines.push(`Options: ${Object.entries(compiled.options).map(([k, v]) => `${k}=${v}`).join(', ')}`);
  }
  lines.push('');
  if (plan.usesSurrogate) {
    lines.push(
      'Backward rule: this is a backward-rule modifier. The forward pass is f; backprop uses the',
      `surrogate s(${varList}) = ${surrogate ?? '(see s below)'} in place of f'.`,
    );
  } else {
    lines.push(
      "Backward rule: the exact derivatives of f, generated symbolically from the formula, with",
      "the playground's kink rule (f'(c) = the left-hand limit, so ReLU'(0) = 0). The gradient is",
      'the same function the playground plots and trains with, not autodiff through `where`',
      '(which would differ at kinks and can give NaN from the untaken branch).',
    );
  }
  if (plan.params.length > 0) {
    lines.push('', 'Parameters (initial value, playground range, trained or fixed):');
    for (const p of plan.params) {
      const alias = p.py === p.name ? '' : ` (Python name ${p.py})`;
      lines.push(`    ${p.name}${alias} = ${pyFloat(p.value)}  in [${pyFloat(p.min)}, ${pyFloat(p.max)}]  ${p.learnable ? 'learnable' : 'fixed'}`);
    }
  }
  if (entry.sources.length > 0) {
    lines.push('', entry.sources.length > 1 ? 'Sources:' : 'Source:');
    for (const s of entry.sources) {
      lines.push(`    ${s.authors} (${s.year}). "${s.title}".${s.arxiv ? ` arXiv:${s.arxiv}` : ''}`);
    }
  }
  if (entry.status === 'reconstruction') {
    lines.push('', 'Status: reconstruction (the formula is the playground\'s reading of the paper).');
  }
  for (const note of entry.notes ?? []) lines.push('', `Note: ${note}`);
  lines.push(
    '',
    'Numerics: exp arguments are clamped to <= 88 (as in the playground\'s float32 ops);',
    'constants are the playground\'s float64 values, digit for digit. Everything is computed in',
    'the dtype of the input (float32 in, float32 out; float64 in, float64 out), numbers made by',
    'the code (1/0 of a comparison, constant branches) included; Phi(x) is 0.5*erfc(-x/sqrt(2)),',
    'accurate in the left tail, where (1 + erf)/2 cancels.',
  );
  return `r"""${pyDocText(lines.join('\n'))}\n"""`;
}

/** PARAM_DEFAULTS / PARAM_RANGES / LEARNABLE: machine-readable, keyed by the registry names. */
export function paramTables(plan: ExportPlan): string {
  const dict = (f: (p: ExportPlan['params'][number]) => string) =>
    `{${plan.params.map((p) => `${JSON.stringify(p.name)}: ${f(p)}`).join(', ')}}`;
  return [
    `PARAM_DEFAULTS = ${dict((p) => pyFloat(p.value))}`,
    `PARAM_RANGES = ${dict((p) => `(${pyFloat(p.min)}, ${pyFloat(p.max)})`)}`,
    `LEARNABLE = ${dict((p) => (p.learnable ? 'True' : 'False'))}`,
  ].join('\n');
}
