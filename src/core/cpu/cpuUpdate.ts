/**
 * The optimizer's update on the CPU kernels: each stacked variable in one loop over its array
 * (./optimizerKernels.ts, Adam on WebAssembly SIMD where available), bit-identical to the
 * composed ops (src/core/train/composedUpdate.ts) — tested. Only on tf.js's 'cpu' backend,
 * where dataSync() hands out the tensor's own array.
 */
import * as tf from '@tensorflow/tfjs';
import type { ParameterUpdate, UpdateRule } from '../kernels/stepKernels';
import { OptimizerState } from '../kernels/optimizerState';
import { adamUpdate, momentumUpdate, sgdUpdate } from './optimizerKernels';
import type { UpdateInput, UpdateOutput } from './updateArrays';

const SLOTS: Record<UpdateRule['name'], string[]> = { sgd: [], momentum: ['v'], adam: ['m', 'v'] };

export function cpuUpdate(rule: UpdateRule): ParameterUpdate {
  const state = new OptimizerState();
  const loop: Record<UpdateRule['name'], (inp: UpdateInput, s: Float32Array[], bc1: number, bc2: number) => UpdateOutput> = {
    sgd: (inp) => sgdUpdate(inp, rule.lr),
    momentum: (inp, [v]) => momentumUpdate(inp, v, rule.lr, rule.momentum),
    adam: (inp, [m, v], bc1, bc2) => adamUpdate(inp, m, v, { lr: rule.lr, beta1: rule.beta1, beta2: rule.beta2, eps: rule.eps, bc1, bc2 }),
  };
  return {
    apply(trainables, grads, active, bc1, bc2) {
      const mask = active ? active.dataSync() : null;
      trainables.forEach((t, i) => {
        const inp: UpdateInput = {
          w: t.variable.dataSync() as Float32Array,
          g: grads[i].dataSync() as Float32Array,
          runs: t.runCount,
          active: mask ? mask.subarray(t.runStart, t.runStart + t.runCount) : null,
          l2: t.decay ? rule.l2 : 0,
          clamp: t.clamp,
        };
        const vars = SLOTS[rule.name].map((n) => state.get(t, n));
        const out = loop[rule.name](inp, vars.map((v) => v.dataSync() as Float32Array), bc1, bc2);
        t.variable.assign(tf.tensor(out.w, t.variable.shape));
        vars.forEach((v, k) => v.assign(tf.tensor(out.state[k], v.shape)));
      });
    },
    dispose: () => state.dispose(),
  };
}
