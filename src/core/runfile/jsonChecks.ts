/**
 * Path-aware checks for untrusted JSON: each returns the value with its type narrowed, or throws a
 * RunFileError naming the JSONPath and what was expected.
 */
import { RunFileError } from './errors';

export type Json = unknown;

function describe(v: Json): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}

export function fail(path: string, problem: string): never {
  throw new RunFileError(path, problem);
}

export function at(path: string, key: string | number): string {
  return typeof key === 'number' ? `${path}[${key}]` : /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

export function object(v: Json, path: string): Record<string, Json> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(path, `expected an object, found ${describe(v)}`);
  return v as Record<string, Json>;
}

/** A required field of an object. */
export function field(o: Record<string, Json>, key: string, path: string): Json {
  if (!Object.hasOwn(o, key) || o[key] === undefined) fail(at(path, key), 'missing field');
  return o[key];
}

export function array(v: Json, path: string, length?: number, what?: string): Json[] {
  if (!Array.isArray(v)) fail(path, `expected an array, found ${describe(v)}`);
  if (length !== undefined && v.length !== length) {
    fail(path, `has ${v.length} entries, expected ${length}${what ? ` (${what})` : ''}`);
  }
  return v;
}

export function string(v: Json, path: string): string {
  if (typeof v !== 'string') fail(path, `expected a string, found ${describe(v)}`);
  return v;
}

export function boolean(v: Json, path: string): boolean {
  if (typeof v !== 'boolean') fail(path, `expected true or false, found ${describe(v)}`);
  return v;
}

export interface NumberRule {
  min?: number;
  max?: number;
  /** Exclusive bounds. */
  above?: number;
  below?: number;
  integer?: boolean;
}

/** A finite number (JSON cannot hold NaN/Infinity; null or a string in its place is refused). */
export function number(v: Json, path: string, rule: NumberRule = {}): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(path, `expected a finite number, found ${describe(v)}`);
  if (rule.integer && !Number.isInteger(v)) fail(path, `expected an integer, found ${v}`);
  if (rule.min !== undefined && v < rule.min) fail(path, `${v} is below the minimum ${rule.min}`);
  if (rule.max !== undefined && v > rule.max) fail(path, `${v} is above the maximum ${rule.max}`);
  if (rule.above !== undefined && !(v > rule.above)) fail(path, `${v} must be greater than ${rule.above}`);
  if (rule.below !== undefined && !(v < rule.below)) fail(path, `${v} must be less than ${rule.below}`);
  return v;
}

export function numberOrNull(v: Json, path: string): number | null {
  return v === null ? null : number(v, path);
}

export function oneOf<T extends string>(v: Json, path: string, choices: readonly T[]): T {
  const s = string(v, path);
  if (!(choices as readonly string[]).includes(s)) fail(path, `"${s}" is not one of: ${choices.join(', ')}`);
  return s as T;
}

/** Largest finite float32. */
const F32_MAX = 3.4028234663852886e38;

/**
 * A number the engine can hold: finite also as a float32. 1e39 is finite in JSON but the
 * engine's Float32Array reads it as Infinity, so a test point of 1e39 would give a NaN test loss
 * that no divergence check sees.
 */
export function float32(v: Json, path: string): number {
  const x = number(v, path);
  if (!Number.isFinite(Math.fround(x))) fail(path, `${x} is beyond the float32 range (±${F32_MAX.toPrecision(8)}) the engine computes in`);
  return x;
}

/** An array of `length` numbers finite in float32 (data, weights, indices). */
export function numbers(v: Json, path: string, length: number, what: string): number[] {
  const a = array(v, path, length, what);
  a.forEach((x, i) => float32(x, at(path, i)));
  return a as number[];
}

/** `rows` arrays of `cols` finite numbers each. */
export function matrix(v: Json, path: string, rows: number, cols: number, what: string): number[][] {
  const a = array(v, path, rows, `${what}: ${rows} rows`);
  a.forEach((row, i) => numbers(row, at(path, i), cols, `${what}: ${cols} columns`));
  return a as number[][];
}

/**
 * An object whose values all pass `check`, as a Map: its keys are names from the file, and a name
 * such as "__proto__" or "constructor" must stay a plain key, not reach Object's own members.
 */
export function record<T>(v: Json, path: string, check: (x: Json, p: string) => T): Map<string, T> {
  const o = object(v, path);
  const out = new Map<string, T>();
  for (const [k, x] of Object.entries(o)) out.set(k, check(x, at(path, k)));
  return out;
}
