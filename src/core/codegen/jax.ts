/**
 * JAX export: a function with jax.custom_vjp whose forward is f and whose backward is the
 * playground's f′ (or surrogate) and ∂f/∂p, all from the same trees. Parameters are plain
 * arguments (pass arrays from your params pytree to train them); clamp_params keeps learnable
 * ones in range after an update.
 */
import type { CompiledActivation } from '../activation/types';
import { planExport, type ExportOptions } from './export-plan';
import { moduleDocstring, paramTables } from './python-doc';
import { pyFloat } from './python-expr';
import { argList, functionNames, pythonFunctions } from './python-functions';

const SUM_TO = `def _sum_to(grad, like):
    """Sum a broadcast cotangent down to the shape (and dtype) of the primal it belongs to."""
    shape = jnp.shape(like)
    grad = jnp.asarray(grad)
    grad = jnp.broadcast_to(grad, jnp.broadcast_shapes(jnp.shape(grad), shape))
    grad = jnp.sum(grad, axis=tuple(range(grad.ndim - len(shape))))
    axes = tuple(i for i, n in enumerate(shape) if n == 1 and grad.shape[i] != 1)
    return jnp.sum(grad, axis=axes, keepdims=True).reshape(shape).astype(jnp.result_type(like))`;

export function exportJax(compiled: CompiledActivation, opts: ExportOptions = {}): string {
  const plan = planExport(compiled, opts);
  const fn = functionNames(plan);
  const args = argList(plan);
  const vjp = `_${plan.prefix}_vjp`;
  const nVars = plan.vars.length;
  const signature = [
    ...plan.vars.map((v) => v.py),
    ...plan.params.map((p) => `${p.py}=${pyFloat(p.value)}`),
  ].join(', ');
  const learnable = plan.params.filter((p) => p.learnable);

  return [
    moduleDocstring(compiled, plan, 'JAX'),
    'import jax',
    'import jax.numpy as jnp',
    'import jax.scipy.special',
    '',
    paramTables(plan),
    '',
    '',
    pythonFunctions(plan, 'jax'),
    '',
    '',
    SUM_TO,
    '',
    '',
    '@jax.custom_vjp',
    `def ${vjp}(${args}):`,
    `    return ${fn.forward}(${args})`,
    '',
    '',
    `def ${vjp}_fwd(${args}):`,
    `    return ${fn.forward}(${args}), (${args},)`,
    '',
    '',
    `def ${vjp}_bwd(residuals, g):`,
    `    input_grads = tuple(_sum_to(g * d, v) for d, v in zip(${fn.inputGrads}(*residuals), residuals))`,
    `    param_grads = tuple(_sum_to(g * d, p) for d, p in zip(${fn.paramGrads}(*residuals), residuals[${nVars}:]))`,
    '    return input_grads + param_grads',
    '',
    '',
    `${vjp}.defvjp(${vjp}_fwd, ${vjp}_bwd)`,
    '',
    '',
    `def ${plan.prefix}(${signature}):`,
    `    ${JSON.stringify(`${compiled.entry.name}, differentiable with the playground's backward rule (see the module docstring).`)}`,
    `    return ${vjp}(${args})`,
    '',
    '',
    'def clamp_params(params):',
    '    """After an update: clip the learnable parameters (a dict keyed by the registry names) to their ranges."""',
    '    out = dict(params)',
    `    for name in ${JSON.stringify(learnable.map((p) => p.name))}:`,
    '        if name in out:',
    '            lo, hi = PARAM_RANGES[name]',
    '            out[name] = jnp.clip(out[name], lo, hi)',
    '    return out',
    '',
  ].join('\n');
}
