/**
 * What the CPU training forward pass keeps for its backward pass (./segmentOp.ts): pooled
 * float64 arrays of f's derivatives per element, the choice whether to keep them at all (or
 * let the backward program recompute them), and the backward pass that only multiplies them by
 * dy. Both ways give the same numbers bit for bit.
 */
import type { CpuKernels, GradientPrograms } from './cpuKernels';
import { programCost, STORED_VALUE_NS, SUMMED_ROOT_NS } from './programCost';

/** Per segment, the derivatives the forward pass stored for the backward pass (float64, per element). */
export interface Stored {
  /** ∂f/∂v per variable, over the segment's elements. */
  dvars: Float64Array[];
  /** ∂f/∂p per parameter root that is not a constant (constantRoot null), over the segment's elements. */
  dparams: Float64Array[];
}

/**
 * Reused float64 arrays for the stored derivatives (every element is overwritten before it is
 * read): a training step at full batch stores ~10⁶ values per layer, and fresh arrays each step
 * cost more in allocation and garbage collection than the arithmetic they save.
 */
const pool = new Map<number, Float64Array[]>();
/** At most this much is kept for reuse (a training step needs its arrays alive anyway). */
const POOL_BYTES = 64 * 2 ** 20;
let pooledBytes = 0;

/** A reused float64 array of n elements (stale contents: overwrite every element before reading). */
export function takeArray(n: number): Float64Array {
  const a = pool.get(n)?.pop();
  if (!a) return new Float64Array(n);
  pooledBytes -= a.byteLength;
  return a;
}

/** Returns arrays to the pool (up to POOL_BYTES in all). */
export function giveBack(arrays: Float64Array[]): void {
  for (const a of arrays) {
    if (pooledBytes + a.byteLength > POOL_BYTES) continue;
    const list = pool.get(a.length) ?? [];
    list.push(a);
    pool.set(a.length, list);
    pooledBytes += a.byteLength;
  }
}

/**
 * One run's backward pass from stored derivatives: dvars[v][from + i] = dy·∂f/∂v (float64
 * product, rounded once) and sums[off + j] += Σ_i dy·∂f/∂p_j, as the backward program does
 * (each sum in element order, so the result is the program's bit for bit).
 */
export function multiplyStored(st: Stored, constantRoot: (number | null)[], g: ArrayLike<number>, dvars: Float32Array[], from: number, local: number, n: number, sums: Float64Array, off: number): void {
  const sumOf: number[] = [];
  if (st.dvars.length === 1 && st.dparams.length <= 3) {
    // The common case in one pass: dy is read once, and the sums' dependency chains interleave.
    const [d, out] = [st.dvars[0], dvars[0]];
    const [p0, p1, p2] = st.dparams;
    let [a0, a1, a2] = [0, 0, 0];
    if (st.dparams.length === 0) {
      for (let i = 0; i < n; i++) out[from + i] = g[from + i] * d[local + i];
    } else if (st.dparams.length === 1) {
      for (let i = 0; i < n; i++) {
        const gi = g[from + i];
        out[from + i] = gi * d[local + i];
        a0 += gi * p0[local + i];
      }
    } else if (st.dparams.length === 2) {
      for (let i = 0; i < n; i++) {
        const gi = g[from + i];
        out[from + i] = gi * d[local + i];
        a0 += gi * p0[local + i];
        a1 += gi * p1[local + i];
      }
    } else {
      for (let i = 0; i < n; i++) {
        const gi = g[from + i];
        out[from + i] = gi * d[local + i];
        a0 += gi * p0[local + i];
        a1 += gi * p1[local + i];
        a2 += gi * p2[local + i];
      }
    }
    sumOf.push(a0, a1, a2);
  } else {
    st.dvars.forEach((d, v) => {
      const out = dvars[v];
      for (let i = 0; i < n; i++) out[from + i] = g[from + i] * d[local + i];
    });
    for (const d of st.dparams) {
      let acc = 0;
      for (let i = 0; i < n; i++) acc += g[from + i] * d[local + i];
      sumOf.push(acc);
    }
  }
  let stored = 0;
  constantRoot.forEach((c, j) => {
    if (c === null) {
      sums[off + j] += sumOf[stored++];
      return;
    }
    // Σ dy·c, each product rounded as the backward program rounds it (not c·Σ dy).
    let acc = 0;
    for (let i = 0; i < n; i++) acc += g[from + i] * c;
    sums[off + j] += acc;
  });
}

const storeChoice = new WeakMap<GradientPrograms, boolean>();

/** 'auto': by estimated cost (below); 'always' / 'never': forced, so tests can compare both ways for every entry. */
export type DerivativeStorage = 'auto' | 'always' | 'never';
let storagePolicy: DerivativeStorage = 'auto';

export function setDerivativeStorage(policy: DerivativeStorage): void {
  storagePolicy = policy;
}

/**
 * Whether the training forward pass keeps this segment's derivatives, by the programs'
 * estimated costs (./programCost.ts). Storing pays where f and its derivatives share costly
 * subtrees (GELU's Φ, Chebyshev's cos kθ); recomputing pays where the derivatives are cheap or
 * many: an activation with many trained coefficients (PAU's ten, a tropical rational's twenty)
 * would write and re-read one float64 array per coefficient, while the backward program keeps
 * each coefficient's sum in a register. Either way the numbers are the same, bit for bit.
 */
export function storesDerivatives(kernels: CpuKernels, gp: GradientPrograms): boolean {
  if (storagePolicy !== 'auto') return storagePolicy === 'always';
  let store = storeChoice.get(gp);
  if (store === undefined) {
    const nv = kernels.vars.length;
    const nStored = gp.constantRoot.filter((c) => c === null).length;
    const storing = programCost(gp.forwardWithDerivatives, nv) + STORED_VALUE_NS * (nv + nStored) + 0.5 * (nv + gp.constantRoot.length);
    const recomputing = programCost(kernels.forward, nv) + programCost(gp.backward, nv + 1) + SUMMED_ROOT_NS * gp.constantRoot.length;
    store = storing <= recomputing;
    storeChoice.set(gp, store);
  }
  return store;
}
