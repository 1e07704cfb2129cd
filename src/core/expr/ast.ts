/**
 * The expression tree every activation is defined in. Registry formulas and user-typed formulas
 * are parsed into this tree; evaluators (float64), derivatives, TeX, tf.js ops and code export
 * are all compiled from it, so a formula is written exactly once.
 */

/** Functions the language knows. The parser rejects every other identifier used as a call. */
export type FnName =
  | 'exp' | 'log' | 'log1p' | 'expm1' | 'sqrt' | 'abs' | 'sign' | 'step'
  | 'max' | 'min' | 'sin' | 'cos' | 'tan' | 'tanh' | 'sinh' | 'cosh' | 'atan'
  | 'erf' | 'Phi' | 'phi' | 'sigmoid' | 'softplus' | 'logsigmoid'
  | 'ceil' | 'floor'
  // Mittag-Leffler E_{α,β}(z) and its first two z-derivatives: mlE(z, alpha, beta).
  | 'mlE' | 'mlE1' | 'mlE2';

export type ArithOp = '+' | '-' | '*' | '/' | '^';
export type CmpOp = '>' | '<' | '>=' | '<=' | '==' | '!=';

export type Node =
  | { kind: 'num'; value: number }
  /** A variable (x; a and u for gated blocks) or a declared parameter. */
  | { kind: 'sym'; name: string }
  | { kind: 'neg'; arg: Node }
  | { kind: 'bin'; op: ArithOp; left: Node; right: Node }
  | { kind: 'call'; fn: FnName; args: Node[] }
  /**
   * A comparison. `tie` is set only on comparisons produced by differentiation: when
   * left == right exactly, the comparison is decided as it holds just to the left of the point
   * (x → c⁻), using the x-derivatives `tie.dl`, `tie.dr` (times max(|x|, 2⁻¹²⁶) unless a side
   * is the literal 0). That is the registry's kink rule (f'(c) = lim_{x→c⁻} f'(x)), applied
   * uniformly to max, min, abs and typed conditionals, where the tie is a point; where the
   * comparison is tied over an interval as evaluated, it holds as evaluated (evaluate.ts isolatedTie).
   */
  | { kind: 'cmp'; op: CmpOp; left: Node; right: Node; tie?: { dl: Node; dr: Node } }
  | { kind: 'logic'; op: 'and' | 'or'; left: Node; right: Node }
  | { kind: 'not'; arg: Node }
  | { kind: 'cond'; test: Node; then: Node; else: Node };
