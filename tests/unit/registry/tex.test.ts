/**
 * The TeX every entry shows: the hand-written `tex` (or the generated f) and the generated f′, f″
 * and surrogate must all be valid KaTeX, and a hand-written `tex` must name every parameter of
 * its entry, so a slider never moves a symbol the card does not show.
 */
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { allEntries } from '../../../src/core/registry';
import { compileActivation } from '../../../src/core/activation/compile';
import { symbolToTex } from '../../../src/core/expr/tex';

/** Letters used as summation / max indices in the families' TeX (Σ_k c_k, max_k, Σ_g u_g). */
const INDEX_LETTERS = ['i', 'j', 'k', 'g'];

/** Whether `tex` shows the parameter: its own symbol (\alpha, a_0) or, for an indexed family, base_k. */
function mentions(tex: string, name: string): boolean {
  const symbol = symbolToTex(name);
  if (containsSymbol(tex, symbol)) return true;
  const indexed = /^(.*)_(?:\d|\{\d+\})$/.exec(symbol);
  if (!indexed) return false;
  return INDEX_LETTERS.some((k) => containsSymbol(tex, `${indexed[1]}_${k}`) || containsSymbol(tex, `${indexed[1]}_{${k}}`));
}

/** `symbol` as a whole token: \beta must not match inside \betaX, a must not match inside \frac. */
function containsSymbol(tex: string, symbol: string): boolean {
  const escaped = symbol.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
  const before = symbol.startsWith('\\') ? '' : '(?<![A-Za-z\\\\])';
  return new RegExp(`${before}${escaped}(?![A-Za-z0-9])`).test(tex);
}

const render = (tex: string) => katex.renderToString(tex, { throwOnError: true });

describe('registry TeX', () => {
  const entries = allEntries();

  it.each(entries.map((e) => [e.id, e] as const))('%s: displayed f, f′, f″ (and surrogate) render in KaTeX', (_id, entry) => {
    const { tex } = compileActivation(entry);
    const shown = [entry.tex ?? tex.f, tex.df, tex.d2f, ...(tex.surrogate ? [tex.surrogate] : [])];
    for (const t of shown) {
      expect(t.length).toBeGreaterThan(0);
      expect(() => render(t), t).not.toThrow();
    }
    // The hand-written form is the default-options f; the generated one must still be valid.
    if (entry.tex) expect(() => render(tex.f)).not.toThrow();
  });

  const handWritten = entries.filter((e) => e.tex !== undefined);

  it('guarded and family entries carry a hand-written TeX without the numerical guards', () => {
    const expected = ['golu', 'sau', 'elephant', 'apa', 'aglu', 'mish', 'softplus', 'logsigmoid', 'gelu-tanh',
      'mittag-leffler', 'tropical', 'pau', 'paon', 'hermite', 'fourier', 'chebyshev', 'kaf', 'fourier-kan',
      'tropical-rational', 'series-gelu'];
    const ids = handWritten.map((e) => e.id);
    for (const id of expected) expect(ids, id).toContain(id);
    for (const e of handWritten) {
      // Guards from the formulas: clamps at 30, thresholds 1e-30 / 10s / −20 / 1e-3, the sp shorthand, long decimals.
      expect(e.tex, e.id).not.toMatch(/\\min|10\^\{-30\}|10 s|-20|0\.001|\\operatorname\{sp\}|\d\.\d{8,}/);
    }
  });

  it.each(handWritten.map((e) => [e.id, e] as const))('%s: hand-written TeX names every parameter', (_id, entry) => {
    const tex = entry.tex as string;
    const missing = entry.params.filter((p) => !mentions(tex, p.name)).map((p) => `${p.name} (${symbolToTex(p.name)})`);
    expect(missing, `${entry.id}: ${tex}`).toEqual([]);
  });

  it('the parameter check rejects a TeX that leaves a parameter out', () => {
    expect(mentions(String.raw`\alpha x\, e^{-\beta e^{-x}}`, 'gamma')).toBe(false);
    expect(mentions(String.raw`\frac{x}{2}`, 'a')).toBe(false);
    expect(mentions(String.raw`\sum_{k=0}^{n} c_k x^k`, 'c3')).toBe(true);
    expect(mentions(String.raw`\sum_{k=0}^{n} c_k x^k`, 'a3')).toBe(false);
    expect(mentions(String.raw`\cos(\omega_k x - \varphi_k)`, 'phi2')).toBe(true);
  });
});
