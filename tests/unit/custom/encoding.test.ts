/**
 * The URL/storage text form: exact round trips (float64 values bit for bit, any Unicode name),
 * a known encoding checked by hand, clear rejections, and a fuzz run where every random string
 * either decodes to a valid definition or throws the documented CustomFormatError.
 */
import { describe, expect, it } from 'vitest';
import { customId, decodeCustom, decodeCustomId, encodeCustom, isCustomId } from '../../../src/core/custom/encoding';
import { CustomFormatError, type CustomActivation } from '../../../src/core/custom/types';

const SWISH: CustomActivation = {
  name: 'scaled swish',
  formula: 'a * x * sigmoid(b * x)',
  params: [
    { name: 'a', default: 1, min: 0, max: 5, learnable: true },
    { name: 'b', default: 0.1 + 0.2, min: -1e-300, max: 1e300, learnable: false },
  ],
};

/** A tiny seeded generator (mulberry32), so a failing fuzz case can be reproduced. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function decodeOutcome(text: string): 'ok' | 'rejected' {
  try {
    decodeCustom(text);
    return 'ok';
  } catch (e) {
    if (e instanceof CustomFormatError && e.message.length > 0) return 'rejected';
    throw e;
  }
}

describe('custom activation encoding', () => {
  it('round-trips exactly, including awkward doubles and a Unicode name', () => {
    for (const def of [SWISH, { name: 'GoLU ✓ — ünïcode', formula: 'x*exp(-exp(-x))', params: [] }]) {
      const text = encodeCustom(def);
      expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decodeCustom(text)).toEqual(def);
      expect(decodeCustomId(customId(def))).toEqual(def);
      expect(isCustomId(customId(def))).toBe(true);
    }
    expect(Object.is(decodeCustom(encodeCustom(SWISH)).params[1].default, 0.1 + 0.2)).toBe(true);
  });

  it('is base64url of the documented JSON array (checked against an independent encoder)', () => {
    const def: CustomActivation = { name: 'g', formula: 'x*Phi(x)', params: [{ name: 'k', default: 2, min: 0, max: 3, learnable: true }] };
    const json = '[1,"g","x*Phi(x)",[["k",2,0,3,1]]]';
    expect(encodeCustom(def)).toBe(Buffer.from(json, 'utf8').toString('base64url'));
    expect(decodeCustom(Buffer.from(json, 'utf8').toString('base64url'))).toEqual(def);
  });

  it('rejects malformed text with a message saying what is wrong', () => {
    const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64url');
    const cases: [string, RegExp][] = [
      ['', /empty/],
      ['abc$def', /character "\$" at position 3/],
      ['A', /cut off/],
      [b64('not json'), /does not decode to a definition/],
      [Buffer.from([0xff, 0xfe, 0x80]).toString('base64url'), /UTF-8/],
      [b64('{"name":"x"}'), /expected \[version, name, formula, parameters\]/],
      [b64('[2,"n","x",[]]'), /unknown format version 2/],
      [b64('[1,"n","x",[["a",1,0]]]'), /parameter 1 must be \[name, default, min, max, learnable\]/],
      [b64('[1,"n","x",[["a","1",0,2,1]]]'), /default of parameter "a" is not a number/],
      [b64('[1,"n","x",[["a",1,0,2,true]]]'), /learnable of parameter "a" must be 0 or 1/],
      [b64('[1,"n","x*(",[]]'), /not usable: Unexpected end of formula at position 3/],
      [b64('[1,"n","a*x",[]]'), /Unknown symbol "a" at position 0/],
      [b64('[1,"n","a*x",[["a",9,0,2,1]]]'), /default of a \(9\) must lie in \[0, 2\]/],
      [b64('[1,"","x",[]]'), /Give the formula a name/],
      ['x'.repeat(5000), /too long/],
    ];
    for (const [text, want] of cases) {
      let error: unknown;
      try {
        decodeCustom(text);
      } catch (e) {
        error = e;
      }
      expect(error, text).toBeInstanceOf(CustomFormatError);
      expect((error as Error).message, text).toMatch(want);
    }
    expect(() => decodeCustomId('gelu')).toThrow(/not a custom activation id/);
  });

  it('fuzz: 3000 random strings and 1000 mutated encodings never throw anything but CustomFormatError', () => {
    const next = rng(20240611);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=+/$%. ()';
    let rejected = 0;
    for (let i = 0; i < 3000; i++) {
      const n = Math.floor(next() * 80);
      let s = '';
      for (let k = 0; k < n; k++) s += alphabet[Math.floor(next() * alphabet.length)];
      if (decodeOutcome(s) === 'rejected') rejected++;
    }
    expect(rejected).toBeGreaterThan(2900);
    // Mutations of a valid text: flip, drop or insert characters; some still decode, none may crash.
    const valid = encodeCustom(SWISH);
    const outcomes = { ok: 0, rejected: 0 };
    for (let i = 0; i < 1000; i++) {
      const chars = [...valid];
      const at = Math.floor(next() * chars.length);
      const c = alphabet[Math.floor(next() * 64)];
      const op = Math.floor(next() * 3);
      if (op === 0) chars[at] = c;
      else if (op === 1) chars.splice(at, 1);
      else chars.splice(at, 0, c);
      const text = chars.join('');
      const outcome = decodeOutcome(text);
      outcomes[outcome]++;
      // Whatever decodes must be a definition that encodes again to a decodable text.
      if (outcome === 'ok') expect(decodeCustom(encodeCustom(decodeCustom(text)))).toEqual(decodeCustom(text));
    }
    expect(outcomes.rejected).toBeGreaterThan(500);
  });
});
