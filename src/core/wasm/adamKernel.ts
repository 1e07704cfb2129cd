/**
 * Adam's update as WebAssembly SIMD, in place over w, m, v: four elements per f32x4 op, the
 * tail (n mod 4) in scalar f32. The formula and its rounding are ../cpu/optimizerKernels.ts's:
 * every operation there is a float64 op rounded to float32, which for + − × ÷ √ equals the
 * float32 op itself, so both give bit-identical weights and moments (tested).
 *
 * adam(w, g, m, v, n, useL2, clamp, l2, β1, 1−β1, β2, 1−β2, bc1, bc2, lr, ε, lo, hi)
 */
import { F32, I32, op, V128, type ValType, type WasmFunction } from './wasmBinary';

const [PW, PG, PM, PV, N, USE_L2, CLAMP] = [0, 1, 2, 3, 4, 5, 6];
/** The f32 scalars, parameters 7…17, and their splats, locals 18…28. */
const [L2, B1, C1, B2, C2, BC1, BC2, LR, EPS, LO, HI] = [7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17];
const SPLAT = (p: number): number => p + 11;
const [GV, WV, MV, VV] = [29, 30, 31, 32];
const [GS, WS, MS, VS] = [33, 34, 35, 36];
const LOCALS: ValType[] = [...Array<ValType>(11).fill(V128), V128, V128, V128, V128, F32, F32, F32, F32];

type Code = number[][];

interface Lanes {
  width: number;
  load: () => number[];
  store: () => number[];
  add: () => number[];
  sub: () => number[];
  mul: () => number[];
  div: () => number[];
  sqrt: () => number[];
  /** A scalar parameter as an operand of this width. */
  k: (p: number) => number[];
  /** x > hi ? hi : x, then x < lo ? lo : x, with x on the stack (a NaN stays NaN). */
  clip: (tmp: number) => Code;
  g: number;
  w: number;
  m: number;
  v: number;
}

const VECTOR: Lanes = {
  width: 4, load: op.v128Load, store: op.v128Store, add: op.f32x4Add, sub: op.f32x4Sub, mul: op.f32x4Mul, div: op.f32x4Div, sqrt: op.f32x4Sqrt,
  k: (p) => op.get(SPLAT(p)),
  clip: () => [op.get(SPLAT(HI)), op.f32x4Pmin(), op.get(SPLAT(LO)), op.f32x4Pmax()],
  g: GV, w: WV, m: MV, v: VV,
};

const SCALAR: Lanes = {
  width: 1, load: op.f32Load, store: op.f32Store, add: () => [0x92], sub: () => [0x93], mul: () => [0x94], div: () => [0x95], sqrt: () => [0x91],
  k: (p) => op.get(p),
  // select(hi, x, x > hi), then select(lo, x, x < lo)
  clip: (tmp) => [
    op.set(tmp), op.get(HI), op.get(tmp), op.get(tmp), op.get(HI), [0x5e], [0x1b], op.set(tmp),
    op.get(LO), op.get(tmp), op.get(tmp), op.get(LO), [0x5d], [0x1b],
  ],
  g: GS, w: WS, m: MS, v: VS,
};

function element(l: Lanes): Code {
  return [
    op.get(PG), l.load(), op.set(l.g),
    op.get(PW), l.load(), op.set(l.w),
    op.get(USE_L2), op.if(), op.get(l.g), op.get(l.w), l.k(L2), l.mul(), l.add(), op.set(l.g), op.end(),
    // m ← m·β1 + g·(1−β1); v ← v·β2 + (g·g)·(1−β2)
    op.get(PM), op.get(PM), l.load(), l.k(B1), l.mul(), op.get(l.g), l.k(C1), l.mul(), l.add(), op.tee(l.m), l.store(),
    op.get(PV), op.get(PV), l.load(), l.k(B2), l.mul(), op.get(l.g), op.get(l.g), l.mul(), l.k(C2), l.mul(), l.add(), op.tee(l.v), l.store(),
    // w ← w − (m/bc1)·lr / (√(v/bc2) + ε), clipped
    op.get(PW),
    op.get(l.w), op.get(l.m), l.k(BC1), l.div(), l.k(LR), l.mul(), op.get(l.v), l.k(BC2), l.div(), l.sqrt(), l.k(EPS), l.add(), l.div(), l.sub(),
    op.set(l.w),
    op.get(CLAMP), op.if(), op.get(l.w), ...l.clip(l.w), op.set(l.w), op.end(),
    op.get(l.w), l.store(),
  ];
}

function advance(bytes: number): Code {
  return [PW, PG, PM, PV].flatMap((p) => [op.get(p), op.i32(bytes), op.i32Add(), op.set(p)]);
}

function pass(l: Lanes): Code {
  return [
    op.block(), op.loop(),
    op.get(N), op.i32(l.width), [0x48], op.brIf(1), // n < width: done
    ...element(l), ...advance(4 * l.width),
    op.get(N), op.i32(l.width), op.i32Sub(), op.set(N),
    op.br(0), op.end(), op.end(),
  ];
}

export function adamFunction(name: string): WasmFunction {
  const splats: Code = [L2, B1, C1, B2, C2, BC1, BC2, LR, EPS, LO, HI].flatMap((p) => [op.get(p), op.f32x4Splat(), op.set(SPLAT(p))]);
  return {
    name,
    params: [I32, I32, I32, I32, I32, I32, I32, ...Array<ValType>(11).fill(F32)],
    locals: LOCALS,
    body: [...splats, ...pass(VECTOR), ...pass(SCALAR)],
  };
}
