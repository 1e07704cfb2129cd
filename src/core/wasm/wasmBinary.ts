/**
 * A small WebAssembly binary emitter: enough of the format (types, one exported memory,
 * functions, exports) and of the instruction set (i32/f32 scalar, 128-bit SIMD f32x4) to write
 * the CPU engine's kernels from TypeScript, with no toolchain at build time. Kernels are
 * instruction lists built by code (./gemmKernel.ts unrolls its register blocks that way), and
 * every module is checked by WebAssembly.validate before it is used (./wasmEngine.ts).
 *
 * Only numbers and opcodes from the tables below reach the binary; names (exports) are ASCII
 * identifiers checked here, so nothing a user types can end up in generated code.
 */

export const I32 = 0x7f;
export const F32 = 0x7d;
export const V128 = 0x7b;
export type ValType = typeof I32 | typeof F32 | typeof V128;

/** Unsigned LEB128. */
export function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

/** Signed LEB128 of a 32-bit integer. */
export function sleb(n: number): number[] {
  const out: number[] = [];
  n |= 0;
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

function f32Bytes(v: number): number[] {
  return Array.from(new Uint8Array(new Float32Array([v]).buffer));
}

const simd = (op: number): number[] => [0xfd, ...uleb(op)];
/** Memory argument: alignment exponent, then a constant byte offset. */
const mem = (align: number, offset: number): number[] => [...uleb(align), ...uleb(offset)];

/** Instructions, each a function returning its bytes. */
export const op = {
  block: (): number[] => [0x02, 0x40],
  loop: (): number[] => [0x03, 0x40],
  if: (): number[] => [0x04, 0x40],
  else: (): number[] => [0x05],
  end: (): number[] => [0x0b],
  br: (depth: number): number[] => [0x0c, ...uleb(depth)],
  brIf: (depth: number): number[] => [0x0d, ...uleb(depth)],
  get: (i: number): number[] => [0x20, ...uleb(i)],
  set: (i: number): number[] => [0x21, ...uleb(i)],
  tee: (i: number): number[] => [0x22, ...uleb(i)],
  i32: (v: number): number[] => [0x41, ...sleb(v)],
  f32: (v: number): number[] => [0x43, ...f32Bytes(v)],
  i32Add: (): number[] => [0x6a],
  i32Sub: (): number[] => [0x6b],
  i32Mul: (): number[] => [0x6c],
  i32LtS: (): number[] => [0x48],
  i32GtS: (): number[] => [0x4a],
  i32LeS: (): number[] => [0x4c],
  i32GeS: (): number[] => [0x4e],
  i32Eqz: (): number[] => [0x45],
  f32Load: (offset = 0): number[] => [0x2a, ...mem(2, offset)],
  f32Store: (offset = 0): number[] => [0x38, ...mem(2, offset)],
  f32Add: (): number[] => [0x92],
  f32Sub: (): number[] => [0x93],
  f32Mul: (): number[] => [0x94],
  f32Div: (): number[] => [0x95],
  f32Sqrt: (): number[] => [0x91],
  f32Ne: (): number[] => [0x5c],
  /** Unaligned is allowed; the hint says 4-byte alignment (what Float32Array offsets give). */
  v128Load: (offset = 0): number[] => [...simd(0x00), ...mem(2, offset)],
  v128Store: (offset = 0): number[] => [...simd(0x0b), ...mem(2, offset)],
  v128Load32Splat: (offset = 0): number[] => [...simd(0x09), ...mem(2, offset)],
  f32x4Splat: (): number[] => simd(0x13),
  f32x4Sqrt: (): number[] => simd(0xe3),
  f32x4Add: (): number[] => simd(0xe4),
  f32x4Sub: (): number[] => simd(0xe5),
  f32x4Mul: (): number[] => simd(0xe6),
  f32x4Div: (): number[] => simd(0xe7),
  /** b < a ? b : a, and pmax a < b ? b : a: a NaN in a stays (tf.clipByValue's rule). */
  f32x4Pmin: (): number[] => simd(0xea),
  f32x4Pmax: (): number[] => simd(0xeb),
};

export interface WasmFunction {
  name: string;
  params: ValType[];
  /** Locals after the parameters, in index order. */
  locals: ValType[];
  body: number[][];
}

function section(id: number, content: number[]): number[] {
  return [id, ...uleb(content.length), ...content];
}

const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const name = (s: string): number[] => {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(s)) throw new Error(`wasm export name "${s}" is not an identifier`);
  return [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];
};

/** A module exporting `memory` (`pages` × 64 KiB to start, growable) and the functions, none returning a value. */
export function wasmModule(fns: WasmFunction[], pages: number): Uint8Array<ArrayBuffer> {
  const types = fns.map((f) => [0x60, ...vec(f.params.map((t) => [t])), 0x00]);
  const funcs = fns.map((_, i) => uleb(i));
  const exports = [[...name('memory'), 0x02, 0x00], ...fns.map((f, i) => [...name(f.name), 0x00, ...uleb(i)])];
  const codes = fns.map((f) => {
    // One (count, type) run per local, in order.
    const locals = vec(f.locals.map((t) => [1, t]));
    const body = [...locals, ...f.body.flat(), 0x0b];
    return [...uleb(body.length), ...body];
  });
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec(types)),
    ...section(3, vec(funcs)),
    ...section(5, vec([[0x00, ...uleb(pages)]])),
    ...section(7, vec(exports)),
    ...section(10, vec(codes)),
  ]);
}
