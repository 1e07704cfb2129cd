/**
 * Issue 14, item 6: a Compare link carrying 12 typed formulas (`my.…` ids, each a nested
 * registry call) took 2.6–10.7 s to parse, every token compiled twice and the first uncached.
 * Now each is compiled once (compileCustom caches per id) and the whole link parses within the
 * per-formula validation budget (100 ms each on the CI machine), a re-parse from the cache in
 * a few milliseconds. Bounds are loose (2× on a loaded 2-core machine) and stated here.
 */
import { describe, expect, it } from 'vitest';
import { customId } from '../../../src/core/custom/encoding';
import { activationCatalog } from '../../../src/app/formula/activationCatalog';
import { parseCompareQuery } from '../../../src/app/state/compareState';
import { encodeToken } from '../../../src/app/state/queryCodec';

/** silu nested `depth` deep around a parameterised gate, unique per k. */
function formula(k: number, depth: number): string {
  let f = `x * sigmoid(b * x + ${k / 10})`;
  for (let d = 0; d < depth; d++) f = `silu(${f})`;
  return f;
}

describe('a Compare link with 12 typed formulas', () => {
  it('parses once per token, within 12 × 100 ms, and a second time from the cache', () => {
    const ids = Array.from({ length: 12 }, (_, k) =>
      customId({ name: `nested ${k}`, formula: formula(k, 6), params: [{ name: 'b', default: 1, min: 0.1, max: 5, learnable: true }] }),
    );
    const query = `${ids.map((id) => `a=${encodeToken(id)}`).join('&')}&seeds=2&epochs=5`;
    const t0 = performance.now();
    const first = parseCompareQuery(query, activationCatalog);
    const firstMs = performance.now() - t0;
    const t1 = performance.now();
    const again = parseCompareQuery(query, activationCatalog);
    const againMs = performance.now() - t1;
    console.log(`12 typed formulas in a Compare link: first parse ${firstMs.toFixed(0)} ms, cached ${againMs.toFixed(1)} ms`);
    expect(first.problems).toEqual([]);
    expect(first.state.activations.map((a) => a.sel.id)).toEqual(ids);
    expect(again.state.activations.map((a) => a.sel.id)).toEqual(ids);
    expect(firstMs).toBeLessThan(2 * 12 * 100);
    expect(againMs).toBeLessThan(50);
  });
});
