/**
 * The tf.js compiler's peepholes, on the CPU and the WASM backend, against hand-derived values:
 * kink ties whose x-derivatives depend on a per-run parameter (not folded: built from logical
 * ops) and constant ones (folded at compile time), for every comparison operator; constant
 * conditional branches; compileTfMany's shared evaluation. Exact comparisons where the values
 * are small integers or halves (exact in float32).
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { compileFormula } from '../../../src/core/activation/compile';
import { makeTfActivation } from '../../../src/core/activation/tfop';
import { parseFormula } from '../../../src/core/expr/parse';
import { compileTf, compileTfMany } from '../../../src/core/expr/tfjs';
import type { ParamSpec } from '../../../src/core/registry/types';
import { selectBackend } from '../../../src/core/train/backend';

afterAll(async () => {
  await tf.setBackend('cpu');
});

const a: ParamSpec = { name: 'a', default: 1, min: -2, max: 2, learnable: 'yes' };

/** f′ at x = 0 for per-run a = −1, 0, 1 (a tensor [3, 1, 1]) through makeTfActivation's backward. */
function slopeAtZero(formula: string): number[] {
  const act = makeTfActivation(compileFormula(formula, [a]));
  return tf.tidy(() => {
    const x = tf.zeros([3, 1, 1]);
    const av = tf.tensor3d([-1, 0, 1], [3, 1, 1]);
    return Array.from(tf.grad((xx: tf.Tensor) => act.apply(xx, { a: av }))(x).dataSync());
  });
}

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`tf.js compiler peepholes on ${backend}`, () => {
    it(`${backend} is available`, async () => {
      expect((await selectBackend(backend)).backend).toBe(backend);
    });

    // f = test ? x : 2x, so f′ = 1 where the test holds just left of x = 0, else 2. With
    // l = a·x, r = 0 the tie's dl = a is a per-run tensor: the decision is made at run time.
    // Just left of 0, a·x has the sign of −a.
    const CASES: [string, number[]][] = [
      ['a * x > 0 ? x : 2 * x', [1, 2, 2]],
      ['a * x >= 0 ? x : 2 * x', [1, 1, 2]],
      ['a * x < 0 ? x : 2 * x', [2, 2, 1]],
      ['a * x <= 0 ? x : 2 * x', [2, 1, 1]],
      ['a * x == 0 ? x : 2 * x', [2, 1, 2]],
      ['a * x != 0 ? x : 2 * x', [1, 2, 1]],
      // max(x, a·x): the left-hand slope at 0 is min(1, a).
      ['max(x, a * x)', [-1, 0, 1]],
      // Constant tie derivatives (dl = 1, dr = 0): folded at compile time.
      ['x > 0 ? x : 2 * x + a * 0', [2, 2, 2]],
      ['x >= 0 ? x : 2 * x + a * 0', [2, 2, 2]],
      ['x < 0 ? x : 2 * x + a * 0', [1, 1, 1]],
      ['x <= 0 ? x : 2 * x + a * 0', [1, 1, 1]],
    ];
    for (const [formula, want] of CASES) {
      it(`left-hand rule at a tie: ${formula}`, () => {
        const before = tf.memory().numTensors;
        expect(slopeAtZero(formula)).toEqual(want);
        expect(tf.memory().numTensors).toBe(before);
      });
    }

    it('constant branches: c ? 1 : 0, c ? 3 : 0, c ? 0 : 2, c ? 2 : 5', () => {
      const xs = [-2, -0.5, 0, 0.5, 1, 2, NaN];
      const opts = { vars: ['x'], params: [] };
      const got = tf.tidy(() => {
        const x = tf.tensor1d(xs);
        return ['x > 0 ? 1 : 0', 'x > 0 ? 3 : 0', 'x > 0 ? 0 : 2', 'x > 0 ? 2 : 5'].map((s) => Array.from(compileTf(parseFormula(s, opts), ['x'])({ x }).dataSync()));
      });
      // NaN > 0 is false, so NaN takes the else branch.
      expect(got).toEqual([
        [0, 0, 0, 1, 1, 1, 0],
        [0, 0, 0, 3, 3, 3, 0],
        [2, 2, 2, 0, 0, 0, 2],
        [5, 5, 5, 2, 2, 2, 5],
      ]);
    });

    it('max(x, 0) forward keeps NaN and gives 0 for negatives', () => {
      const got = tf.tidy(() => Array.from(compileTf(parseFormula('max(x, 0)', { vars: ['x'], params: [] }), ['x'])({ x: tf.tensor1d([-3, 0, 2.5, NaN]) }).dataSync()));
      expect(got.slice(0, 3)).toEqual([0, 0, 2.5]);
      expect(got[3]).toBeNaN();
    });

    it('compileTfMany: shared subtrees, pick, and a distinct tensor per result', () => {
      const opts = { vars: ['x'], params: ['a'] };
      const trees = ['sigmoid(a * x) * x', 'sigmoid(a * x) * x', 'sigmoid(a * x)'].map((s) => parseFormula(s, opts));
      const many = compileTfMany(trees, ['x', 'a']);
      const before = tf.memory().numTensors;
      const x = tf.tensor1d([-1, 0, 2]);
      const av = tf.tensor3d([0.5, 2], [2, 1, 1]);
      const outs = many({ x, a: av });
      expect(outs).toHaveLength(3);
      expect(new Set(outs).size).toBe(3);
      const sig = (z: number) => 1 / (1 + Math.exp(-z));
      const want = [0.5, 2].flatMap((ar) => [-1, 0, 2].map((xv) => sig(ar * xv) * xv));
      Array.from(outs[0].dataSync()).forEach((v, i) => expect(Math.abs(v - want[i])).toBeLessThan(1e-6));
      expect(Array.from(outs[1].dataSync())).toEqual(Array.from(outs[0].dataSync()));
      const picked = many({ x, a: av }, [2]);
      expect(picked).toHaveLength(1);
      Array.from(picked[0].dataSync()).forEach((v, i) => expect(Math.abs(v - sig([0.5, 2][i < 3 ? 0 : 1] * [-1, 0, 2][i % 3]))).toBeLessThan(1e-6));
      tf.dispose([...outs, ...picked, x, av]);
      expect(tf.memory().numTensors).toBe(before);
      expect(() => many({ x, a: av }, [3])).toThrow(/no tree number 3/);
    });
  });
}
