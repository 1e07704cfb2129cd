/**
 * Runs a SlotProgram over arrays: as one generated loop (./jitProgram.ts) where generated code is
 * allowed, else by the row interpreter (./rowInterpreter.ts). Arguments are either per-element
 * (read from float32 arrays) or one value for the whole call (a run's activation parameters);
 * roots are either written per element or summed in float64 (a parameter's gradient).
 */
import type { ProgramCall, SlotProgram } from './slotProgram';
import { jitKernel } from './jitProgram';
import { interpretProgram } from './rowInterpreter';

let useJit = true;

/** Tests: run the row interpreter even where generated code is allowed (both must agree). */
export function setJitEnabled(on: boolean): void {
  useJit = on;
}

/**
 * Evaluates the program for elements [start, start + n) of the call's arrays: as a generated
 * loop (./jitProgram.ts) where allowed, else by the row interpreter below.
 */
export function runProgram(p: SlotProgram, call: ProgramCall): void {
  if (useJit && call.elementOut.every((o) => o !== null)) {
    const k = jitKernel(p, call.elementArgs.length, call.elementOut.length);
    if (k) {
      k(call.elementArgs, call.scalarArgs, call.start, call.n, call.elementOut as (Float32Array | Float64Array)[], call.sums ?? null, call.sumsOffset ?? 0);
      return;
    }
  }
  interpretProgram(p, call);
}
