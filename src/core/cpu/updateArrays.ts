/**
 * What an optimizer update over plain arrays takes and gives (./optimizerKernels.ts, and its
 * WebAssembly Adam in ../wasm/wasmAdam.ts), in a file of its own so neither imports the other.
 */
export interface UpdateInput {
  /** The variable's values, its gradient, and (momentum/Adam) its state arrays. */
  w: Float32Array;
  g: Float32Array;
  /** Runs along the leading axis; `active[r]` false leaves run r (weights and state) untouched. */
  runs: number;
  active: ArrayLike<number | boolean> | null;
  /** Coupled L2 (weights only): g ← g + l2·w. */
  l2: number;
  clamp?: [number, number];
}

export interface UpdateOutput {
  w: Float32Array;
  /** New state arrays (same order as given), or the given ones when unchanged. */
  state: Float32Array[];
}

export interface AdamScalars {
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
  /** Bias corrections 1 − β^t of this step. */
  bc1: number;
  bc2: number;
}
