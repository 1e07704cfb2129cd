/** validateCustom: each problem names its field, and formula problems carry their position. */
import { describe, expect, it } from 'vitest';
import { compileCustom } from '../../../src/core/custom/compileCustom';
import { CustomFormatError, type CustomActivation } from '../../../src/core/custom/types';
import { validateCustom } from '../../../src/core/custom/validate';

const base: CustomActivation = { name: 'f', formula: 'a * x * sigmoid(b * x)', params: [
  { name: 'a', default: 1, min: 0, max: 5, learnable: true },
  { name: 'b', default: 1, min: 0, max: 5, learnable: false },
] };

describe('validateCustom', () => {
  it('accepts a sound definition', () => {
    expect(validateCustom(base)).toEqual([]);
    expect(validateCustom({ name: 'uses gelu', formula: 'gelu(x) + leaky_relu(x)', params: [] })).toEqual([]);
  });

  it('locates formula errors by character position', () => {
    const at = (formula: string) => validateCustom({ ...base, formula });
    expect(at('a * x * sigmoid(b * x')).toEqual([expect.objectContaining({ field: 'formula', position: 21 })]);
    const unknown = at('a * x * sigmoid(c * x)');
    expect(unknown).toEqual([expect.objectContaining({ field: 'formula', position: 16, length: 1 })]);
    expect(unknown[0].message).toMatch(/Unknown symbol "c"/);
    expect(at('a * x * sigmod(b * x)')[0]).toMatchObject({ field: 'formula', position: 8, length: 6 });
    expect(at('2 x')[0]).toMatchObject({ field: 'formula', position: 2 });
    expect(at('   ')[0]).toMatchObject({ field: 'formula', message: 'Formula is empty' });
  });

  it('names the parameter field for bad declarations', () => {
    const withParam = (p: Partial<CustomActivation['params'][number]>) => validateCustom({ ...base, params: [base.params[0], { ...base.params[1], ...p }] });
    expect(withParam({ name: 'x' })[0]).toMatchObject({ field: 'params.1.name' });
    expect(withParam({ name: 'exp' })[0].message).toMatch(/function name/);
    expect(withParam({ name: 'gelu' })[0].message).toMatch(/function name/);
    expect(withParam({ name: '2b' })[0].field).toBe('params.1.name');
    expect(withParam({ name: 'a' })[0].message).toMatch(/declared twice/);
    expect(withParam({ min: 3, max: 2 })[0]).toMatchObject({ field: 'params.1.max' });
    expect(withParam({ default: 7 })[0]).toMatchObject({ field: 'params.1.default' });
    expect(withParam({ default: NaN })[0]).toMatchObject({ field: 'params.1.default' });
    expect(withParam({ max: Infinity })[0]).toMatchObject({ field: 'params.1.max' });
    expect(validateCustom({ ...base, name: ' ' })).toEqual([expect.objectContaining({ field: 'name' })]);
  });

  it('compileCustom refuses an invalid definition with the problems attached', () => {
    let error: unknown;
    try {
      compileCustom({ ...base, formula: 'a * (x' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CustomFormatError);
    expect((error as CustomFormatError).problems[0]).toMatchObject({ field: 'formula', position: 6 });
  });
});
