/** The codec pieces every page's URL state is read and written with (src/app/state/queryCodec.ts). */
import { describe, expect, it } from 'vitest';
import { encodeToken, formatNumber, parseNumberText, splitQuery } from '../../../../src/app/state/queryCodec';

describe('parseNumberText', () => {
  it('reads plain and scientific numbers, with surrounding spaces', () => {
    expect(parseNumberText('1e-3')).toBe(0.001);
    expect(parseNumberText(' 2 ')).toBe(2);
    expect(parseNumberText('-.5')).toBe(-0.5);
    expect(parseNumberText('3.')).toBe(3);
    expect(parseNumberText('+4E2')).toBe(400);
  });

  it('rejects words, hex, empty text and overflow', () => {
    for (const t of ['abc', '', '0x10', 'Infinity', 'NaN', '1e999', '1,5', '2 3']) expect(parseNumberText(t)).toBeUndefined();
  });
});

describe('splitQuery', () => {
  it('decodes keys and values, + as space, and a bare key as an empty value', () => {
    const problems: string[] = [];
    expect(splitQuery('a=swish(beta%3D2)&x=1+2&flag&&', problems)).toEqual([
      ['a', 'swish(beta=2)'],
      ['x', '1 2'],
      ['flag', ''],
    ]);
    expect(problems).toEqual([]);
  });

  it('names a part that is not valid URL encoding and keeps the rest', () => {
    const problems: string[] = [];
    expect(splitQuery('lr=%E0%A4%A&n=50', problems)).toEqual([['n', '50']]);
    expect(problems).toEqual(['"lr=%E0%A4%A" is not valid URL encoding; ignored.']);
  });
});

describe('encodeToken', () => {
  it('keeps ( ) , = readable and escapes what would break the query', () => {
    expect(encodeToken('swish(beta=2,x=1)')).toBe('swish(beta=2,x=1)');
    expect(encodeToken('a&b#c d')).toBe('a%26b%23c%20d');
    expect(decodeURIComponent(encodeToken('my.f(k=1)&x'))).toBe('my.f(k=1)&x');
  });
});

describe('formatNumber', () => {
  it('writes the shortest text that reads back to the same float64', () => {
    for (const v of [0.1 + 0.2, 1e-7, -2.5, 123456789012, Math.PI, 5e-324]) {
      expect(parseNumberText(formatNumber(v))).toBe(v);
    }
    expect(formatNumber(0.001)).toBe('0.001');
  });
});
