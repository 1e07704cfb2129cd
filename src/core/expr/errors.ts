/**
 * The one error type of the expression language. Every problem with a formula (syntax, unknown
 * names, arity, limits) is reported as an ExprError naming the problem and where it is, so the UI
 * can underline it and the CLI can print it without a stack trace.
 */
export class ExprError extends Error {
  /** 0-based character index into the source. */
  readonly position: number;
  /** Number of characters the problem spans (at least 1 where it points at a character). */
  readonly length: number;

  constructor(message: string, position: number, length = 1) {
    super(message);
    this.name = 'ExprError';
    this.position = position;
    this.length = length;
  }
}

export function isExprError(e: unknown): e is ExprError {
  return e instanceof ExprError;
}
