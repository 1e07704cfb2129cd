/**
 * Layer widths of the MLP. Gated (Tier C) networks use narrower hidden layers so the weight
 * count matches the ungated network (ACTIVATIONS.md, Tier C intro).
 */

export interface Architecture {
  inputDim: number;
  /** Ungated hidden widths as configured, e.g. [16, 16]. */
  hidden: number[];
  outputDim: number;
  gated: boolean;
}

/**
 * h' = max(1, round(h·(d_in + d_out)/(2·d_in + d_out))): a gated layer has two d_in × h'
 * projections and one h' × d_out, an ungated one d_in × h and h × d_out. d_in and d_out are the
 * NOMINAL (ungated) neighbouring widths, so the count matches layer by layer for the usual
 * equal-width stacks; with unequal widths it is approximate, as the spec's formula is.
 */
export function gatedWidth(h: number, dIn: number, dOut: number): number {
  return Math.max(1, Math.round((h * (dIn + dOut)) / (2 * dIn + dOut)));
}

/** [input, hidden₁, …, hidden_L, output] as actually built (gated widths where gated). */
export function layerWidths(arch: Architecture): number[] {
  const nominal = [arch.inputDim, ...arch.hidden, arch.outputDim];
  if (!arch.gated) return nominal;
  return nominal.map((w, i) =>
    i === 0 || i === nominal.length - 1 ? w : gatedWidth(w, nominal[i - 1], nominal[i + 1]),
  );
}

/** Deep narrow nets (16–32 layers) are one of the tasks where activations differ. */
export const MAX_HIDDEN_LAYERS = 32;

export function validateHidden(hidden: number[]): void {
  if (!Array.isArray(hidden) || hidden.length === 0 || hidden.length > MAX_HIDDEN_LAYERS) {
    throw new Error(`hidden must list 1 to ${MAX_HIDDEN_LAYERS} layer widths, e.g. [16, 16]; got ${JSON.stringify(hidden)}`);
  }
  for (const h of hidden) {
    if (!Number.isInteger(h) || h < 1 || h > 1024) {
      throw new Error(`Hidden layer widths must be integers between 1 and 1024; got ${JSON.stringify(hidden)}`);
    }
  }
}
