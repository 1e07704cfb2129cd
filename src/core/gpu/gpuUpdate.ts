/**
 * The optimizer's update on the WebGPU kernels: each stacked variable by the generated WGSL
 * programs of ./optimizerPrograms.ts (1 dispatch for SGD, 2 for momentum and Adam), equal to the
 * composed ops (src/core/train/composedUpdate.ts) to float32 rounding — tested. Adam's m and v
 * are one [2, …] state tensor here (the composed update keeps them apart).
 */
import type { ParameterUpdate, UpdateRule } from '../kernels/stepKernels';
import { OptimizerState } from '../kernels/optimizerState';
import { gpuUpdate as gpuPrograms } from './optimizerPrograms';

export function gpuUpdate(rule: UpdateRule): ParameterUpdate {
  const state = new OptimizerState();
  return {
    apply(trainables, grads, active, bc1, bc2) {
      trainables.forEach((t, i) => {
        const slot = rule.name === 'sgd' ? null : rule.name === 'momentum' ? state.get(t, 'v') : state.get(t, 'mv', 2);
        const out = gpuPrograms(
          { w: t.variable, g: grads[i], state: slot, active, runStart: t.runStart, runCount: t.runCount, clamp: t.clamp ?? t.clampTable },
          { ...rule, l2: t.decay ? rule.l2 : 0, bc1, bc2 },
        );
        t.variable.assign(out.w);
        if (slot && out.state) slot.assign(out.state);
      });
    },
    dispose: () => state.dispose(),
  };
}
