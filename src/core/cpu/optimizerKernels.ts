/**
 * SGD, momentum and Adam updates as plain loops over a stacked variable's array, for tf.js's
 * 'cpu' backend: one pass per variable instead of ~10 tf.js ops (each allocating and walking
 * the array). Every step is rounded to float32 exactly where the tf.js op chain in
 * ../train/composedUpdate.ts rounds (each op's result is stored in a Float32Array; its scalars are
 * float32 tensors), so both paths give bit-identical weights — tested. Adam runs on WebAssembly
 * SIMD where available (../wasm/wasmAdam.ts), with the same bits.
 */
import { wasmAdamUpdate } from '../wasm/wasmAdam';
import { wasmKernels } from '../wasm/wasmEngine';
import type { AdamScalars, UpdateInput, UpdateOutput } from './updateArrays';

export type { AdamScalars, UpdateInput, UpdateOutput } from './updateArrays';

const f32 = Math.fround;

/** tf.clipByValue's rule (a NaN stays NaN), then rounded to float32. */
function clip(v: number, clamp: [number, number] | undefined): number {
  if (!clamp) return v;
  return f32(v > clamp[1] ? clamp[1] : v < clamp[0] ? clamp[0] : v);
}

/**
 * The [start, end) element ranges of the active runs. The updates loop over these directly: a
 * per-element callback was not inlined by V8 and cost as much as Adam's arithmetic.
 */
function activeRanges(n: number, runs: number, active: UpdateInput['active']): number[] {
  const per = n / runs;
  const ranges: number[] = [];
  for (let r = 0; r < runs; r++) {
    if (active && !active[r]) continue;
    // Adjacent active runs make one range.
    if (ranges.length && ranges[ranges.length - 1] === r * per) ranges[ranges.length - 1] = (r + 1) * per;
    else ranges.push(r * per, (r + 1) * per);
  }
  return ranges;
}

function decayedGradient(inp: UpdateInput, i: number, l2: number): number {
  return l2 > 0 ? f32(inp.g[i] + f32(inp.w[i] * l2)) : inp.g[i];
}

export function sgdUpdate(inp: UpdateInput, lr: number): UpdateOutput {
  const w = Float32Array.from(inp.w);
  const [l2, rate] = [f32(inp.l2), f32(lr)];
  const ranges = activeRanges(w.length, inp.runs, inp.active);
  for (let k = 0; k < ranges.length; k += 2) {
    for (let i = ranges[k]; i < ranges[k + 1]; i++) w[i] = clip(f32(inp.w[i] - f32(decayedGradient(inp, i, l2) * rate)), inp.clamp);
  }
  return { w, state: [] };
}

export function momentumUpdate(inp: UpdateInput, v: Float32Array, lr: number, mu: number): UpdateOutput {
  const w = Float32Array.from(inp.w);
  const vNext = Float32Array.from(v);
  const [l2, rate, m] = [f32(inp.l2), f32(lr), f32(mu)];
  const ranges = activeRanges(w.length, inp.runs, inp.active);
  for (let k = 0; k < ranges.length; k += 2) {
    for (let i = ranges[k]; i < ranges[k + 1]; i++) {
      const vi = f32(f32(v[i] * m) + decayedGradient(inp, i, l2));
      vNext[i] = vi;
      w[i] = clip(f32(inp.w[i] - f32(vi * rate)), inp.clamp);
    }
  }
  return { w, state: [vNext] };
}


export function adamUpdate(inp: UpdateInput, m: Float32Array, v: Float32Array, k: AdamScalars): UpdateOutput {
  const wasm = wasmKernels();
  return wasm ? wasmAdamUpdate(wasm, inp, m, v, k, activeRanges(inp.w.length, inp.runs, inp.active)) : jsAdamUpdate(inp, m, v, k);
}

/** The plain loop: the reference wasmAdamUpdate equals, and the fallback. */
export function jsAdamUpdate(inp: UpdateInput, m: Float32Array, v: Float32Array, k: AdamScalars): UpdateOutput {
  const w = Float32Array.from(inp.w);
  const mNext = Float32Array.from(m);
  const vNext = Float32Array.from(v);
  const l2 = f32(inp.l2);
  const [b1, c1, b2, c2] = [f32(k.beta1), f32(1 - k.beta1), f32(k.beta2), f32(1 - k.beta2)];
  const [bc1, bc2, lr, eps] = [f32(k.bc1), f32(k.bc2), f32(k.lr), f32(k.eps)];
  const ranges = activeRanges(w.length, inp.runs, inp.active);
  for (let k = 0; k < ranges.length; k += 2) {
    for (let i = ranges[k]; i < ranges[k + 1]; i++) {
      const g = decayedGradient(inp, i, l2);
      const mi = f32(f32(m[i] * b1) + f32(g * c1));
      const vi = f32(f32(v[i] * b2) + f32(f32(g * g) * c2));
      mNext[i] = mi;
      vNext[i] = vi;
      const mHat = f32(mi / bc1);
      const vHat = f32(vi / bc2);
      const delta = f32(f32(mHat * lr) / f32(f32(Math.sqrt(vHat)) + eps));
      w[i] = clip(f32(inp.w[i] - delta), inp.clamp);
    }
  }
  return { w, state: [mNext, vNext] };
}
