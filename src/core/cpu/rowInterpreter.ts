/**
 * The row interpreter of SlotPrograms (./slotProgram.ts), CHUNK elements at a time: every
 * instruction is one tight loop over the chunk's slot rows (float64), so dispatch costs once per
 * chunk and the rows stay in cache. The fallback of the generated loops (./jitProgram.ts) where a
 * Content Security Policy forbids generated code, and their reference in tests.
 */
import { mittagLeffler } from '../math/special';
import * as sf from '../math/special';
import * as km from './kernelMath';
import { Fn, Op, type Instr, type ProgramCall, type SlotProgram } from './slotProgram';
import { isolatedTie, tieDecision } from '../expr/evaluate';

/** Elements per chunk: rows of 256 float64 keep a few hundred slots inside L2. */
const CHUNK = 256;

/**
 * Each program keeps its own slot rows: its constant rows are filled once, and a scalar
 * argument's row only when the value changes (runs of one stack call the same program run
 * after run, and re-filling ~30 constant rows per run cost as much as the arithmetic).
 */
interface Scratch {
  rows: Float64Array;
  /** Value currently filled into each scalar argument's row. */
  filled: number[];
}

const scratchOf = new WeakMap<SlotProgram, Scratch>();

function scratchFor(p: SlotProgram): Scratch {
  let s = scratchOf.get(p);
  if (!s) {
    const rows = new Float64Array(p.nSlots * CHUNK);
    for (const { slot, value } of p.constants) rows.fill(value, slot * CHUNK, slot * CHUNK + CHUNK);
    s = { rows, filled: [] };
    scratchOf.set(p, s);
  }
  return s;
}


/**
 * One small function per instruction kind, called through a table indexed by opcode: V8
 * optimizes each tight loop on its own (one function with a switch over ~40 loops ran ~5×
 * slower per element). Each function is written out so that every call inside is monomorphic.
 */
type Kernel = (s: Float64Array, ins: Instr, len: number) => void;
const C = CHUNK;


const kNeg: Kernel = (s, ins, len) => {
  const d = ins.dst * C;
  const a = ins.a * C;
  for (let i = 0; i < len; i++) s[d + i] = -s[a + i];
};

const kNot: Kernel = (s, ins, len) => {
  const d = ins.dst * C;
  const a = ins.a * C;
  for (let i = 0; i < len; i++) s[d + i] = s[a + i] !== 0 ? 0 : 1;
};

const kTruthy: Kernel = (s, ins, len) => {
  const d = ins.dst * C;
  const a = ins.a * C;
  for (let i = 0; i < len; i++) s[d + i] = s[a + i] !== 0 ? 1 : 0;
};

const kAdd: Kernel = (s, ins, len) => {
  const d = ins.dst * C;
  const a = ins.a * C;
  const b = ins.b * C;
  for (let i = 0; i < len; i++) s[d + i] = s[a + i] + s[b + i];
};

const kSub: Kernel = (s, ins, len) => {
  const d = ins.dst * C;
  const a = ins.a * C;
  const b = ins.b * C;
  for (let i = 0; i < len; i++) s[d + i] = s[a + i] - s[b + i];
};

const kMul: Kernel = (s, ins, len) => {
  const d = ins.dst * C;
  const a = ins.a * C;
  const b = ins.b * C;
  for (let i = 0; i < len; i++) s[d + i] = s[a + i] * s[b + i];
};

const kDiv: Kernel = (s, ins, len) => {
  const d = ins.dst * C;
  const a = ins.a * C;
  const b = ins.b * C;
  for (let i = 0; i < len; i++) s[d + i] = s[a + i] / s[b + i];
};

const kPow: Kernel = (s, ins, len) => {
  const d = ins.dst * C;
  const a = ins.a * C;
  const b = ins.b * C;
  for (let i = 0; i < len; i++) s[d + i] = Math.pow(s[a + i], s[b + i]);
};

const kMax: Kernel = (s, ins, len) => {
  const d = ins.dst * C;
  const a = ins.a * C;
  const b = ins.b * C;
  for (let i = 0; i < len; i++) s[d + i] = Math.max(s[a + i], s[b + i]);
};

const kMin: Kernel = (s, ins, len) => {
  const d = ins.dst * C;
  const a = ins.a * C;
  const b = ins.b * C;
  for (let i = 0; i < len; i++) s[d + i] = Math.min(s[a + i], s[b + i]);
};

const kGt: Kernel = (s, ins, len) => {
  const d = ins.dst * C;
  const a = ins.a * C;
  const b = ins.b * C;
  for (let i = 0; i < len; i++) s[d + i] = s[a + i] > s[b + i] ? 1 : 0;
};

const kLt: Kernel = (s, ins, len) => {
  const d = ins.dst * C;
  const a = ins.a * C;
  const b = ins.b * C;
  for (let i = 0; i < len; i++) s[d + i] = s[a + i] < s[b + i] ? 1 : 0;
};

const kGe: Kernel = (s, ins, len) => {
  const d = ins.dst * C;
  const a = ins.a * C;
  const b = ins.b * C;
  for (let i = 0; i < len; i++) s[d + i] = s[a + i] >= s[b + i] ? 1 : 0;
};

const kLe: Kernel = (s, ins, len) => {
  const d = ins.dst * C;
  const a = ins.a * C;
  const b = ins.b * C;
  for (let i = 0; i < len; i++) s[d + i] = s[a + i] <= s[b + i] ? 1 : 0;
};

const kEq: Kernel = (s, ins, len) => {
  const d = ins.dst * C;
  const a = ins.a * C;
  const b = ins.b * C;
  for (let i = 0; i < len; i++) s[d + i] = s[a + i] === s[b + i] ? 1 : 0;
};

const kNe: Kernel = (s, ins, len) => {
  const d = ins.dst * C;
  const a = ins.a * C;
  const b = ins.b * C;
  for (let i = 0; i < len; i++) s[d + i] = s[a + i] !== s[b + i] ? 1 : 0;
};

const kAnd: Kernel = (s, ins, len) => {
  const d = ins.dst * C;
  const a = ins.a * C;
  const b = ins.b * C;
  for (let i = 0; i < len; i++) s[d + i] = s[a + i] !== 0 && s[b + i] !== 0 ? 1 : 0;
};

const kOr: Kernel = (s, ins, len) => {
  const d = ins.dst * C;
  const a = ins.a * C;
  const b = ins.b * C;
  for (let i = 0; i < len; i++) s[d + i] = s[a + i] !== 0 || s[b + i] !== 0 ? 1 : 0;
};

const fExp: Kernel = (s, ins, len) => {
  const d = ins.dst * C;
  const a = ins.a * C;
  for (let i = 0; i < len; i++) s[d + i] = km.exp(s[a + i]);
};

const fLog: Kernel = (s, ins, len) => {
  const d = ins.dst * C;
  const a = ins.a * C;
  for (let i = 0; i < len; i++) s[d + i] = Math.log(s[a + i]);
};

const fLog1p: Kernel = (s, ins, len) => {
  const d = ins.dst * C;
  const a = ins.a * C;
  for (let i = 0; i < len; i++) s[d + i] = Math.log1p(s[a + i]);
};

const fExpm1: Kernel = (s, ins, len) => {
  const d = ins.dst * C;
  const a = ins.a * C;
  for (let i = 0; i < len; i++) s[d + i] = km.expm1(s[a + i]);
};

const fSqrt: Kernel = (s, ins, len) => {
  const d = ins.dst * C;
  const a = ins.a * C;
  for (let i = 0; i < len; i++) s[d + i] = Math.sqrt(s[a + i]);
};

const fAbs: Kernel = (s, ins, len) => {
  const d = ins.dst * C;
  const a = ins.a * C;
  for (let i = 0; i < len; i++) s[d + i] = Math.abs(s[a + i]);
};

const fSign: Kernel = (s, ins, len) => {
  const d = ins.dst * C;
  const a = ins.a * C;
  for (let i = 0; i < len; i++) s[d + i] = Math.sign(s[a + i]);
};

const fStep: Kernel = (s, ins, len) => {
  const d = ins.dst * C;
  const a = ins.a * C;
  for (let i = 0; i < len; i++) s[d + i] = sf.step(s[a + i]);
};

const fSin: Kernel = (s, ins, len) => {
  const d = ins.dst * C;
  const a = ins.a * C;
  for (let i = 0; i < len; i++) s[d + i] = km.sin(s[a + i]);
};

const fCos: Kernel = (s, ins, len) => {
  const d = ins.dst * C;
  const a = ins.a * C;
  for (let i = 0; i < len; i++) s[d + i] = km.cos(s[a + i]);
};

const fTan: Kernel = (s, ins, len) => {
  const d = ins.dst * C;
  const a = ins.a * C;
  for (let i = 0; i < len; i++) s[d + i] = Math.tan(s[a + i]);
};

const fTanh: Kernel = (s, ins, len) => {
  const d = ins.dst * C;
  const a = ins.a * C;
  for (let i = 0; i < len; i++) s[d + i] = km.tanh(s[a + i]);
};

const fSinh: Kernel = (s, ins, len) => {
  const d = ins.dst * C;
  const a = ins.a * C;
  for (let i = 0; i < len; i++) s[d + i] = Math.sinh(s[a + i]);
};

const fCosh: Kernel = (s, ins, len) => {
  const d = ins.dst * C;
  const a = ins.a * C;
  for (let i = 0; i < len; i++) s[d + i] = Math.cosh(s[a + i]);
};

const fAtan: Kernel = (s, ins, len) => {
  const d = ins.dst * C;
  const a = ins.a * C;
  for (let i = 0; i < len; i++) s[d + i] = Math.atan(s[a + i]);
};

const fErf: Kernel = (s, ins, len) => {
  const d = ins.dst * C;
  const a = ins.a * C;
  for (let i = 0; i < len; i++) s[d + i] = sf.erf(s[a + i]);
};

const fPhi: Kernel = (s, ins, len) => {
  const d = ins.dst * C;
  const a = ins.a * C;
  for (let i = 0; i < len; i++) s[d + i] = sf.Phi(s[a + i]);
};

const fPhiPdf: Kernel = (s, ins, len) => {
  const d = ins.dst * C;
  const a = ins.a * C;
  for (let i = 0; i < len; i++) s[d + i] = sf.phi(s[a + i]);
};

const fSigmoid: Kernel = (s, ins, len) => {
  const d = ins.dst * C;
  const a = ins.a * C;
  // As the generated loop writes it (./jitProgram.ts), with the kernels' exponential.
  for (let i = 0; i < len; i++) {
    const x = s[a + i];
    s[d + i] = x >= 0 ? 1 / (1 + km.exp(-x)) : km.exp(x) / (1 + km.exp(x));
  }
};

const fSoftplus: Kernel = (s, ins, len) => {
  const d = ins.dst * C;
  const a = ins.a * C;
  for (let i = 0; i < len; i++) s[d + i] = Math.max(s[a + i], 0) + Math.log1p(km.exp(-Math.abs(s[a + i])));
};

const fLogsigmoid: Kernel = (s, ins, len) => {
  const d = ins.dst * C;
  const a = ins.a * C;
  for (let i = 0; i < len; i++) s[d + i] = Math.min(s[a + i], 0) - Math.log1p(km.exp(-Math.abs(s[a + i])));
};

const fCeil: Kernel = (s, ins, len) => {
  const d = ins.dst * C;
  const a = ins.a * C;
  for (let i = 0; i < len; i++) s[d + i] = Math.ceil(s[a + i]);
};

const fFloor: Kernel = (s, ins, len) => {
  const d = ins.dst * C;
  const a = ins.a * C;
  for (let i = 0; i < len; i++) s[d + i] = Math.floor(s[a + i]);
};

const kSelect: Kernel = (s, ins, len) => {
  const d = ins.dst * C;
  const a = ins.a * C;
  const b = ins.b * C;
  const c = ins.c * C;
  for (let i = 0; i < len; i++) s[d + i] = s[a + i] !== 0 ? s[b + i] : s[c + i];
};
const CMP_KERNEL: Record<Instr['cmp'], Kernel> = { '>': kGt, '<': kLt, '>=': kGe, '<=': kLe, '==': kEq, '!=': kNe };
/** Plain comparison first, then the kink rule where l == r exactly and dl ≠ dr. */
const kTie: Kernel = (s, ins, len) => {
  CMP_KERNEL[ins.cmp](s, ins, len);
  const d = ins.dst * C;
  const a = ins.a * C;
  const b = ins.b * C;
  const c = ins.c * C;
  const e = ins.d * C;
  for (let i = 0; i < len; i++) {
    if (s[a + i] === s[b + i] && s[c + i] !== s[e + i] && isolatedTie(s[a + i], s[c + i], s[e + i])) s[d + i] = tieDecision(ins.cmp, s[c + i], s[e + i]) ? 1 : 0;
  }
};
const kMittagLeffler: Kernel = (s, ins, len) => {
  const d = ins.dst * C;
  const a = ins.a * C;
  const b = ins.b * C;
  const c = ins.c * C;
  for (let i = 0; i < len; i++) s[d + i] = mittagLeffler(s[a + i], s[b + i], s[c + i], ins.order);
};
const kPhiGivenE: Kernel = (s, ins, len) => {
  const d = ins.dst * C;
  const a = ins.a * C;
  const b = ins.b * C;
  for (let i = 0; i < len; i++) s[d + i] = km.PhiGivenE(s[a + i], s[b + i]);
};


/** Keyed by member (total: tsc names a new Fn missing here), as jitProgram.ts's tables are. */
const FN_KERNELS: Record<Fn, Kernel> = {
  [Fn.Exp]: fExp, [Fn.Log]: fLog, [Fn.Log1p]: fLog1p, [Fn.Expm1]: fExpm1, [Fn.Sqrt]: fSqrt, [Fn.Abs]: fAbs,
  [Fn.Sign]: fSign, [Fn.Step]: fStep, [Fn.Sin]: fSin, [Fn.Cos]: fCos, [Fn.Tan]: fTan, [Fn.Tanh]: fTanh,
  [Fn.Sinh]: fSinh, [Fn.Cosh]: fCosh, [Fn.Atan]: fAtan, [Fn.Erf]: fErf, [Fn.Phi]: fPhi, [Fn.PhiPdf]: fPhiPdf,
  [Fn.Sigmoid]: fSigmoid, [Fn.Softplus]: fSoftplus, [Fn.Logsigmoid]: fLogsigmoid, [Fn.Ceil]: fCeil, [Fn.Floor]: fFloor,
};

const kCall: Kernel = (s, ins, len) => FN_KERNELS[ins.fn](s, ins, len);

/** Keyed by member, like FN_KERNELS. */
const KERNELS: Record<Op, Kernel> = {
  [Op.Neg]: kNeg, [Op.Add]: kAdd, [Op.Sub]: kSub, [Op.Mul]: kMul, [Op.Div]: kDiv, [Op.Pow]: kPow, [Op.Max]: kMax, [Op.Min]: kMin,
  [Op.Gt]: kGt, [Op.Lt]: kLt, [Op.Ge]: kGe, [Op.Le]: kLe, [Op.Eq]: kEq, [Op.Ne]: kNe,
  [Op.Tie]: kTie,
  [Op.And]: kAnd, [Op.Or]: kOr, [Op.Not]: kNot, [Op.Truthy]: kTruthy,
  [Op.Select]: kSelect,
  [Op.Call]: kCall,
  [Op.MittagLeffler]: kMittagLeffler,
  [Op.PhiGivenE]: kPhiGivenE,
};

function exec(code: Instr[], s: Float64Array, len: number): void {
  for (let n = 0; n < code.length; n++) {
    const ins = code[n];
    KERNELS[ins.op](s, ins, len);
  }
}

/** Evaluates the program for elements [start, start + n) of the call's arrays, row by row. */
export function interpretProgram(p: SlotProgram, call: ProgramCall): void {
  const scratch = scratchFor(p);
  const s = scratch.rows;
  const nElem = call.elementArgs.length;
  call.scalarArgs.forEach((v, i) => {
    if (Object.is(scratch.filled[i], v)) return;
    s.fill(v, p.args[nElem + i] * C, p.args[nElem + i] * C + C);
    scratch.filled[i] = v;
  });
  const nOut = call.elementOut.length;
  const sumsOffset = call.sumsOffset ?? 0;
  const end = call.start + call.n;
  for (let c0 = call.start; c0 < end; c0 += C) {
    const len = Math.min(C, end - c0);
    for (let k = 0; k < nElem; k++) {
      const src = call.elementArgs[k];
      const row = p.args[k] * C;
      for (let i = 0; i < len; i++) s[row + i] = src[c0 + i];
    }
    exec(p.code, s, len);
    for (let k = 0; k < nOut; k++) {
      const out = call.elementOut[k];
      if (!out) continue;
      const row = p.outputs[k] * C;
      for (let i = 0; i < len; i++) out[c0 + i] = s[row + i];
    }
    if (call.sums) {
      for (let k = nOut; k < p.outputs.length; k++) {
        const row = p.outputs[k] * C;
        let acc = 0;
        for (let i = 0; i < len; i++) acc += s[row + i];
        call.sums[sumsOffset + k - nOut] += acc;
      }
    }
  }
}
