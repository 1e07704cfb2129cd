/**
 * The WebAssembly emitter (src/core/wasm/wasmBinary.ts): LEB128 encodings against the
 * specification's examples and hand-worked values, and an emitted module that the engine's own
 * WebAssembly validates, instantiates and runs (scalar and f32x4 code paths), with its results
 * worked out by hand. Export names that are not identifiers are refused.
 */
import { describe, expect, it } from 'vitest';
import { F32, I32, op, sleb, uleb, wasmModule } from '../../../src/core/wasm/wasmBinary';

describe('LEB128', () => {
  it('unsigned', () => {
    expect(uleb(0)).toEqual([0]);
    expect(uleb(127)).toEqual([0x7f]);
    expect(uleb(128)).toEqual([0x80, 0x01]);
    expect(uleb(624485)).toEqual([0xe5, 0x8e, 0x26]); // the DWARF specification's example
  });
  it('signed', () => {
    expect(sleb(0)).toEqual([0]);
    expect(sleb(63)).toEqual([0x3f]);
    expect(sleb(64)).toEqual([0xc0, 0x00]);
    expect(sleb(-1)).toEqual([0x7f]);
    expect(sleb(-64)).toEqual([0x40]);
    expect(sleb(-65)).toEqual([0xbf, 0x7f]);
    expect(sleb(-123456)).toEqual([0xc0, 0xbb, 0x78]); // the DWARF specification's example
  });
});

describe('wasmModule', () => {
  // axpy(x, y, n, a): y[i] ← a·x[i] + y[i], four lanes at a time while n ≥ 4, then one at a time.
  const loop = (width: number, body: number[][]): number[][] => [
    op.block(), op.loop(), op.get(2), op.i32(width), op.i32LtS(), op.brIf(1), ...body,
    op.get(0), op.i32(4 * width), op.i32Add(), op.set(0), op.get(1), op.i32(4 * width), op.i32Add(), op.set(1),
    op.get(2), op.i32(width), op.i32Sub(), op.set(2), op.br(0), op.end(), op.end(),
  ];
  const bytes = wasmModule([{
    name: 'axpy', params: [I32, I32, I32, F32], locals: [],
    body: [
      ...loop(4, [op.get(1), op.get(3), op.f32x4Splat(), op.get(0), op.v128Load(), op.f32x4Mul(), op.get(1), op.v128Load(), op.f32x4Add(), op.v128Store()]),
      ...loop(1, [op.get(1), op.get(3), op.get(0), op.f32Load(), op.f32Mul(), op.get(1), op.f32Load(), op.f32Add(), op.f32Store()]),
    ],
  }], 1);

  it('validates, exports its memory and function, and computes what was written', () => {
    expect(WebAssembly.validate(bytes)).toBe(true);
    const ex = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports as { memory: WebAssembly.Memory; axpy: (x: number, y: number, n: number, a: number) => void };
    expect(ex.memory.buffer.byteLength).toBe(65536);
    const f = new Float32Array(ex.memory.buffer);
    f.set([1, 2, 3, 4, 5, 6], 0);
    f.set([10, 20, 30, 40, 50, 60], 8);
    ex.axpy(0, 32, 6, 0.5);
    expect(Array.from(f.subarray(8, 14))).toEqual([10.5, 21, 31.5, 42, 52.5, 63]);
  });

  it('refuses export names that are not identifiers', () => {
    expect(() => wasmModule([{ name: 'a"b', params: [], locals: [], body: [] }], 1)).toThrow(/not an identifier/);
  });
});
