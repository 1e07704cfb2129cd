/**
 * tf.js WebGPU programs (the WebGPUProgram shape of @tensorflow/tfjs-backend-webgpu 4.22) built
 * from generated kernel functions. Two ways to pass parameters:
 *
 * - 'separate': one input per parameter tensor P_k, constant over blocks of `inner_k`
 *   consecutive elements (a scalar, or one value per run of a stacked [R, …] tensor), so element
 *   i reads P_k[i / inner_k]. Cheapest, but WebGPU allows only 8 storage buffers per shader.
 * - 'table': one [rows, width] input T; element i belongs to row r = i / block and reads its
 *   parameters from T[r·width + c]. Rows are split into segments, each with its own activation
 *   function — so a stack of runs with K different activations is ONE dispatch.
 *
 * Every program reads its inputs as flat arrays (the caller has checked the layouts).
 */
import { WGSL_PRELUDE } from './wgslPrelude';

/** Structural copy of tf.js's WebGPUProgram (only the fields these programs use). */
export interface GpuProgram {
  variableNames: string[];
  outputShape: number[];
  shaderKey: string;
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number];
  size: boolean;
  uniforms?: string;
  outputComponent?: number;
  getUserCode: () => string;
}

/** A generated function `fn ap_fn(vars…, params…) -> f32` (emitWgslFunction with name 'ap_fn'). */
export interface KernelSource {
  code: string;
  /** Stable id of the code, for tf.js's pipeline cache. */
  key: string;
}

/** The function under another name, so several can live in one shader. */
function named(src: KernelSource, name: string): string {
  return src.code.replace(/^fn ap_fn\(/, `fn ${name}(`);
}

export const WORKGROUP = 128;

function size(shape: number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

export function flatProgram(variableNames: string[], shape: number[], shaderKey: string, uniforms: string, code: string): GpuProgram {
  return {
    variableNames,
    outputShape: shape,
    shaderKey,
    dispatchLayout: { x: shape.length ? shape.map((_, i) => i) : [0] },
    dispatch: [Math.max(1, Math.ceil(size(shape) / WORKGROUP)), 1, 1],
    workgroupSize: [WORKGROUP, 1, 1],
    size: true,
    outputComponent: 1,
    ...(uniforms ? { uniforms } : {}),
    getUserCode: () => `${WGSL_PRELUDE}\n${code}`,
  };
}

/** Tree sum of ap_partial (WORKGROUP entries) into ap_partial[0]; every invocation must reach it. */
export const TREE_SUM = `
  workgroupBarrier();
  for (var s: i32 = ${WORKGROUP / 2}; s > 0; s = s >> 1u) {
    if (lid < s) { ap_partial[lid] = ap_partial[lid] + ap_partial[lid + s]; }
    workgroupBarrier();
  }`;

/** A program with one workgroup per output element (`index` = group · WORKGROUP + local id). */
export function perGroupProgram(variableNames: string[], outShape: number[], shaderKey: string, uniforms: string, code: string): GpuProgram {
  return { ...flatProgram(variableNames, outShape, shaderKey, uniforms, code), dispatch: [Math.max(1, size(outShape)), 1, 1] };
}

/**
 * One workgroup per output element w; `term` (reading `start` and the loop index `j`) summed
 * for j < `count`, `start` and `count` giving the element's block. A shared-memory tree sum
 * finishes it.
 */
export function reductionProgram(variableNames: string[], outShape: number[], shaderKey: string, uniforms: string, helpers: string, start: string, count: string, term: string): GpuProgram {
  return perGroupProgram(variableNames, outShape, shaderKey, uniforms, `
${helpers}
var<workgroup> ap_partial: array<f32, ${WORKGROUP}>;
fn main(index: i32) {
  let w = index / ${WORKGROUP};
  let lid = index - w * ${WORKGROUP};
  var acc = 0.0;
  if (w < uniforms.size) {
    let start = ${start};
    let count = ${count};
    for (var j = lid; j < count; j = j + ${WORKGROUP}) {
      acc = acc + ${term};
    }
  }
  ap_partial[lid] = acc;
  ${TREE_SUM}
  if (lid == 0 && w < uniforms.size) { result[w] = ap_partial[0]; }
}
`);
}

const varNames = (n: number) => Array.from({ length: n }, (_, i) => `V${i}`);
const varReads = (n: number, i: string) => varNames(n).map((v) => `${v}[${i}]`);

// ---------------------------------------------------------------- separate parameter inputs

/** Storage buffers a 'separate' program binds: output, DY, variables, parameters. */
export function separateBufferCount(nVars: number, nParams: number): number {
  return 2 + nVars + nParams;
}

function separateUniforms(nParams: number): string {
  return Array.from({ length: nParams }, (_, k) => `inner${k} : i32, `).join('');
}

function separateArgs(nVars: number, nParams: number, i: string): string {
  const params = Array.from({ length: nParams }, (_, k) => `P${k}[(${i}) / uniforms.inner${k}]`);
  return [...varReads(nVars, i), ...params].join(', ');
}

/** out[i] = g(v…[i], P_k[i / inner_k]…), times DY[i] when `withDy`. Uniforms: inner_k. */
export function separateElementwise(src: KernelSource, shape: number[], nVars: number, nParams: number, withDy: boolean): GpuProgram {
  const call = `ap_g(${separateArgs(nVars, nParams, 'index')})`;
  const names = [...(withDy ? ['DY'] : []), ...varNames(nVars), ...Array.from({ length: nParams }, (_, k) => `P${k}`)];
  return flatProgram(names, shape, `apfused_sep_${src.key}_${withDy ? 'dy' : 'f'}`, separateUniforms(nParams), `
${named(src, 'ap_g')}
fn main(index: i32) {
  if (index < uniforms.size) {
    result[index] = ${withDy ? `DY[index] * ${call}` : call};
  }
}
`);
}

/**
 * Σ DY[i]·h(…) over each block of `rblock` consecutive elements: the gradient of one parameter
 * tensor of shape `outShape` (its values broadcast over blocks of rblock elements).
 * Uniforms: inner_k…, rblock.
 */
export function separateParamGrad(src: KernelSource, outShape: number[], nVars: number, nParams: number): GpuProgram {
  const names = ['DY', ...varNames(nVars), ...Array.from({ length: nParams }, (_, k) => `P${k}`)];
  return reductionProgram(names, outShape, `apfused_sepred_${src.key}`, `${separateUniforms(nParams)}rblock : i32, `,
    named(src, 'ap_g'), 'w * uniforms.rblock', 'uniforms.rblock',
    `DY[start + j] * ap_g(${separateArgs(nVars, nParams, 'start + j')})`);
}

// ---------------------------------------------------------------- parameter table with segments

/** Rows [previous segment's end, end) of the table use `fn`, which takes `nParams` table columns. */
export interface TableSegment {
  end: number;
  nParams: number;
}

function tableArgs(nVars: number, nParams: number, width: number, i: string, row: string): string {
  const params = Array.from({ length: nParams }, (_, c) => `T[${row} * ${width} + ${c}]`);
  return [...varReads(nVars, i), ...params].join(', ');
}

/** `if (row < end0) { … } else if …`, one branch per segment; `body(s)` is the statement for segment s. */
function segmentChain(segments: TableSegment[], row: string, body: (s: number) => string): string {
  return segments
    .map((seg, s) => {
      const open = s === 0 ? `if (${row} < ${seg.end})` : s === segments.length - 1 ? 'else' : `else if (${row} < ${seg.end})`;
      return segments.length === 1 ? `{ ${body(s)} }` : `${open} { ${body(s)} }`;
    })
    .join(' ');
}

function segmentsKey(segments: TableSegment[], fns: (KernelSource | null)[][]): string {
  return segments.map((s, i) => `${s.end}:${fns[i].map((f) => f?.key ?? '0').join('.')}`).join('|');
}

/**
 * out[i] = g_s(v…[i], T[r·width + c]…) with r = i / block and s the segment holding row r, times
 * DY[i] when `withDy`. Uniforms: block.
 */
export function tableElementwise(fns: KernelSource[], segments: TableSegment[], width: number, shape: number[], nVars: number, withDy: boolean): GpuProgram {
  const helpers = fns.map((f, s) => named(f, `ap_g${s}`)).join('\n');
  const chain = segmentChain(segments, 'r', (s) => `v = ap_g${s}(${tableArgs(nVars, segments[s].nParams, width, 'index', 'r')});`);
  const names = [...(withDy ? ['DY'] : []), ...varNames(nVars), ...(width > 0 ? ['T'] : [])];
  return flatProgram(names, shape, `apfused_tab_${width}_${segmentsKey(segments, fns.map((f) => [f]))}_${withDy ? 'dy' : 'f'}`, 'block : i32, ', `
${helpers}
fn main(index: i32) {
  if (index < uniforms.size) {
    let r = index / uniforms.block;
    var v = 0.0;
    ${chain}
    result[index] = ${withDy ? 'DY[index] * v' : 'v'};
  }
}
`);
}

/**
 * The gradient of the whole table, shape [rows, width]: entry (r, c) = Σ over row r's block of
 * DY[i]·∂g_s/∂p_c. dfns[s][c] is segment s's ∂/∂(column c) function (null: exactly zero, even
 * where DY is not finite — columns that are not trained, or unused).
 */
export function tableParamGrad(dfns: (KernelSource | null)[][], segments: TableSegment[], width: number, rows: number, nVars: number): GpuProgram {
  const helpers = dfns.flatMap((cols, s) => cols.map((f, c) => (f ? named(f, `ap_d${s}_${c}`) : ''))).join('\n');
  const termFn = `
fn ap_term(r: i32, c: i32, i: i32, dy: f32) -> f32 {
  var v = 0.0;
  ${segmentChain(segments, 'r', (s) => {
    const cases = dfns[s]
      .map((f, c) => (f ? `case ${c}: { v = dy * ap_d${s}_${c}(${tableArgs(nVars, segments[s].nParams, width, 'i', 'r')}); }` : ''))
      .join(' ');
    return `switch c { ${cases} default: { } }`;
  })}
  return v;
}`;
  const names = ['DY', ...varNames(nVars), 'T'];
  return reductionProgram(names, [rows, width], `apfused_tabred_${width}_${segmentsKey(segments, dfns)}`, 'block : i32, ',
    `${helpers}\n${termFn}`, `(w / ${width}) * uniforms.block`, 'uniforms.block',
    `ap_term(w / ${width}, w % ${width}, start + j, DY[start + j])`);
}
