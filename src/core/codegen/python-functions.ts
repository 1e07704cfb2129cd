/**
 * The three plain Python functions every export defines from the plan's trees: the forward f,
 * the input gradients (f′, ∂o/∂a and ∂o/∂u, or a surrogate) and the parameter gradients ∂f/∂p.
 * The target wrappers (autograd.Function, custom_vjp, custom_gradient) call only these.
 */
import type { ExportPlan } from './export-plan';
import type { PyDialect } from './python-dialects';
import { pythonExpr } from './python-expr';

export interface FunctionNames {
  forward: string;
  inputGrads: string;
  paramGrads: string;
}

export function functionNames(plan: ExportPlan): FunctionNames {
  return {
    forward: `${plan.prefix}_f`,
    inputGrads: `${plan.prefix}_input_grads`,
    paramGrads: `${plan.prefix}_param_grads`,
  };
}

/** `x, alpha, beta`: the argument list shared by the three functions. */
export function argList(plan: ExportPlan): string {
  return [...plan.vars.map((v) => v.py), ...plan.params.map((p) => p.py)].join(', ');
}

function tuple(items: string[]): string {
  if (items.length === 0) return '()';
  if (items.length === 1) return `(${items[0]},)`;
  return `(\n        ${items.join(',\n        ')},\n    )`;
}

export function pythonFunctions(plan: ExportPlan, dialect: PyDialect): string {
  const names: Record<string, string> = {};
  for (const s of [...plan.vars, ...plan.params]) names[s.name] = s.py;
  const expr = (n: Parameters<typeof pythonExpr>[0]) => pythonExpr(n, { dialect, names, like: plan.vars[0].py });
  const fn = functionNames(plan);
  const args = argList(plan);
  const vars = plan.vars.map((v) => v.name).join(', ');
  const gradNames = plan.vars.map((v) => `d out/d ${v.name}`).join(', ');
  const paramNames = plan.params.map((p) => `d f/d ${p.name}`).join(', ');
  const inputDoc = plan.usesSurrogate
    ? `(s(${vars}),): the surrogate used in place of f' in backprop.`
    : `(${gradNames}): exact derivatives, left-hand limit at kinks.`;
  return [
    `def ${fn.forward}(${args}):`,
    `    """f(${vars}): the forward pass."""`,
    `    return ${expr(plan.forward)}`,
    '',
    '',
    `def ${fn.inputGrads}(${args}):`,
    `    """${inputDoc}"""`,
    `    return ${tuple(plan.inputGrads.map(expr))}`,
    '',
    '',
    `def ${fn.paramGrads}(${args}):`,
    plan.params.length > 0
      ? `    """(${paramNames}): one per parameter, elementwise."""`
      : '    """No parameters: an empty tuple."""',
    `    return ${tuple(plan.paramGrads.map(expr))}`,
  ].join('\n');
}
