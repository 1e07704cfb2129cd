/**
 * Exported Python for every registry entry: byte-compiles for all three targets; parameter
 * names and defaults, and every long published constant of the formula, come back out of the
 * text exactly; and forward/backward values equal the playground's float64 f, f′ (or the
 * surrogate for modifiers), ∂o/∂a, ∂o/∂u and ∂f/∂p, on a grid with far tails and every kink,
 * when run against the fake torch/jax/tf of tests/fixtures/python.
 *
 * Tolerance 1e-12·(1 + |value|): same trees, same operation order; only libm special functions
 * (erf, tanh, … in Python vs mathjs/JS) may differ by a few ulps.
 */
import { describe, expect, it } from 'vitest';
import { compileActivation } from '../../../src/core/activation/compile';
import type { CompiledActivation } from '../../../src/core/activation/types';
import { CodegenError, EXPORT_TARGETS, exportActivation, type ExportTarget } from '../../../src/core/codegen';
import { allEntries } from '../../../src/core/registry';
import { pyCompile, runExported, writeExport, type ExportedFile } from './pythonHarness';
import { pointsFor, shiftedValues } from './exportPoints';
import { expectMatches, playgroundReference } from './reference';

const REL = 1e-12;
const targets = EXPORT_TARGETS.map((t) => t.id);

/** Mittag-Leffler needs E_{α,β}, which no target library has: export is refused (tested below). */
const NOT_EXPORTABLE = new Set(['mittag-leffler']);

const compiledAll: CompiledActivation[] = allEntries()
  .filter((e) => !NOT_EXPORTABLE.has(e.id))
  .map((e) => compileActivation(e));

/** Python float literal → number (pyFloat writes negatives in parentheses). */
function pyNumber(text: string): number {
  const t = text.replace(/[()]/g, '');
  if (t === "float('inf')") return Infinity;
  if (t === "-float('inf')") return -Infinity;
  return Number(t);
}

function pythonDict(source: string, name: string): Record<string, string> {
  const line = source.split('\n').find((l) => l.startsWith(`${name} = {`));
  if (!line) throw new Error(`${name} not found`);
  const out: Record<string, string> = {};
  for (const m of line.matchAll(/"([^"]+)": (\([^()]*\([^()]*\)[^()]*\)|\([^()]*\)|[^,}]+)/g)) out[m[1]] = m[2].trim();
  return out;
}

/** Literals with at least 5 significant digits: the published constants that must survive exactly. */
function longConstants(text: string): number[] {
  return [...text.matchAll(/(?<![A-Za-z_\d.])(\d+\.\d+(?:[eE][-+]?\d+)?|\d+[eE][-+]?\d+)/g)]
    .map((m) => m[1])
    .filter((s) => s.replace(/[eE].*$/, '').replace(/^[0.]+/, '').replace('.', '').length >= 5)
    .map(Number);
}

describe('export of every registry entry', () => {
  const files: Record<ExportTarget, ExportedFile[]> = { pytorch: [], jax: [], keras: [] };
  for (const c of compiledAll) for (const t of targets) files[t].push(writeExport(c, t, c.entry.id));

  it(`exports ${compiledAll.length} entries × ${targets.length} targets, all valid Python (py_compile)`, () => {
    expect(compiledAll.length).toBeGreaterThanOrEqual(60);
    const r = pyCompile(targets.flatMap((t) => files[t].map((f) => f.path)));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('writes the registry parameter names, defaults, ranges and learnability exactly', () => {
    for (const t of targets) {
      files[t].forEach((file) => {
        const { params, entry } = file.compiled;
        const defaults = pythonDict(file.source, 'PARAM_DEFAULTS');
        const ranges = pythonDict(file.source, 'PARAM_RANGES');
        const learnable = pythonDict(file.source, 'LEARNABLE');
        expect(Object.keys(defaults), `${entry.id} ${t}`).toEqual(params.map((p) => p.name));
        for (const p of params) {
          expect(pyNumber(defaults[p.name]), `${entry.id}.${p.name}`).toBe(p.default);
          const [lo, hi] = ranges[p.name].replace(/^\(|\)$/g, '').split(/, (?![^(]*\))/).map(pyNumber);
          expect([lo, hi], `${entry.id}.${p.name} range`).toEqual([p.min, p.max]);
          expect(learnable[p.name], `${entry.id}.${p.name}`).toBe(p.learnable === 'yes' ? 'True' : 'False');
        }
      });
    }
  });

  it("keeps every long constant of the registry formula digit for digit in the forward function", () => {
    for (const file of files.pytorch) {
      const { entry } = file.compiled;
      const forward = file.source.split('\n').find((l) => l.trimStart().startsWith('return ') && file.source.indexOf(l) > file.source.indexOf('_f('));
      const inPython = new Set(longConstants(forward ?? ''));
      const src = entry.formula;
      for (const v of longConstants(src)) expect(inPython.has(v), `${entry.id}: ${v} of "${src}"`).toBe(true);
    }
  });

  for (const t of targets) {
    it(`${t}: forward and backward equal the playground at defaults and at shifted parameters`, () => {
      for (const shifted of [false, true]) {
        const cases = compiledAll.map((c, i) => {
          const values = shifted ? shiftedValues(c) : {};
          const file = shifted ? writeExport(c, t, `${c.entry.id}_shifted`, { paramValues: values }) : files[t][i];
          return { c, file, values, points: pointsFor(c, values) };
        });
        const runs = runExported(t, cases.map(({ file, points }) => ({ file, points })));
        cases.forEach(({ c, values, points }, i) => {
          const nVars = c.vars.length;
          const fixed = (k: number) => t === 'pytorch' && k >= nVars && c.params[k - nVars].learnable !== 'yes';
          expectMatches(`${t} ${c.entry.id}${shifted ? ' (shifted params)' : ''}`, points, runs[i], playgroundReference(c, values, points), REL, (_i, k) => fixed(k));
        });
      }
    });
  }

  it('exports learnable overrides as parameters and rejects unknown names and targets', () => {
    const swish = compiledAll.find((c) => c.entry.id === 'swish');
    expect(swish).toBeDefined();
    if (!swish) return;
    const fixedBeta = exportActivation(swish, 'pytorch');
    expect(fixedBeta).toContain('self.register_buffer("beta"');
    const learnedBeta = exportActivation(swish, 'pytorch', { learnable: { beta: true }, paramValues: { beta: 1.5 } });
    expect(learnedBeta).toContain('self.beta = nn.Parameter(torch.tensor(float(beta), dtype=torch.float64))');
    expect(learnedBeta).toContain('def __init__(self, beta=1.5):');
    expect(exportActivation(swish, 'keras', { learnable: { beta: true } })).toContain('trainable=True, constraint=_RangeConstraint(0.1, 10.0)');
    expect(() => exportActivation(swish, 'jax', { paramValues: { gamma: 2 } })).toThrow(/Unknown parameter "gamma" for swish; its parameters are: beta/);
    expect(() => exportActivation(swish, 'onnx' as ExportTarget)).toThrow(/Unknown export target "onnx"/);
    expect(() => exportActivation(swish, 'pytorch', { className: 'my class' })).toThrow(/not a usable Python identifier/);
  });

  it('refuses Mittag-Leffler with a clear message', () => {
    const ml = allEntries().find((e) => e.id === 'mittag-leffler');
    expect(ml).toBeDefined();
    if (!ml) return;
    const c = compileActivation(ml);
    for (const t of targets) expect(() => exportActivation(c, t)).toThrow(CodegenError);
    expect(() => exportActivation(c, 'jax')).toThrow(/Mittag-Leffler/);
  });
});
