/**
 * PyTorch export: a standalone file needing only `torch`. A torch.autograd.Function runs f
 * forward and the playground's own f′ (or surrogate) and ∂f/∂p backward; an nn.Module holds the
 * parameters (learnable ones as one scalar nn.Parameter each per layer, fixed ones as buffers).
 *
 * Parameters are created in float64 from the exact Python floats and cast to the input's dtype
 * in forward: `Module().double()` then holds the exact values (not float32-rounded ones), and a
 * float32 input still computes in float32. `.float()` / `.to(dtype)` choose the stored dtype.
 */
import type { CompiledActivation } from '../activation/types';
import { planExport, type ExportOptions } from './export-plan';
import { moduleDocstring, paramTables } from './python-doc';
import { pyFloat } from './python-expr';
import { argList, functionNames, pythonFunctions } from './python-functions';

const SUM_TO = `def _sum_to(grad, like):
    """Sum a broadcast gradient down to the shape (and dtype) of the tensor it belongs to."""
    while grad.dim() > like.dim():
        grad = grad.sum(0)
    for axis, size in enumerate(like.shape):
        if size == 1 and grad.shape[axis] != 1:
            grad = grad.sum(axis, keepdim=True)
    return grad.reshape(like.shape).to(like.dtype)`;

export function exportPyTorch(compiled: CompiledActivation, opts: ExportOptions = {}): string {
  const plan = planExport(compiled, opts);
  const fn = functionNames(plan);
  const args = argList(plan);
  const fnClass = `_${plan.className}Function`;
  const varArgs = plan.vars.map((v) => v.py).join(', ');
  const paramArgs = plan.params.map((p) => p.py);
  const nVars = plan.vars.length;

  const init = plan.params.map((p) =>
    p.learnable
      ? `        self.${p.py} = nn.Parameter(torch.tensor(float(${p.py}), dtype=torch.float64))`
      : `        self.register_buffer(${JSON.stringify(p.py)}, torch.tensor(float(${p.py}), dtype=torch.float64))`,
  );
  const clampLines = plan.params
    .filter((p) => p.learnable)
    .map((p) => `            self.${p.py}.clamp_(${pyFloat(p.min)}, ${pyFloat(p.max)})`);

  return [
    moduleDocstring(compiled, plan, 'PyTorch'),
    'import torch',
    'import torch.nn.functional as F',
    'from torch import nn',
    '',
    paramTables(plan),
    '',
    '',
    pythonFunctions(plan, 'torch'),
    '',
    '',
    SUM_TO,
    '',
    '',
    `class ${fnClass}(torch.autograd.Function):`,
    '    """Forward: f. Backward: the exported derivative functions (not autograd through `where`)."""',
    '',
    '    @staticmethod',
    `    def forward(ctx, ${args}):`,
    `        ctx.save_for_backward(${args})`,
    `        return ${fn.forward}(${args})`,
    '',
    '    @staticmethod',
    '    def backward(ctx, grad_output):',
    '        saved = ctx.saved_tensors',
    `        grads = [grad_output * g for g in ${fn.inputGrads}(*saved)]`,
    `        for p, g, need in zip(saved[${nVars}:], ${fn.paramGrads}(*saved), ctx.needs_input_grad[${nVars}:]):`,
    '            grads.append(_sum_to(grad_output * g, p) if need else None)',
    '        return tuple(grads)',
    '',
    '',
    `class ${plan.className}(nn.Module):`,
    `    ${JSON.stringify(`${compiled.entry.name} as a layer: ${nVars === 1 ? 'y = module(x)' : `o = module(${varArgs})`}; see the module docstring.`)}`,
    '',
    `    def __init__(self${plan.params.map((p) => `, ${p.py}=${pyFloat(p.value)}`).join('')}):`,
    '        super().__init__()',
    ...init,
    '',
    `    def forward(self, ${varArgs}):`,
    `        return ${fnClass}.apply(${[varArgs, ...paramArgs.map((p) => `self.${p}.to(${plan.vars[0].py}.dtype)`)].join(', ')})`,
    '',
    '    def clamp_parameters(self):',
    '        """Call after each optimizer step: keeps learnable parameters in the playground\'s ranges."""',
    ...(clampLines.length > 0 ? ['        with torch.no_grad():', ...clampLines] : ['        pass']),
    '',
  ].join('\n');
}
