/**
 * The seeds catalogue: every activation name a seed paper uses maps to a registry id/alias or to
 * a documented exclusion; every exclusion carries the reason of ACTIVATIONS.md §6; arXiv ids
 * agree with the spec; §7's registry targets are all represented; titles are real seed titles.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getEntry } from '../../../src/core/registry';

interface Paper { title: string; year: number | null; arxiv?: string; names: string[]; claim: string }
interface Exclusion { names: string[]; reason: string }

const read = (file: string) => readFileSync(new URL(`../../../seeds/${file}`, import.meta.url), 'utf8');
const papers: Paper[] = JSON.parse(read('activations-papers.json')).papers;
const exclusions: Exclusion[] = JSON.parse(read('exclusions.json')).exclusions;
const spec = read('ACTIVATIONS.md');
const SEED_DIR = '/work/shared/seeds';

const excluded = new Map(exclusions.flatMap((e) => e.names.map((n) => [n.toLowerCase(), e] as const)));

/** A name as written maps to an entry directly or in the singular ("Gaussian INRs"). */
function entryFor(name: string) {
  return getEntry(name) ?? (name.endsWith('s') ? getEntry(name.slice(0, -1)) : undefined);
}

function section(title: RegExp): string[] {
  const lines = spec.split('\n');
  const start = lines.findIndex((l) => title.test(l));
  const end = lines.findIndex((l, i) => i > start && l.startsWith('## '));
  return lines.slice(start, end < 0 ? undefined : end).filter((l) => l.startsWith('| ') && !l.startsWith('|---'));
}

describe('seeds/activations-papers.json', () => {
  it('has the expected shape: a title, a year, names and a one-sentence claim per paper', () => {
    expect(papers.length).toBeGreaterThanOrEqual(60);
    const titles = new Set<string>();
    for (const p of papers) {
      expect(p.title.length).toBeGreaterThan(5);
      expect(titles.has(p.title), `duplicate ${p.title}`).toBe(false);
      titles.add(p.title);
      if (p.year !== null) expect(p.year >= 1990 && p.year <= 2026, p.title).toBe(true);
      expect(p.names.length, p.title).toBeGreaterThan(0);
      expect(p.claim).toMatch(/^[A-Z].{30,300}\.$/);
      expect(p.claim.slice(0, -1), `one sentence: ${p.title}`).not.toMatch(/\.\s+[A-Z]/);
    }
  });

  it('every name maps to a registry id/alias or to an exclusion', () => {
    const unmapped = papers.flatMap((p) => p.names.filter((n) => !entryFor(n) && !excluded.has(n.toLowerCase())).map((n) => `${n} (${p.title})`));
    expect(unmapped).toEqual([]);
  });

  it('arXiv ids are the ones ACTIVATIONS.md gives, and agree with the year', () => {
    for (const p of papers.filter((q) => q.arxiv)) {
      expect(spec, `${p.title}: ${p.arxiv}`).toContain(p.arxiv);
      expect(Math.abs(2000 + Number(p.arxiv?.slice(0, 2)) - (p.year ?? 0))).toBeLessThanOrEqual(1);
    }
  });

  it('every registry id that §7 "Seed coverage" points to is named by some catalogue paper', () => {
    const targets = new Set<string>();
    for (const row of section(/^## §7/).slice(1)) {
      const right = row.split(' | ').pop() ?? '';
      for (const token of right.match(/[a-z0-9]+(?:-[a-z0-9]+)*/g) ?? []) if (getEntry(token)?.id === token) targets.add(token);
    }
    expect(targets.size).toBeGreaterThan(50);
    const named = new Set(papers.flatMap((p) => p.names.map((n) => entryFor(n)?.id).filter((id): id is string => Boolean(id))));
    // Targets reached only through a base entry or a family mapping in §7 (not a paper name):
    const viaFamily = new Set(['gelu-tanh', 'gelu-sigmoid', 'poly2', 'ste', 'polyrelu', 'glu', 'geglu', 'swiglu', 'reglu', 'clipped-relu', 'clipped-soft-threshold', 'tropical-rational', 'fourier', 'hermite', 'relu6', 'linear', 'resilu2', 'regelu2', 'few-bit', 'mono-concave', 'mono-saturated', 'elu', 'softplus', 'mish', 'sigmoid', 'tanh', 'sign', 'exponential', 'kaf', 'chebyshev']);
    const missing = [...targets].filter((id) => !named.has(id) && !viaFamily.has(id));
    expect(missing).toEqual([]);
    // And most of those family targets are in fact named too.
    expect([...viaFamily].filter((id) => named.has(id)).length).toBeGreaterThan(15);
  });

  it('titles are real titles from the seed abstracts', () => {
    if (!existsSync(SEED_DIR)) return; // the seed texts live outside the repository
    const text = readdirSync(SEED_DIR).map((f) => readFileSync(`${SEED_DIR}/${f}`, 'utf8')).join('\n');
    for (const p of papers) expect(text.includes(p.title), p.title).toBe(true);
  });
});

describe('seeds/exclusions.json', () => {
  it('excluded names are not registry entries; reasons are the §6 reasons', () => {
    const reasons = new Set(section(/^## §6/).slice(1).map((row) => row.split(' | ')[1].replace(/\s*\|\s*$/, '').replace(/\\\|/g, '|').trim()));
    for (const e of exclusions) {
      for (const n of e.names) expect(getEntry(n), n).toBeUndefined();
      expect(reasons.has(e.reason), e.reason).toBe(true);
    }
    // Every §6 row is represented.
    expect(new Set(exclusions.map((e) => e.reason)).size).toBe(reasons.size);
  });
});
