/**
 * A hand-written activation catalog for the Trainer/Compare URL-state tests, independent of the
 * registry, so those tests pin the URL format alone.
 */
import type { CatalogItem, StateCatalog } from '../../../../src/app/state/activationToken';
import type { ParamSpec } from '../../../../src/core/registry/types';

export const beta: ParamSpec = { name: 'beta', default: 1, min: 0.1, max: 10, learnable: 'optional' };
export const fixedK: ParamSpec = { name: 'k', default: 3, min: 1, max: 8, learnable: 'no', integer: true };
export const slope: ParamSpec = { name: 'a', default: 0.25, min: 0, max: 1, learnable: 'yes' };

const items: CatalogItem[] = [
  { id: 'relu', options: [], paramsFor: () => [] },
  { id: 'gelu', options: [], paramsFor: () => [] },
  { id: 'silu', options: [], paramsFor: () => [] },
  { id: 'tanh', options: [], paramsFor: () => [] },
  { id: 'swish', options: [], paramsFor: () => [beta] },
  { id: 'power', options: [], paramsFor: () => [fixedK] },
  { id: 'prelu', options: [], paramsFor: () => [slope] },
];

export const catalog: StateCatalog = {
  lookup: (name) => items.find((i) => i.id === name.toLowerCase()),
};
