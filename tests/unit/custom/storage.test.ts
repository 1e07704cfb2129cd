/** Saved formulas: round trip through a Map-backed storage; damaged items skipped with a reason. */
import { describe, expect, it } from 'vitest';
import { encodeCustom } from '../../../src/core/custom/encoding';
import { loadFormulas, saveFormulas, STORAGE_KEY, type KeyValueStorage } from '../../../src/core/custom/storage';
import type { CustomActivation } from '../../../src/core/custom/types';

function memory(): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

const A: CustomActivation = { name: 'golu', formula: 'x*exp(-exp(-x))', params: [] };
const B: CustomActivation = { name: 'swish a', formula: 'x*sigmoid(a*x)', params: [{ name: 'a', default: 1.5, min: 0, max: 4, learnable: true }] };

describe('formula storage', () => {
  it('saves and loads the list in order', () => {
    const s = memory();
    expect(loadFormulas(s)).toEqual({ formulas: [], problems: [] });
    expect(saveFormulas(s, [A, B])).toBeUndefined();
    expect(loadFormulas(s)).toEqual({ formulas: [A, B], problems: [] });
  });

  it('skips damaged items and reports them; damaged lists and blocked storage do not throw', () => {
    const s = memory();
    s.setItem(STORAGE_KEY, JSON.stringify([encodeCustom(A), 'garbage$', 42, encodeCustom(B)]));
    const loaded = loadFormulas(s);
    expect(loaded.formulas).toEqual([A, B]);
    expect(loaded.problems).toHaveLength(2);
    expect(loaded.problems[0]).toMatch(/Saved formula 2 was skipped: .*character "\$"/);
    s.setItem(STORAGE_KEY, '{not json');
    expect(loadFormulas(s)).toEqual({ formulas: [], problems: ['Saved formulas are damaged and were ignored.'] });
    const blocked: KeyValueStorage = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(loadFormulas(blocked).problems[0]).toMatch(/blocked/);
    expect(saveFormulas(blocked, [A])).toMatch(/could not be saved/);
    expect(saveFormulas(undefined, [A])).toMatch(/no browser storage/);
  });
});
