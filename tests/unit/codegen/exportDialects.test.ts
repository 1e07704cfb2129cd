/**
 * Issue 15 items 4 and 5 on the JAX and Keras exports (no JAX or TensorFlow here, so the generated
 * text is checked; tests/unit/codegen/exportTorchReal.test.ts runs the PyTorch side for real).
 * Item 4: Φ is 0.5·erfc(−x/√2) in every target (never ndtr, never (1 + erf)/2, which cancels in
 * the left tail). Item 5: numbers the code makes take the input's dtype (tf: tf.cast / tf.constant
 * with dtype=; jax: weakly typed Python floats), and parameter defaults are the registry's values
 * exactly (shortest round-trip decimals), so a float64 run holds them unrounded.
 */
import { describe, expect, it } from 'vitest';
import { compileActivation } from '../../../src/core/activation/compile';
import { exportActivation, type ExportTarget } from '../../../src/core/codegen/index';
import { resolveEntry } from '../../../src/core/registry/index';

const PHI_ENTRIES = ['gelu', 'xgelu', 'geglu', 'xgeglu', 'series-gelu', 'regelu2', 'few-bit'];
const TARGETS: ExportTarget[] = ['pytorch', 'jax', 'keras'];
const exported = (id: string, target: ExportTarget): string => exportActivation(compileActivation(resolveEntry(id), {}), target);

describe('item 4: Φ through erfc in every target', () => {
  const erfc: Record<ExportTarget, string> = {
    pytorch: '(0.5 * torch.special.erfc(-0.7071067811865476 * ',
    jax: '(0.5 * jax.scipy.special.erfc(-0.7071067811865476 * ',
    keras: '(0.5 * tf.math.erfc(-0.7071067811865476 * ',
  };
  for (const id of PHI_ENTRIES) {
    it(`${id}: erfc form, no ndtr, no 1 + erf`, () => {
      for (const t of TARGETS) {
        const code = exported(id, t);
        expect(code, `${id} ${t}`).toContain(erfc[t]);
        expect(code, `${id} ${t}`).not.toMatch(/ndtr|1\.0 \+ (torch\.special|jax\.scipy\.special|tf\.math)\.erf\(/);
      }
    });
  }
});

describe('item 5: dtype-exact numbers and parameters in JAX and Keras', () => {
  it('Keras: truth values are cast and constants made in the input dtype; no bare float32 where(c, 1.0, 0.0)', () => {
    for (const id of ['resilu2', 'hardsigmoid', 'tropical', 'relu6', 'hardswish']) {
      const code = exported(id, 'keras');
      for (const c of code.match(/tf\.constant\([^()]*\)/g) ?? []) expect(c, id).toMatch(/dtype=\w+\.dtype\)$/);
      expect(code, id).not.toMatch(/tf\.where\([^,]+, 1\.0, 0\.0\)/);
      expect(code, id).not.toMatch(/tf\.cast\([^)]*tf\.float32/);
    }
    expect(exported('resilu2', 'keras')).toMatch(/tf\.cast\(.+, x\.dtype\)/);
  });

  it('Keras weights follow the layer dtype (no fixed dtype=), initialised to the exact registry value', () => {
    for (const id of ['kaf', 'pau', 'poly2', 'swish']) {
      const entry = resolveEntry(id);
      const code = exported(id, 'keras');
      const adds = code.split('\n').filter((l) => l.includes('self.add_weight('));
      expect(adds.length, id).toBe(compileActivation(entry, {}).params.length);
      for (const l of adds) expect(l, id).not.toContain('dtype=');
      const init = code.split('\n').find((l) => l.trimStart().startsWith('def __init__(self') && l.includes('**kwargs')) as string;
      for (const p of compileActivation(entry, {}).params) {
        const m = new RegExp(`[(, ]${p.name.replace(/\W/g, '_')}=([^,)]+)`).exec(init);
        expect(m, `${id} ${p.name}`).not.toBeNull();
        expect(Number((m as RegExpExecArray)[1].replace(/[()]/g, '')), `${id} ${p.name}`).toBe(p.default);
      }
    }
  });

  it('JAX: parameter defaults are the exact registry values; constants stay weakly typed Python floats', () => {
    for (const id of ['kaf', 'pau', 'poly2']) {
      const entry = resolveEntry(id);
      const code = exported(id, 'jax');
      const sig = code.split('\n').find((l) => /^def [a-z_0-9]+\(x, /.test(l) && !l.includes('_f(') && !l.includes('_grads(') && !l.includes('_vjp')) as string;
      expect(sig, id).toBeDefined();
      for (const p of compileActivation(entry, {}).params) {
        const m = new RegExp(`[(, ]${p.name.replace(/\W/g, '_')}=([^,)]+)`).exec(sig);
        expect(m, `${id} ${p.name}`).not.toBeNull();
        expect(Number((m as RegExpExecArray)[1].replace(/[()]/g, '')), `${id} ${p.name}`).toBe(p.default);
      }
      expect(code, id).not.toMatch(/jnp\.(float32|asarray\([^)]*float32)/);
    }
    // A truth value as a number: where(c, 1.0, 0.0) with weak floats takes x's dtype in JAX.
    expect(exported('resilu2', 'jax')).toMatch(/jnp\.where\(.+, 1\.0, 0\.0\)|jnp\.where\(/);
  });
});
