/**
 * C = A·B (+ a bias row), f32, as WebAssembly SIMD: C [P, Q] and B [K, Q] row-major, A [P, K]
 * read through byte strides (sp between rows, sk along k), so A may be a transposed view (Xᵀ
 * for dW = Xᵀ·dY) without a copy.
 *
 * Register blocks of 4 rows × 8 columns: per k, two f32x4 loads of B's row, one splat per row
 * of A, eight independent f32x4 multiply-adds (the FMA shape; plain mul + add, since fused
 * multiply-add is only in relaxed SIMD, whose results vary by CPU). Remainders: 4 columns, then
 * single columns in scalar f32; 1 row. Each C element is the f32 sum over k in k order, rounded
 * at every add, then + bias rounded once: the JS kernels sum in float64, so the two differ by
 * float32 rounding (tested against float64 references).
 */
import { F32, I32, op, V128, type ValType, type WasmFunction } from './wasmBinary';

// Parameters.
const [A, SP, SK, B, C, P, Q, K, BIAS] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
// Locals.
const [LP, LQ, LK, QB, LB, ABASE, CROW] = [9, 10, 11, 12, 13, 14, 15];
const AR = [16, 17, 18, 19];
const X = 20;
const W = [21, 22];
const ACC = (r: number, v: number): number => 23 + r * 2 + v;
const SW = 31;
const SACC = (r: number): number => 32 + r;
const LOCALS: ValType[] = [
  I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32,
  V128, V128, V128, ...Array<ValType>(8).fill(V128), F32, F32, F32, F32, F32,
];

type Code = number[][];

/** while (!exit) body — `exit` pushes an i32 that ends the loop when true. */
function whileNot(exit: Code, body: Code): Code {
  return [op.block(), op.loop(), ...exit, op.brIf(1), ...body, op.br(0), op.end(), op.end()];
}

const addTo = (local: number, amount: Code): Code => [op.get(local), ...amount, op.i32Add(), op.set(local)];

/** local + n·4 > limit: fewer than n left. */
const fewerThan = (local: number, n: number, limit: number): Code => [op.get(local), op.i32(n), op.i32Add(), op.get(limit), op.i32GtS()];

/** Byte address of C's row r of the block, column q. */
const cAddress = (r: number): Code => [op.get(CROW), op.get(QB), op.i32(r), op.i32Mul(), op.i32Add(), op.get(LQ), op.i32(4), op.i32Mul(), op.i32Add()];

/** The k loop of one block: R rows, V vectors of 4 columns (V = 0: one column, scalar). */
function block(R: number, V: number, bias: boolean): Code {
  const code: Code = [];
  for (let r = 0; r < R; r++) {
    if (V === 0) code.push(op.f32(0), op.set(SACC(r)));
    for (let v = 0; v < V; v++) code.push(op.f32(0), op.f32x4Splat(), op.set(ACC(r, v)));
    code.push(op.get(ABASE), op.get(SP), op.i32(r), op.i32Mul(), op.i32Add(), op.set(AR[r]));
  }
  code.push(op.get(B), op.get(LQ), op.i32(4), op.i32Mul(), op.i32Add(), op.set(LB), op.i32(0), op.set(LK));
  const step: Code = [];
  if (V === 0) {
    step.push(op.get(LB), op.f32Load(), op.set(SW));
    for (let r = 0; r < R; r++) {
      step.push(op.get(AR[r]), op.f32Load(), op.get(SW), op.f32Mul(), op.get(SACC(r)), op.f32Add(), op.set(SACC(r)));
    }
  } else {
    for (let v = 0; v < V; v++) step.push(op.get(LB), op.v128Load(16 * v), op.set(W[v]));
    for (let r = 0; r < R; r++) {
      step.push(op.get(AR[r]), op.v128Load32Splat(), op.set(X));
      for (let v = 0; v < V; v++) step.push(op.get(X), op.get(W[v]), op.f32x4Mul(), op.get(ACC(r, v)), op.f32x4Add(), op.set(ACC(r, v)));
    }
  }
  for (let r = 0; r < R; r++) step.push(...addTo(AR[r], [op.get(SK)]));
  step.push(...addTo(LB, [op.get(QB)]), ...addTo(LK, [op.i32(1)]));
  code.push(...whileNot([op.get(LK), op.get(K), op.i32GeS()], step));
  for (let r = 0; r < R; r++) {
    if (V === 0) {
      code.push(...cAddress(r), op.get(SACC(r)));
      if (bias) code.push(op.get(BIAS), op.get(LQ), op.i32(4), op.i32Mul(), op.i32Add(), op.f32Load(), op.f32Add());
      code.push(op.f32Store());
      continue;
    }
    for (let v = 0; v < V; v++) {
      code.push(...cAddress(r), op.get(ACC(r, v)));
      if (bias) code.push(op.get(BIAS), op.get(LQ), op.i32(4), op.i32Mul(), op.i32Add(), op.v128Load(16 * v), op.f32x4Add());
      code.push(op.v128Store(16 * v));
    }
  }
  return code;
}

/** All columns of R rows starting at p. */
function rowBlock(R: number, bias: boolean): Code {
  return [
    op.get(A), op.get(LP), op.get(SP), op.i32Mul(), op.i32Add(), op.set(ABASE),
    op.get(C), op.get(LP), op.get(QB), op.i32Mul(), op.i32Add(), op.set(CROW),
    op.i32(0), op.set(LQ),
    ...whileNot(fewerThan(LQ, 8, Q), [...block(R, 2, bias), ...addTo(LQ, [op.i32(8)])]),
    ...whileNot(fewerThan(LQ, 4, Q), [...block(R, 1, bias), ...addTo(LQ, [op.i32(4)])]),
    ...whileNot([op.get(LQ), op.get(Q), op.i32GeS()], [...block(R, 0, bias), ...addTo(LQ, [op.i32(1)])]),
  ];
}

/** gemm(A, sp, sk, B, C, P, Q, K, bias): bias is a byte address of Q floats, read only by the `bias` variant. */
export function gemmFunction(name: string, bias: boolean): WasmFunction {
  return {
    name,
    params: [I32, I32, I32, I32, I32, I32, I32, I32, I32],
    locals: LOCALS,
    body: [
      op.get(Q), op.i32(4), op.i32Mul(), op.set(QB),
      op.i32(0), op.set(LP),
      ...whileNot(fewerThan(LP, 4, P), [...rowBlock(4, bias), ...addTo(LP, [op.i32(4)])]),
      ...whileNot([op.get(LP), op.get(P), op.i32GeS()], [...rowBlock(1, bias), ...addTo(LP, [op.i32(1)])]),
    ],
  };
}
