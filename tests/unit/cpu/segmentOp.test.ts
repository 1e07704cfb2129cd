/**
 * The segment op (src/core/cpu/segmentOp.ts) with several activation groups in one call, as the
 * engine uses it: its training form (the forward pass stores f's derivatives, the backward pass
 * multiplies them by dy) equals the plain form (the backward pass evaluates them again), bit for
 * bit, for a mixed call and for every registry entry alone — with the storage forced on, and
 * with the engine's own choice per activation (stored or recomputed, by estimated cost). (Each form against the float64
 * evaluator: cpuKernels.test.ts; the engine with these ops against tf.js ops: engineKernels.test.ts.)
 */
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { compileActivation } from '../../../src/core/activation/compile';
import type { TfActivation } from '../../../src/core/activation/types';
import { cpuKernels, type CpuKernels } from '../../../src/core/cpu/cpuKernels';
import { setDerivativeStorage, takeArray, type DerivativeStorage } from '../../../src/core/cpu/derivativeStore';
import { segmentActivation, type CpuSegment } from '../../../src/core/cpu/segmentOp';
import { composedRegistryResolver, cpuKernelRegistryResolver } from '../../../src/core/train/registryResolver';
import { allEntries, resolveEntry } from '../../../src/core/registry/index';
import { createRng } from '../../../src/core/data/rng';

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterEach(() => setDerivativeStorage('auto'));

const PER = 96;

/** Values and gradients (vars, then every segment's parameters) of one call. */
function run(ids: string[], runsEach: number, training: boolean, seed = 1, paramGrads?: (name: string) => boolean): number[][] {
  const rng = createRng(seed);
  const compiled = ids.map((id) => compileActivation(resolveEntry(id)));
  const nv = compiled[0].vars.length;
  const R = ids.length * runsEach;
  return tf.tidy(() => {
    const vars = Array.from({ length: nv }, () => tf.tensor3d(Float32Array.from({ length: R * PER }, () => -6 + 12 * rng.uniform()), [R, PER, 1]));
    const params = compiled.map((c) => c.params.map((p) => tf.tensor3d(Float32Array.from({ length: runsEach }, (_, k) => (p.integer ? p.default : Math.min(p.max, Math.max(p.min, p.default + 0.1 * k)))), [runsEach, 1, 1])));
    const dy = tf.tensor3d(Float32Array.from({ length: R * PER }, () => rng.normal()), [R, PER, 1]);
    const f = (...args: tf.Tensor[]) => {
      let i = nv;
      const segments: CpuSegment[] = compiled.map((c) => {
        const ps = args.slice(i, i + c.params.length);
        i += c.params.length;
        const wanted = paramGrads ? c.params.map((p) => paramGrads(p.name)) : undefined;
        return { kernels: cpuKernels(c, { training: true }), runs: runsEach, params: ps, ...(wanted ? { paramGrads: wanted } : {}) };
      });
      return segmentActivation(args.slice(0, nv), segments, training);
    };
    const { value, grads } = tf.valueAndGrads(f)([...vars, ...params.flat()], dy);
    return [value, ...grads].map((t) => Array.from(t.dataSync()));
  });
}

describe('segment op', () => {
  for (const policy of ['always', 'auto'] as DerivativeStorage[]) {
    it(`several groups in one call (storage ${policy}): the training form = the plain form, bit for bit`, () => {
      const ids = ['relu', 'prelu', 'gelu', 'sau', 'golu', 'helu', 'snake', 'pau', 'dyt'];
      const plain = run(ids, 3, false);
      setDerivativeStorage(policy);
      const stored = run(ids, 3, true);
      expect(stored).toEqual(plain);
    });

    it(`every registry entry (storage ${policy}): training form = plain form, bit for bit`, () => {
      const mismatched: string[] = [];
      for (const e of allEntries()) {
        const a = run([e.id], 2, false, 7);
        setDerivativeStorage(policy);
        const b = run([e.id], 2, true, 7);
        setDerivativeStorage('auto');
        const same = a.length === b.length && a.every((arr, i) => arr.every((v, j) => Object.is(v, b[i][j]) || (Number.isNaN(v) && Number.isNaN(b[i][j]))));
        if (!same) mismatched.push(e.id);
      }
      expect(mismatched).toEqual([]);
    });
  }

  it('asked for some parameter gradients only: those are unchanged, the others are zero', () => {
    // golu: α, β, γ; sau: α, s; dyt: α, γ, β. Keep the gradients of α only.
    for (const training of [false, true]) {
      const all = run(['golu', 'sau', 'dyt'], 2, training, 9);
      const some = run(['golu', 'sau', 'dyt'], 2, training, 9, (name) => name === 'alpha');
      expect(some.slice(0, 2)).toEqual(all.slice(0, 2)); // value and d/dx
      const names = ['alpha', 'beta', 'gamma', 'alpha', 's', 'alpha', 'gamma', 'beta'];
      names.forEach((n, i) => expect(some[2 + i]).toEqual(n === 'alpha' ? all[2 + i] : all[2 + i].map(() => 0)));
      expect(all[3].some((v) => v !== 0)).toBe(true); // golu's β gradient is not trivially zero
    }
  });
});

describe('segment op with an extra per-element argument (a stochastic mask)', () => {
  const rule = cpuKernelRegistryResolver({ id: 'stochastic-silu-relu' }).stochastic?.train.cpuPrograms as CpuKernels;
  const reference = composedRegistryResolver({ id: 'stochastic-silu-relu' }).stochastic?.train as TfActivation;
  const prelu = cpuKernels(compileActivation(resolveEntry('prelu')), { training: true });
  // relu, the rule, prelu: 2, 3, 2 runs (the rule's arrays are the only ones of 3·PER elements).
  const R = 7;
  const [ruleFrom, ruleTo] = [2 * PER, 5 * PER];

  /** Values, d/dx and prelu's α gradient of one call; the mask is pooled and handed to the op. */
  function call(training: boolean, seed: number): { out: number[][]; mask: Float64Array; x: Float32Array; dy: Float32Array } {
    const rng = createRng(seed);
    const x = Float32Array.from({ length: R * PER }, () => -6 + 12 * rng.uniform());
    const dy = Float32Array.from({ length: R * PER }, () => rng.normal());
    const mask = takeArray(3 * PER);
    createRng(seed).fork('stochastic-mask').fillBernoulli(mask, 0, mask.length, 0.5);
    const out = tf.tidy(() => {
      const f = (xt: tf.Tensor, alpha: tf.Tensor): tf.Tensor => segmentActivation([xt], [
        { kernels: cpuKernels(compileActivation(resolveEntry('relu')), { training: true }), runs: 2, params: [] },
        { kernels: rule, runs: 3, params: [], extra: mask },
        { kernels: prelu, runs: 2, params: [alpha] },
      ], training);
      const alpha = tf.tensor3d([0.2, 0.3], [2, 1, 1]);
      const { value, grads } = tf.valueAndGrads(f)([tf.tensor3d(x, [R, PER, 1]), alpha], tf.tensor3d(dy, [R, PER, 1]));
      return [value, ...grads].map((t) => Array.from(t.dataSync()));
    });
    return { out, mask, x, dy };
  }

  for (const policy of ['always', 'never', 'auto'] as DerivativeStorage[]) {
    it(`training form (storage ${policy}) = plain form, bit for bit; the mask goes back to the pool once`, () => {
      const plain = call(false, 3).out;
      setDerivativeStorage(policy);
      const { out, mask } = call(true, 3);
      expect(out).toEqual(plain);
      // The arrays given back last are on top of the pool: the mask is among them exactly once.
      const top = [takeArray(mask.length), takeArray(mask.length), takeArray(mask.length)];
      expect(top.filter((a) => a === mask).length).toBe(1);
    });
  }

  it("the rule's segment = the composed rule op with the same mask (values and d/dx), no gradient to the mask", () => {
    const { out, mask, x, dy } = call(true, 5);
    const [ref, dref] = tf.tidy(() => {
      const xs = tf.tensor3d(x.slice(ruleFrom, ruleTo), [3, PER, 1]);
      const m = tf.tensor3d(Float32Array.from(mask), [3, PER, 1]);
      const { value, grads } = tf.valueAndGrads((a: tf.Tensor) => (reference.applyGated as NonNullable<TfActivation['applyGated']>)(a, m, {}))([xs], tf.tensor3d(dy.slice(ruleFrom, ruleTo), [3, PER, 1]));
      return [Array.from(value.dataSync()), Array.from(grads[0].dataSync())];
    });
    const near = (a: number[], b: number[]): boolean => a.every((v, i) => Math.abs(v - b[i]) <= 1e-6 + 1e-5 * Math.abs(b[i]));
    expect(near(out[0].slice(ruleFrom, ruleTo), ref)).toBe(true);
    expect(near(out[1].slice(ruleFrom, ruleTo), dref)).toBe(true);
    expect(mask.some((v) => v === 1) && mask.some((v) => v === 0)).toBe(true);
    expect(out.length).toBe(3); // value, d/dx, d/dα: nothing for the mask
  });

  it('an extra argument must fit its programs and its elements', () => {
    const x = tf.zeros([3, PER, 1]);
    const relu = cpuKernels(compileActivation(resolveEntry('relu')), { training: true });
    expect(() => segmentActivation([x], [{ kernels: rule, runs: 3, params: [], extra: new Float64Array(3 * PER - 1) }])).toThrow(/extra argument of/);
    expect(() => segmentActivation([x], [{ kernels: relu, runs: 3, params: [], extra: new Float64Array(3 * PER) }])).toThrow(/needs programs of 2 variables/);
    x.dispose();
  });
});
