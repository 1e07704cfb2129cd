/**
 * SGD, momentum and Adam updates as generated WGSL programs on tf.js's 'webgpu' backend: per
 * stacked variable one dispatch for the new weights and (momentum, Adam) one for the new state,
 * instead of ~10 tf.js ops (each a dispatch). Adam's m and v live in ONE state tensor [2, …]
 * (m first), so its state is one dispatch too. (A tf.js WebGPU program has one output, so
 * weights and state cannot be written by the same dispatch.)
 *
 * Both programs read the OLD weights, gradient and state and recompute what they need, so they
 * are independent. Every step follows the tf.js op chain of ../train/composedUpdate.ts in float32,
 * op by op (coupled L2 g + w·l2; Adam's m̂ = m / (1 − β₁ᵗ), v̂, lr·m̂ / (√v̂ + ε)), with the same
 * float32 scalars; a run whose `active` entry is false keeps its weights and state (tf.where's
 * select, so a NaN cannot leak), and clamps follow tf.clipByValue (a NaN stays NaN).
 */
import * as tf from '@tensorflow/tfjs';
import { flatProgram, type GpuProgram } from './activationPrograms';
import { runGpuProgram, type GpuUniform } from './runGpuProgram';
import type { UpdateRule } from '../kernels/stepKernels';

/** The updates generated here (the engine's optimizer names). */
type OptimizerName = UpdateRule['name'];

/** The checked rule for one variable (its `l2` is 0 when the variable takes no decay), plus this step's bias corrections. */
export interface GpuUpdateSpec extends UpdateRule {
  /** Adam bias corrections 1 − βᵗ of this step. */
  bc1: number;
  bc2: number;
}

export interface GpuUpdateInput {
  w: tf.Tensor;
  g: tf.Tensor;
  /** Momentum: v (shape of w); Adam: [m; v] as [2, …shape of w]; SGD: null. */
  state: tf.Tensor | null;
  /** bool [R] of the whole stack, or null for all runs. */
  active: tf.Tensor | null;
  /** Leading axis of w = runs [runStart, runStart + runCount) of `active`. */
  runStart: number;
  runCount: number;
  /** One range for every element, or per-element bounds (tensors of w's shape). */
  clamp?: [number, number] | { lo: tf.Tensor; hi: tf.Tensor };
}


type Uniform = GpuUniform;

function run(program: GpuProgram, inputs: tf.Tensor[], uniforms: Uniform[]): tf.Tensor {
  return runGpuProgram(program, inputs, uniforms);
}

const UNIFORMS = 'n : i32, inner : i32, runStart : i32, l2 : f32, lr : f32, mu : f32, b1 : f32, c1 : f32, b2 : f32, c2 : f32, bc1 : f32, bc2 : f32, eps : f32, lo : f32, hi : f32, ';

/** Same order as UNIFORMS; float values are rounded to float32 as tf.js's scalar tensors are. */
function uniformsOf(spec: GpuUpdateSpec, n: number, inner: number, runStart: number, lo: number, hi: number): Uniform[] {
  const f = (v: number): Uniform => ({ type: 'float32', data: [v] });
  const i = (v: number): Uniform => ({ type: 'int32', data: [v] });
  return [
    i(n), i(inner), i(runStart), f(spec.l2), f(spec.lr), f(spec.momentum), f(spec.beta1), f(1 - spec.beta1),
    f(spec.beta2), f(1 - spec.beta2), f(spec.bc1), f(spec.bc2), f(spec.eps), f(lo), f(hi),
  ];
}

type Target = 'weights' | 'state';

interface Layout {
  name: OptimizerName;
  target: Target;
  decay: boolean;
  masked: boolean;
  /** 'none', one range for all (uniforms lo, hi) or per-element bounds (inputs LO, HI). */
  clamp: 'none' | 'uniform' | 'tensor';
}

/** W (unless a state update without L2), G, S (momentum, Adam), A (masked). */
function inputNames(L: Layout): string[] {
  return [...(L.target === 'weights' || L.decay ? ['W'] : []), 'G', ...(L.name === 'sgd' ? [] : ['S']), ...(L.masked ? ['A'] : [])];
}

function updateProgram(L: Layout, outShape: number[]): GpuProgram {
  // Only inputs the code reads: the compiler drops unused bindings, and tf.js binds every input.
  const names = [...inputNames(L), ...(L.clamp === 'tensor' ? ['LO', 'HI'] : [])];
  const lo = L.clamp === 'tensor' ? 'LO[i]' : 'uniforms.lo';
  const hi = L.clamp === 'tensor' ? 'HI[i]' : 'uniforms.hi';
  const clamped = (x: string) => (L.clamp === 'none' ? x : `ap_clip(${x}, ${lo}, ${hi})`);
  // tf.add(g, tf.mul(w, l2)): each op rounds to float32.
  const grad = L.decay ? 'G[i] + W[i] * uniforms.l2' : 'G[i]';
  const mNext = '(S[i] * uniforms.b1 + g * uniforms.c1)';
  const vNext = L.name === 'adam' ? '(S[uniforms.n + i] * uniforms.b2 + (g * g) * uniforms.c2)' : '(S[i] * uniforms.mu + g)';
  let body: string;
  if (L.target === 'state') {
    body = L.name === 'adam'
      ? `let i = index % uniforms.n;
    var out = S[index];
    if (ap_active(i)) {
      let g = ${grad};
      out = select(${mNext}, (S[index] * uniforms.b2 + (g * g) * uniforms.c2), index >= uniforms.n);
    }`
      : `let i = index;
    var out = S[i];
    if (ap_active(i)) {
      let g = ${grad};
      out = ${vNext};
    }`;
  } else {
    const next = L.name === 'sgd'
      ? 'W[i] - g * uniforms.lr'
      : L.name === 'momentum'
        ? `W[i] - ${vNext} * uniforms.lr`
        : `W[i] - ((${mNext} / uniforms.bc1) * uniforms.lr) / (sqrt(${vNext} / uniforms.bc2) + uniforms.eps)`;
    body = `let i = index;
    var out = W[i];
    if (ap_active(i)) {
      let g = ${grad};
      out = ${clamped(next)};
    }`;
  }
  const code = `
fn ap_clip(x: f32, lo: f32, hi: f32) -> f32 {
  if (isnan(x)) { return x; }
  return min(max(x, lo), hi);
}
fn ap_active(i: i32) -> bool {
  ${L.masked ? 'return A[uniforms.runStart + i / uniforms.inner] != 0;' : 'return true;'}
}
fn main(index: i32) {
  if (index < uniforms.size) {
    ${body}
    result[index] = out;
  }
}
`;
  const key = `apopt_${L.name}_${L.target}_${L.decay ? 'd' : 'n'}${L.masked ? 'm' : 'a'}_${L.clamp}`;
  return flatProgram(names, outShape, key, UNIFORMS, code);
}

/**
 * One update of one stacked variable: the new weights and the new state (null for SGD), as new
 * tensors; the caller assigns them.
 */
export function gpuUpdate(inp: GpuUpdateInput, spec: GpuUpdateSpec): { w: tf.Tensor; state: tf.Tensor | null } {
  const n = inp.w.size;
  const clamp = inp.clamp === undefined ? 'none' : Array.isArray(inp.clamp) ? 'uniform' : 'tensor';
  const [lo, hi] = Array.isArray(inp.clamp) ? inp.clamp : [0, 0];
  const layout = (target: Target): Layout => ({ name: spec.name, target, decay: spec.l2 > 0, masked: inp.active !== null, clamp: target === 'state' ? 'none' : clamp });
  const uniforms = uniformsOf(spec, n, n / inp.runCount, inp.runStart, lo, hi);
  const byName: Record<string, tf.Tensor | null> = { W: inp.w, G: inp.g, S: inp.state, A: inp.active };
  const inputsOf = (L: Layout) => inputNames(L).map((name) => byName[name] as tf.Tensor);
  const bounds = clamp === 'tensor' ? [(inp.clamp as { lo: tf.Tensor }).lo, (inp.clamp as { hi: tf.Tensor }).hi] : [];
  const wl = layout('weights');
  const w = run(updateProgram(wl, inp.w.shape), [...inputsOf(wl), ...bounds], uniforms);
  const sl = layout('state');
  const state = inp.state ? run(updateProgram(sl, inp.state.shape), inputsOf(sl), uniforms) : null;
  return { w, state };
}
