/**
 * The registry against ACTIVATIONS.md itself: every id of the Tier A, B, C and §5 tables is an
 * entry of the right tier, R rows are 'reconstruction', and every entry is well-formed data
 * (formula parses for every option choice, parameters declared ⇔ used, defaults in range).
 * The spec is read from the repository copy seeds/ACTIVATIONS.md, which must equal the shared
 * original where that exists.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allEntries, getEntry, registryFunctions, resolveEntry } from '../../../src/core/registry';
import { compileActivation, compileFormula } from '../../../src/core/activation/compile';
import { parseFormula } from '../../../src/core/expr/parse';
import type { Node } from '../../../src/core/expr/ast';
import type { ActivationEntry } from '../../../src/core/registry/types';

const SPEC_PATH = new URL('../../../seeds/ACTIVATIONS.md', import.meta.url);
const SHARED_SPEC = '/work/shared/ACTIVATIONS.md';
const spec = readFileSync(SPEC_PATH, 'utf8');

interface SpecRow { id: string; tier: ActivationEntry['tier']; status: string }

/** First and last cells of the table rows under the headings of Tiers A, B, C and §5. */
function specRows(): SpecRow[] {
  const sections: [RegExp, ActivationEntry['tier']][] = [[/^## Tier A/, 'A'], [/^## Tier B/, 'B'], [/^## Tier C/, 'C'], [/^## §5/, 'modifier']];
  const rows: SpecRow[] = [];
  let tier: ActivationEntry['tier'] | undefined;
  for (const line of spec.split('\n')) {
    if (line.startsWith('## ')) tier = sections.find(([re]) => re.test(line))?.[1];
    if (!tier || !line.startsWith('| ') || line.startsWith('| id ') || line.startsWith('|---')) continue;
    const cells = line.split(' | ').map((c) => c.replace(/^\|\s*|\s*\|$/g, '').trim());
    rows.push({ id: cells[0], tier, status: cells[cells.length - 1] });
  }
  return rows;
}

function symbols(n: Node, out = new Set<string>()): Set<string> {
  switch (n.kind) {
    case 'sym': out.add(n.name); break;
    case 'num': break;
    case 'neg': case 'not': symbols(n.arg, out); break;
    case 'bin': case 'logic': case 'cmp': symbols(n.left, out); symbols(n.right, out); break;
    case 'call': n.args.forEach((a) => symbols(a, out)); break;
    case 'cond': symbols(n.test, out); symbols(n.then, out); symbols(n.else, out); break;
  }
  return out;
}

/** Every option combination that varies one option at a time from the defaults (bounded). */
function optionVariants(e: ActivationEntry): Record<string, string>[] {
  // ste's surrogate choices depend on its variant (relu exists for quant-relu only): all pairs.
  if (e.id === 'ste') {
    return [{}, { surrogate: 'identity' }, ...['clipped', 'relu', 'identity'].map((s) => ({ variant: 'quant-relu', surrogate: s }))];
  }
  const out: Record<string, string>[] = [{}];
  for (const o of e.options ?? []) for (const c of o.choices) if (c !== o.default) out.push({ [o.name]: c });
  return out;
}

/** Parameters that the formula does not use by design, with the reason. */
const TRAINING_ONLY_PARAMS: Record<string, string[]> = {
  // p = P(ReLU) drives the training-time Bernoulli mask; the eval rules relu/silu do not use it.
  'stochastic-silu-relu': ['p'],
};

describe('spec coverage', () => {
  it('the repository copy of the spec equals the shared original', () => {
    if (!existsSync(SHARED_SPEC)) return; // only the copy exists outside the build machine
    expect(readFileSync(SHARED_SPEC, 'utf8')).toBe(spec);
  });

  const rows = specRows();
  it('parses all four tables of the spec', () => {
    expect(rows.length).toBeGreaterThanOrEqual(80);
    expect(rows.map((r) => r.id)).toContain('golu');
    expect(rows.map((r) => r.id)).toContain('mand');
    expect(rows.map((r) => r.id)).toContain('soft-gate');
  });

  it('every spec id is a registry entry of the same tier, and every entry is in the spec', () => {
    const missing = rows.filter((r) => getEntry(r.id)?.id !== r.id).map((r) => r.id);
    expect(missing).toEqual([]);
    const wrongTier = rows.filter((r) => getEntry(r.id)?.tier !== r.tier).map((r) => r.id);
    expect(wrongTier).toEqual([]);
    const specIds = new Set(rows.map((r) => r.id));
    expect(allEntries().map((e) => e.id).filter((id) => !specIds.has(id))).toEqual([]);
  });

  it('status: R in the spec ⇔ reconstruction; C ⇒ confirmed; S ⇒ standard', () => {
    for (const r of rows) {
      const e = getEntry(r.id) as ActivationEntry;
      const expected = r.status.startsWith('R') ? 'reconstruction' : r.status.startsWith('C') ? 'confirmed' : 'standard';
      expect(e.status, r.id).toBe(expected);
    }
  });

  it('arXiv ids cited in a spec row appear in the entry sources', () => {
    for (const line of spec.split('\n')) {
      const id = line.match(/^\| ([a-z0-9-]+) \|/)?.[1];
      const e = id ? getEntry(id) : undefined;
      if (!e || e.id !== id) continue;
      const cited = [...line.matchAll(/\b(\d{4}\.\d{4,5})\b/g)].map((m) => m[1]);
      const have = e.sources.map((s) => s.arxiv);
      for (const a of cited) expect(have, `${id} cites ${a}`).toContain(a);
    }
  });
});

describe('entries are well-formed data', () => {
  const entries = allEntries();

  it('ids are unique kebab-case; names and aliases do not shadow another entry', () => {
    const ids = entries.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    for (const e of entries) for (const n of [e.name, ...e.aliases]) {
      const hit = getEntry(n);
      expect(hit === e || !ids.includes(n.toLowerCase()), `${e.id} alias ${n}`).toBe(true);
    }
  });

  it('every source has authors, a year and a title; arXiv ids look like arXiv ids', () => {
    for (const e of entries) for (const s of e.sources) {
      expect(s.authors.length, e.id).toBeGreaterThan(2);
      expect(s.year).toBeGreaterThanOrEqual(2001);
      expect(s.title.length).toBeGreaterThan(10);
      if (s.arxiv) {
        expect(s.arxiv).toMatch(/^\d{4}\.\d{4,5}$/);
        // The arXiv id's YYMM matches the year (a paper is cited by its first version's year, ±1).
        expect(Math.abs(2000 + Number(s.arxiv.slice(0, 2)) - s.year), `${e.id} ${s.title}`).toBeLessThanOrEqual(1);
      }
    }
  });

  for (const e of entries) {
    it(`${e.id}: parses for every option, params declared ⇔ used, defaults within [min, max]`, () => {
      for (const options of optionVariants(e)) {
        const set = Object.keys(options).length && e.resolve ? e.resolve({ ...Object.fromEntries((e.options ?? []).map((o) => [o.name, o.default])), ...options }) : e;
        const params = set.params ?? e.params;
        const vars = e.tier === 'C' ? ['a', 'u'] : ['x'];
        const names = params.map((p) => p.name);
        const used = symbols(parseFormula(set.formula, { vars, params: names }));
        if (set.surrogate) symbols(parseFormula(set.surrogate, { vars, params: names }), used);
        for (const v of vars) used.delete(v);
        const allowedUnused = TRAINING_ONLY_PARAMS[e.id] ?? [];
        expect(names.filter((n) => !used.has(n) && !allowedUnused.includes(n)), `${e.id} ${JSON.stringify(options)} unused`).toEqual([]);
        expect([...used].filter((n) => !names.includes(n))).toEqual([]);
        expect(new Set(names).size).toBe(names.length);
        for (const p of params) {
          expect(p.min <= p.default && p.default <= p.max, `${e.id}.${p.name} = ${p.default} in [${p.min}, ${p.max}]`).toBe(true);
          if (p.integer) expect(Number.isInteger(p.default)).toBe(true);
          if (p.scale === 'log') expect(p.min).toBeGreaterThan(0);
        }
        const c = compileActivation(e, options);
        expect(c.scalar().f(0.5)).toBeTypeOf('number');
      }
      if (e.tier === 'modifier') expect(e.surrogate, `${e.id} has a surrogate`).toBeTruthy();
      expect(e.formula.length).toBeLessThanOrEqual(2000);
    });
  }

  it('presets: SIREN ω0 = 30, WIRE ω0 = 10 and s0 = 40, a Gaussian INR width', () => {
    expect(getEntry('sine')?.presets?.[0].params).toEqual({ omega0: 30 });
    expect(getEntry('gabor')?.presets?.[0].params).toEqual({ omega0: 10, s0: 40 });
    expect(getEntry('gaussian')?.presets?.[0].params.s).toBeLessThan(1);
  });

  it('SAU s is on a log slider; Tier C entries use a and u', () => {
    expect(getEntry('sau')?.params.find((p) => p.name === 's')?.scale).toBe('log');
    expect(compileActivation(resolveEntry('swiglu')).vars).toEqual(['a', 'u']);
  });
});

describe('lookup', () => {
  it('getEntry: by id, name or alias, case-insensitive; _ and - interchangeable', () => {
    expect(getEntry('GoLU')?.id).toBe('golu');
    expect(getEntry('gompertz linear unit')?.id).toBe('golu');
    expect(getEntry('LeakyReLU')?.id).toBe('leaky-relu');
    expect(getEntry('leaky_relu')?.id).toBe('leaky-relu');
    expect(getEntry('SwishGLU')?.id).toBe('swiglu');
    expect(getEntry('nope')).toBeUndefined();
  });

  it('resolveEntry: clear error with a suggestion', () => {
    expect(() => resolveEntry('gollu')).toThrow('Unknown activation "gollu". Did you mean "golu"?');
    expect(() => resolveEntry('swigl')).toThrow(/Did you mean "swiglu"\?/);
    expect(() => resolveEntry('qqqqqqqqqqqq')).toThrow(/^Unknown activation "qqqqqqqqqqqq"\./);
  });
});

describe('registry functions in formulas', () => {
  it('gelu(x), leaky_relu(2*x) and glu(a, u) expand with default parameters', () => {
    const fns = registryFunctions();
    expect(Object.keys(fns)).toContain('leaky_relu');
    expect(Object.keys(fns)).not.toContain('tanh'); // the built-in wins
    const c = compileFormula('gelu(x) + leaky_relu(2 * x)', [], { functions: fns });
    const s = c.scalar();
    const gelu = compileActivation(resolveEntry('gelu')).scalar();
    for (const x of [-3, -0.5, 0.7, 2]) {
      expect(s.f(x)).toBeCloseTo(gelu.f(x) + (x > 0 ? 2 * x : 0.02 * x), 14);
      expect(s.df(x)).toBeCloseTo(gelu.df(x) + (x > 0 ? 2 : 0.02), 12);
    }
    const g = compileFormula('glu(a, u) * 2', [], { vars: ['a', 'u'], functions: fns }).scalar().gated;
    expect(g?.o(0.3, 1.5)).toBeCloseTo(2 * 1.5 / (1 + Math.exp(-0.3)), 14);
  });

  it('wrong argument count is an error naming the function', () => {
    expect(() => compileFormula('relu(x, x)', [], { functions: registryFunctions() })).toThrow(/relu expects 1 argument/);
  });
});
