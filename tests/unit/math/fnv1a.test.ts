import { describe, expect, it } from 'vitest';
import { fnv1a } from '../../../src/core/math/fnv1a';

describe('FNV-1a 32 bit', () => {
  it('matches the published test vectors (Fowler–Noll–Vo reference: "", "a", "foobar")', () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(fnv1a('foobar')).toBe(0xbf9cf968);
  });
});
