/**
 * A rough per-element cost of a SlotProgram in nanoseconds (generated loop, V8, one core of
 * these machines), for ONE decision: whether the training forward pass should store an
 * activation's derivatives for the backward pass or let the backward program recompute them
 * (./segmentOp.ts). Both give the same numbers bit for bit; only the time differs. Figures are
 * from micro-benchmarks of the loops (kernelMath's exp ≈ 3.5 ns, Math.log1p ≈ 8.7 ns, …) and
 * from whole training steps (one stored float64 array written in the forward pass and read in
 * the backward pass ≈ 2.5 ns per element), then fitted on whole training steps of PAU, Fourier,
 * Chebyshev, Hermite and tropical-rational measured both ways (src/bench/everyActivation.ts).
 */
import { Fn, Op, type SlotProgram } from './slotProgram';

const CALL_NS: Record<Fn, number> = {
  [Fn.Exp]: 3.5, [Fn.Log]: 6, [Fn.Log1p]: 8.5, [Fn.Expm1]: 3.5, [Fn.Sqrt]: 1.5, [Fn.Abs]: 0.3,
  [Fn.Sign]: 1, [Fn.Step]: 0.5, [Fn.Sin]: 7, [Fn.Cos]: 7, [Fn.Tan]: 15, [Fn.Tanh]: 5.5,
  [Fn.Sinh]: 15, [Fn.Cosh]: 15, [Fn.Atan]: 9, [Fn.Erf]: 20, [Fn.Phi]: 25, [Fn.PhiPdf]: 9,
  [Fn.Sigmoid]: 8, [Fn.Softplus]: 12, [Fn.Logsigmoid]: 12, [Fn.Ceil]: 0.5, [Fn.Floor]: 0.5,
};

/** One float64 value per element written by the forward pass and read back by the backward pass. */
export const STORED_VALUE_NS = 2.5;
/**
 * Each parameter root of a backward program is a running sum kept across iterations: past a
 * few, they and the live temporaries outgrow the registers (fitted on PAU, Fourier, Chebyshev).
 */
export const SUMMED_ROOT_NS = 1.5;

function instructionNs(op: Op, fn: Fn): number {
  switch (op) {
    case Op.Call: return CALL_NS[fn];
    case Op.Div: return 1.3;
    case Op.Pow: return 25;
    case Op.Tie: return 0.5;
    case Op.MittagLeffler: return 200;
    case Op.PhiGivenE: return 6;
    default: return 0.3;
  }
}

/** Estimated ns per element of one run of the program's loop (loads and stores of its arguments and outputs included). */
export function programCost(p: SlotProgram, nElementArgs: number): number {
  let ns = 0.5 * (nElementArgs + p.outputs.length);
  for (const ins of p.code) ns += instructionNs(ins.op, ins.fn);
  return ns;
}
