import { describe, expect, it } from 'vitest';
import { DEFAULT_PROPAGATION, DEFAULT_STATE, MAX_SELECTED, formatExplorerQuery, parseExplorerQuery, type ExplorerState } from '../../../../src/app/state/explorerState';
import { type CatalogItem, type StateCatalog } from '../../../../src/app/state/activationToken';
import { formatRoute, parseRoute } from '../../../../src/app/state/route';
import type { ParamSpec } from '../../../../src/core/registry/types';

// A hand-written catalog, independent of the registry, so these tests pin the URL format alone.
const beta: ParamSpec = { name: 'beta', default: 1, min: 0.1, max: 10, learnable: 'optional' };
const s: ParamSpec = { name: 's', default: 5e-5, min: 5e-5, max: 2, learnable: 'no', scale: 'log' };
const k: ParamSpec = { name: 'k', default: 3, min: 1, max: 8, learnable: 'no', integer: true };
const items: CatalogItem[] = [
  { id: 'relu', options: [], paramsFor: () => [] },
  { id: 'gelu', options: [], paramsFor: () => [] },
  { id: 'silu', options: [], paramsFor: () => [] },
  { id: 'swish', options: [], paramsFor: () => [beta] },
  { id: 'sau', options: [], paramsFor: () => [s] },
  { id: 'power', options: [], paramsFor: () => [k] },
  {
    id: 'poly',
    options: [{ name: 'd', default: '2', choices: ['2', '4'] }],
    paramsFor: (o) =>
      Array.from({ length: Number(o.d) + 1 }, (_, i) => ({ name: `c${i}`, default: 0, min: -5, max: 5, learnable: 'yes' as const })),
  },
];
const catalog: StateCatalog = {
  lookup: (name) => items.find((i) => i.id === name.toLowerCase()) ?? (name.toLowerCase() === 'relu_alias' ? items[0] : undefined),
};

describe('explorer URL state', () => {
  it('an empty query gives the defaults and no problems', () => {
    const { state, problems } = parseExplorerQuery('', catalog);
    expect(state).toEqual(DEFAULT_STATE);
    expect(problems).toEqual([]);
  });

  it('round-trips a full state exactly', () => {
    const state: ExplorerState = {
      selected: [
        { id: 'swish', params: { beta: 2.5 }, options: {} },
        { id: 'sau', params: { s: 0.0123456789 }, options: {} },
        { id: 'poly', params: { c3: -1.25, c4: 0.1 }, options: { d: '4' } },
        { id: 'relu', params: {}, options: {} },
      ],
      xMin: -12.5,
      xMax: 3e-3,
      show: { f: true, df: false, d2f: true },
      layout: 'overlay',
      marks: true,
      propagation: { sigmaW: 1.25, sigmaB: 0.05, depth: 80 },
      tableX: [0.5, -2.25, 1e-7],
    };
    const query = formatExplorerQuery(state);
    expect(query).toContain('prop=1.25,0.05,80');
    expect(query).toContain('tx=0.5,-2.25,1e-7');
    expect(query).toContain('a=swish(beta=2.5)');
    expect(query).toContain('a=poly(d=4,c3=-1.25,c4=0.1)');
    const back = parseExplorerQuery(query, catalog);
    expect(back.problems).toEqual([]);
    expect(back.state).toEqual(state);
  });

  it('round-trips through a percent-encoded hash (as browsers may rewrite it)', () => {
    const state: ExplorerState = { ...DEFAULT_STATE, selected: [{ id: 'swish', params: { beta: 0.3 }, options: {} }] };
    const hash = formatRoute({ page: 'explore', query: formatExplorerQuery(state) });
    const encoded = hash.replace(/\(/g, '%28').replace(/\)/g, '%29').replace(/,/g, '%2C');
    const route = parseRoute(encoded);
    expect(route.page).toBe('explore');
    expect(parseExplorerQuery(route.query, catalog).state).toEqual(state);
  });

  it('resolves aliases to ids and drops values equal to the default', () => {
    const { state, problems } = parseExplorerQuery('a=RELU_ALIAS&a=swish(beta=1)', catalog);
    expect(problems).toEqual([]);
    expect(state.selected).toEqual([
      { id: 'relu', params: {}, options: {} },
      { id: 'swish', params: {}, options: {} },
    ]);
  });

  it('keeps the valid parts of a partly bad link and names every bad part', () => {
    const { state, problems } = parseExplorerQuery(
      'a=nosuch&a=swish(beta=99)&a=power(k=2.5)&a=swish(gamma=1)&a=gelu(&x=5,-5&show=f,q&layout=diagonal&marks=maybe&zzz=1',
      catalog,
    );
    expect(state.selected.map((s) => s.id)).toEqual(['swish', 'power', 'swish']);
    expect(state.selected[0].params).toEqual({}); // out-of-range beta → default
    expect(state.selected[1].params).toEqual({}); // non-integer k → default
    expect(state.xMin).toBe(DEFAULT_STATE.xMin);
    expect(state.show).toEqual(DEFAULT_STATE.show);
    expect(state.layout).toBe('stacked');
    expect(state.marks).toBe(false);
    const text = problems.join('\n');
    for (const needle of ['"nosuch"', '99 is outside [0.1, 10]', '2.5 is not an integer', '"gamma"', 'gelu(', 'min must be below max', 'show "f,q"', 'diagonal', 'maybe', '"zzz"']) {
      expect(text).toContain(needle);
    }
    expect(problems).toHaveLength(10);
  });

  it('rejects malformed numbers, infinities and out-of-bounds ranges', () => {
    for (const x of ['a,b', '1', '1,2,3', 'Infinity,1', '-1e5,1', '0x10,20', '1,1']) {
      const { state, problems } = parseExplorerQuery(`x=${x}`, catalog);
      expect(problems.length, x).toBe(1);
      expect([state.xMin, state.xMax]).toEqual([DEFAULT_STATE.xMin, DEFAULT_STATE.xMax]);
    }
    expect(parseExplorerQuery('a=swish(beta=NaN)', catalog).problems[0]).toContain('"NaN" is not a number');
    expect(parseExplorerQuery('a=swish(beta=1e-1)', catalog).state.selected[0].params).toEqual({ beta: 0.1 });
  });

  it('validates an option and the parameters that exist only under it', () => {
    const ok = parseExplorerQuery('a=poly(d=4,c4=2)', catalog);
    expect(ok.problems).toEqual([]);
    expect(ok.state.selected[0]).toEqual({ id: 'poly', params: { c4: 2 }, options: { d: '4' } });
    const bad = parseExplorerQuery('a=poly(d=3,c4=2)', catalog);
    expect(bad.problems.join('\n')).toContain('"3" is not one of 2, 4');
    expect(bad.problems.join('\n')).toContain('no parameter or option "c4"');
    expect(bad.state.selected[0]).toEqual({ id: 'poly', params: {}, options: {} });
  });

  it('falls back to the default selection when no named activation is valid', () => {
    const { state, problems } = parseExplorerQuery('a=foo&a=bar', catalog);
    expect(state.selected).toEqual(DEFAULT_STATE.selected);
    expect(problems).toHaveLength(2);
  });

  it(`caps the selection at ${MAX_SELECTED}`, () => {
    const query = Array.from({ length: MAX_SELECTED + 3 }, () => 'a=relu').join('&');
    const { state, problems } = parseExplorerQuery(query, catalog);
    expect(state.selected).toHaveLength(MAX_SELECTED);
    expect(problems).toHaveLength(1);
  });

  it('survives broken percent-encoding', () => {
    const { state, problems } = parseExplorerQuery('a=%E0%A4%A&x=-2,2', catalog);
    expect(problems[0]).toContain('not valid URL encoding');
    expect([state.xMin, state.xMax]).toEqual([-2, 2]);
  });
});

describe('hash route', () => {
  it('splits page and query and formats them back', () => {
    expect(parseRoute('#/explore?a=relu')).toEqual({ page: 'explore', query: 'a=relu' });
    expect(parseRoute('#train')).toEqual({ page: 'train', query: '' });
    expect(parseRoute('')).toEqual({ page: '', query: '' });
    expect(formatRoute({ page: 'explore', query: 'x=1,2' })).toBe('#/explore?x=1,2');
    expect(formatRoute({ page: 'compare', query: '' })).toBe('#/compare');
  });

  it('tx= keeps the good table points once each, in order, and names the bad ones', () => {
    const { state, problems } = parseExplorerQuery('tx=0.5,abc,2,0.5,1e9,-1.5', catalog);
    expect(state.tableX).toEqual([0.5, 2, -1.5]);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain('"abc"');
    expect(problems[1]).toContain('"1e9"');
    const many = parseExplorerQuery(`tx=${Array.from({ length: 14 }, (_, i) => i + 0.5).join(',')}`, catalog);
    expect(many.state.tableX).toHaveLength(12);
    expect(many.problems).toHaveLength(1);
    expect(formatExplorerQuery(parseExplorerQuery('', catalog).state)).not.toContain('tx=');
  });

  it('a bad prop= opens the panel at its defaults and says why', () => {
    for (const [value, needle] of [['2,0.1', 'three numbers'], ['9,0,50', 'σ_w must be'], ['1,0,1.5', 'depth must be'], ['1,-1,50', 'σ_b must be']] as const) {
      const { state, problems } = parseExplorerQuery(`prop=${value}`, catalog);
      expect(state.propagation).toEqual(DEFAULT_PROPAGATION);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toContain(needle);
    }
    expect(parseExplorerQuery('', catalog).state.propagation).toBeNull();
  });
});
