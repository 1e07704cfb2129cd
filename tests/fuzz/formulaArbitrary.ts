/**
 * fast-check generators for the formula language: well-formed formulas from its grammar (so most
 * are accepted and reach the differentiator and every compiler), with the values and names the
 * adversarial pass found dangerous (the float32 maximum, subnormals, Object-member names, nested
 * registry calls, towers of powers), plus raw text for the tokenizer.
 */
import * as fc from 'fast-check';

/** Parameter names a typed formula may declare, hostile ones included (they must be refused). */
const PARAM_NAMES = ['a', 'beta', 'k1', 'constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty'];

const NUMBERS = ['0', '1', '2', '0.5', '3', '1e-6', '3.4028235e38', '5e-324', '1e308', '100', '20', '0.1'];
const UNARY = ['exp', 'log', 'log1p', 'expm1', 'sqrt', 'abs', 'sign', 'step', 'sin', 'cos', 'tan', 'tanh', 'sinh', 'cosh', 'atan', 'erf', 'Phi', 'phi', 'sigmoid', 'softplus', 'logsigmoid', 'floor', 'ceil'];
const REGISTRY_CALLS = ['silu', 'gelu', 'relu', 'mish', 'elu', 'softsign'];
const BINARY = ['+', '-', '*', '/', '^'];
const CMP = ['<', '>', '<=', '>=', '==', '!='];

export interface FormulaCase {
  formula: string;
  params: string[];
}

/** A formula over x and the chosen parameters, up to `depth` levels of nesting. */
function formulaText(params: string[], depth = 5): fc.Arbitrary<string> {
  const leaf = fc.oneof(
    { weight: 4, arbitrary: fc.constant('x') },
    { weight: 2, arbitrary: fc.constantFrom(...NUMBERS) },
    { weight: 1, arbitrary: fc.double({ min: -10, max: 10, noNaN: true }).map((v) => `(${String(v)})`) },
    ...(params.length > 0 ? [{ weight: 2, arbitrary: fc.constantFrom(...params) }] : []),
  );
  const { expr } = fc.letrec<{ expr: string }>((tie) => ({
    expr: fc.oneof(
      { depthSize: 'small', withCrossShrink: true, maxDepth: depth },
      leaf,
      fc.tuple(fc.constantFrom(...UNARY), tie('expr')).map(([f, a]) => `${f}(${a})`),
      fc.tuple(tie('expr'), fc.constantFrom(...BINARY), tie('expr')).map(([a, op, b]) => `(${a} ${op} ${b})`),
      fc.tuple(fc.constantFrom('max', 'min'), tie('expr'), tie('expr')).map(([f, a, b]) => `${f}(${a}, ${b})`),
      fc.tuple(tie('expr'), fc.constantFrom(...CMP), tie('expr'), tie('expr'), tie('expr')).map(([a, op, b, t, e]) => `(${a} ${op} ${b} ? ${t} : ${e})`),
      fc.tuple(fc.constantFrom(...REGISTRY_CALLS), tie('expr')).map(([f, a]) => `${f}(${a})`),
      fc.tuple(fc.constantFrom('silu', 'gelu', 'mish'), fc.integer({ min: 2, max: 16 })).map(([f, n]) => `${f}(`.repeat(n) + 'x' + ')'.repeat(n)),
      fc.integer({ min: 2, max: 64 }).map((n) => Array(n).fill('x').join('^')),
      fc.tuple(tie('expr'), fc.constantFrom('0.5', '1', '0.9', '2', '200', '1e308'), fc.constantFrom('1', '2', '0.5', '200')).map(([z, a, b]) => `mlE(${z}, ${a}, ${b})`),
    ),
  }));
  return expr;
}

const SAFE_NAMES = PARAM_NAMES.slice(0, 3);

export const formulaCase: fc.Arbitrary<FormulaCase> = fc
  .oneof({ weight: 6, arbitrary: fc.subarray(SAFE_NAMES, { maxLength: 2 }) }, { weight: 1, arbitrary: fc.subarray(PARAM_NAMES, { minLength: 1, maxLength: 3 }) })
  .chain((params) => formulaText(params).map((formula) => ({ formula, params })));

/** Raw text for the tokenizer and parser: any characters, or near-formulas with one wrong character. */
export const rawText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.string({ unit: fc.constantFrom(...'x+-*/^()?:<>=!,.e0123456789 \n"\'`[]{}_abcdeilmnpqstuvwxyz'), maxLength: 80 }),
);
