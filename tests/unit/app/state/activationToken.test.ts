/**
 * One activation token on its own (`id` or `id(name=value,…)`), read and written without any page
 * query around it, against a hand-written catalog.
 */
import { describe, expect, it } from 'vitest';
import {
  checkParamValue,
  formatActivation,
  parseActivationToken,
  type CatalogItem,
  type StateCatalog,
} from '../../../../src/app/state/activationToken';
import type { ParamSpec } from '../../../../src/core/registry/types';

const beta: ParamSpec = { name: 'beta', default: 1, min: 0.1, max: 10, learnable: 'optional' };
const k: ParamSpec = { name: 'k', default: 3, min: 1, max: 8, learnable: 'no', integer: true };
const items: CatalogItem[] = [
  { id: 'relu', options: [], paramsFor: () => [] },
  { id: 'swish', options: [], paramsFor: () => [beta] },
  // An option that changes the parameter list: 'poly' takes k, 'plain' takes nothing.
  { id: 'shape', options: [{ name: 'form', choices: ['plain', 'poly'], default: 'plain' }], paramsFor: (o) => (o.form === 'poly' ? [k] : []) },
];
const catalog: StateCatalog = { lookup: (name) => items.find((i) => i.id === name.toLowerCase()) };

function parse(token: string): { sel: ReturnType<typeof parseActivationToken>; problems: string[] } {
  const problems: string[] = [];
  return { sel: parseActivationToken(token, catalog, problems), problems };
}

describe('parseActivationToken', () => {
  it('reads a bare id (case-insensitive, spaces trimmed) and parameters that differ from the default', () => {
    expect(parse(' ReLU ')).toEqual({ sel: { id: 'relu', params: {}, options: {} }, problems: [] });
    expect(parse('swish(beta=2.5)')).toEqual({ sel: { id: 'swish', params: { beta: 2.5 }, options: {} }, problems: [] });
    expect(parse('swish()')).toEqual({ sel: { id: 'swish', params: {}, options: {} }, problems: [] });
  });

  it('drops values equal to the default, so one curve has one token', () => {
    expect(parse('swish(beta=1)').sel).toEqual({ id: 'swish', params: {}, options: {} });
    expect(parse('shape(form=plain)').sel).toEqual({ id: 'shape', params: {}, options: {} });
  });

  it('reads the parameters of the chosen option, in either order', () => {
    const want = { id: 'shape', params: { k: 5 }, options: { form: 'poly' } };
    expect(parse('shape(form=poly,k=5)')).toEqual({ sel: want, problems: [] });
    expect(parse('shape(k=5,form=poly)')).toEqual({ sel: want, problems: [] });
  });

  it('names each bad part and keeps the rest at its default', () => {
    expect(parse('swish(beta=20)')).toEqual({
      sel: { id: 'swish', params: {}, options: {} },
      problems: ['Parameter "beta" of swish: 20 is outside [0.1, 10]; using the default 1.'],
    });
    expect(parse('shape(form=poly,k=2.5)').problems).toEqual(['Parameter "k" of shape: 2.5 is not an integer; using the default 3.']);
    expect(parse('shape(form=cubic)')).toEqual({
      sel: { id: 'shape', params: {}, options: {} },
      problems: ['Option "form" of shape: "cubic" is not one of plain, poly; using "plain".'],
    });
    expect(parse('shape(k=5)').problems).toEqual(['shape has no parameter or option "k" (it has: form); ignored.']);
    expect(parse('relu(x=1)').problems).toEqual(['relu has no parameter or option "x"; ignored.']);
  });

  it('rejects a token of the wrong shape or an unknown id, with one sentence', () => {
    expect(parse('swish(beta)')).toEqual({ sel: undefined, problems: ['Activation "swish(beta)" is not of the form id or id(name=value,…); ignored.'] });
    expect(parse('a b').sel).toBeUndefined();
    expect(parse('nope')).toEqual({ sel: undefined, problems: ['Unknown activation "nope"; ignored.'] });
  });
});

describe('formatActivation', () => {
  it('writes options before parameters and reads back to the same selection', () => {
    const sel = { id: 'shape', params: { k: 7 }, options: { form: 'poly' } };
    expect(formatActivation(sel)).toBe('shape(form=poly,k=7)');
    expect(parse(formatActivation(sel))).toEqual({ sel, problems: [] });
    expect(formatActivation({ id: 'relu', params: {}, options: {} })).toBe('relu');
  });
});

describe('checkParamValue', () => {
  it('gives the value or the reason', () => {
    expect(checkParamValue(beta, ' 0.1 ')).toBe(0.1);
    expect(checkParamValue(beta, 'abc')).toBe('"abc" is not a number');
    expect(checkParamValue(k, '9')).toBe('9 is outside [1, 8]');
  });
});
