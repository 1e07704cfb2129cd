/**
 * A user-typed activation: a formula in the expression language (variable x) plus the
 * parameters it declares. Everything else (f′, f″, ∂f/∂p, TeX, tf.js ops, exported code) is
 * compiled from it exactly as for a registry entry.
 */

export interface CustomParam {
  /** Identifier used in the formula: a, beta, k1, … */
  name: string;
  default: number;
  min: number;
  max: number;
  /** true: trained with the weights by default; false: fixed unless switched on in the Trainer. */
  learnable: boolean;
}

export interface CustomActivation {
  /** Display name (legends, labels, exported class name). */
  name: string;
  formula: string;
  params: CustomParam[];
}

/**
 * One thing wrong with a definition. `field` is 'name', 'formula', 'params', or
 * `params.<i>.<name|default|min|max>` for one parameter; for the formula, `position` and
 * `length` locate the problem in the text (0-based characters) when it has a place.
 */
export interface CustomProblem {
  field: string;
  message: string;
  position?: number;
  length?: number;
}

/** Thrown by decoders and compileCustom for a definition that cannot be used; never a stack trace in the UI. */
export class CustomFormatError extends Error {
  readonly problems: CustomProblem[];

  constructor(message: string, problems: CustomProblem[] = []) {
    super(message);
    this.name = 'CustomFormatError';
    this.problems = problems;
  }
}

export const MAX_NAME_LENGTH = 60;
export const MAX_CUSTOM_FORMULA_LENGTH = 500;
export const MAX_CUSTOM_PARAMS = 8;
