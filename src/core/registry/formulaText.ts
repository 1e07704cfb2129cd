/**
 * Building formula strings in the expression language from numbers and sub-formulas. Generated
 * formulas (Tier B families, few-bit surrogates, option variants) all go through these, so
 * numbers print round-trip exact and substitutions respect identifier boundaries.
 */

/** A number literal that parses back to exactly the same double (negatives parenthesised). */
export function num(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`Cannot write ${value} into a formula`);
  const text = String(value);
  return value < 0 || Object.is(value, -0) ? `(${text})` : text;
}

/** Sum of terms; an empty sum is 0. */
export function sum(terms: string[]): string {
  return terms.length === 0 ? '0' : terms.join(' + ');
}

/**
 * Replace every whole-identifier occurrence of `name` by `(replacement)`. Identifiers are
 * [A-Za-z_][A-Za-z0-9_]*, so `x` inside `exp` or `x1` is left alone.
 */
export function substituteIdentifier(formula: string, name: string, replacement: string): string {
  return formula.replace(/[A-Za-z_][A-Za-z0-9_]*/g, (id) => (id === name ? `(${replacement})` : id));
}

/** Integer options arrive as strings; reject anything that is not an integer in [min, max]. */
export function integerOption(options: Record<string, string>, name: string, fallback: number, min: number, max: number): number {
  const raw = options[name];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`Option "${name}" must be an integer in [${min}, ${max}], got "${raw}"`);
  }
  return value;
}

/** The choices of an integer option, as strings. */
export function integerChoices(min: number, max: number): string[] {
  return Array.from({ length: max - min + 1 }, (_, i) => String(min + i));
}
