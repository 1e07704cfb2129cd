import { describe, expect, it } from 'vitest';
import { parseTimingCache } from '../../../../src/app/state/backendTimingCache';

describe('backend timing cache (localStorage text)', () => {
  it('reads well-formed entries per device', () => {
    const m = parseTimingCache(JSON.stringify({ 'gpu A': [{ backend: 'cpu', msPerStep: 3 }] }));
    expect([...m]).toEqual([['gpu A', [{ backend: 'cpu', msPerStep: 3 }]]]);
  });

  it('drops malformed text and entries without throwing', () => {
    expect(parseTimingCache(null).size).toBe(0);
    expect(parseTimingCache('{not json').size).toBe(0);
    expect(parseTimingCache('[1,2]').size).toBe(0);
    const m = parseTimingCache(JSON.stringify({ a: [{ backend: 'auto', msPerStep: 1 }], b: [{ backend: 'cpu', msPerStep: -1 }], c: [], d: [{ backend: 'wasm', msPerStep: 2 }] }));
    expect([...m.keys()]).toEqual(['d']);
  });

  it('device names that are Object members are plain names', () => {
    const m = parseTimingCache('{"__proto__": [{"backend": "cpu", "msPerStep": 5}], "constructor": [{"backend": "wasm", "msPerStep": 6}]}');
    expect(m.get('__proto__')).toEqual([{ backend: 'cpu', msPerStep: 5 }]);
    expect(m.get('constructor')).toEqual([{ backend: 'wasm', msPerStep: 6 }]);
    expect(m.get('toString')).toBeUndefined();
    expect(({} as Record<string, unknown>).cpu).toBeUndefined();
  });
});
