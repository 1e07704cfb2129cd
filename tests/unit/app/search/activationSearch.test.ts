import { describe, expect, it } from 'vitest';
import { allEntries, getEntry } from '../../../../src/core/registry/index';
import { searchActivations, searchItem } from '../../../../src/app/search/activationSearch';

const items = allEntries().map((e) => searchItem(e));
const ids = (query: string, tags: string[] = []) => searchActivations(items, query, tags).map((i) => i.id);

describe('activation search over the registry', () => {
  it('ranks exact id, name or alias first', () => {
    expect(ids('swish')[0]).toBe('swish');
    expect(ids('SwishGLU')[0]).toBe('swiglu');
    expect(ids('Gompertz')[0]).toBe('golu');
    expect(ids('relu')[0]).toBe('relu');
  });

  it('requires every token to match somewhere (name, family or tag)', () => {
    const r = ids('glu learnable');
    expect(r.length).toBeGreaterThan(0);
    for (const id of r) expect(searchItem(getEntry(id)!).tags).toContain('learnable');
    expect(ids('no-such-thing-at-all')).toEqual([]);
  });

  it('computes gated, learnable and from-2024+ tags from the entry', () => {
    expect(ids('', ['gated'])).toEqual(expect.arrayContaining(['glu', 'swiglu', 'geglu', 'mand']));
    expect(ids('', ['learnable'])).toEqual(expect.arrayContaining(['pau', 'prelu', 'dyt']));
    expect(ids('', ['learnable'])).not.toContain('relu');
    const recent = ids('', ['from-2024+']);
    expect(recent).toEqual(expect.arrayContaining(['golu', 'xatlu', 'dyt']));
    expect(recent).not.toContain('gelu');
    expect(recent).not.toContain('relu');
  });

  it('adds smooth and monotonic only from supplied facts', () => {
    const gelu = getEntry('gelu')!;
    expect(searchItem(gelu).tags).not.toContain('monotonic');
    expect(searchItem(gelu, { smooth: true, monotonic: false }).tags).toContain('smooth');
    expect(searchItem(gelu, { smooth: true, monotonic: false }).tags).not.toContain('monotonic');
  });

  it('tags reconstruction entries so they can be found', () => {
    expect(ids('', ['reconstruction'])).toEqual(expect.arrayContaining(['mittag-leffler', 'pwl', 'mand']));
  });
});
