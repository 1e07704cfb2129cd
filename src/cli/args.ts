/**
 * A small, strict argument parser for the CLI: `--name=value`, `--name value`, repeated
 * `--param k=v`, boolean flags and positionals. Unknown flags are errors, so a typo never runs
 * a different experiment silently.
 */

export class UsageError extends Error {}

export interface FlagSpec {
  /** 'bool' flags take no value; 'string' flags take one; 'list' flags may repeat. */
  type: 'bool' | 'string' | 'list';
}

export interface ParsedArgs {
  positionals: string[];
  flags: Record<string, string | boolean | string[]>;
}

export function parseArgs(argv: string[], spec: Record<string, FlagSpec>): ParsedArgs {
  const positionals: string[] = [];
  // Null-prototype tables: a flag named --constructor or --__proto__ must be unknown, not Object's.
  const flags: ParsedArgs['flags'] = Object.create(null) as ParsedArgs['flags'];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--') || arg === '--') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    const flag = Object.hasOwn(spec, name) ? spec[name] : undefined;
    if (!flag) {
      const known = Object.keys(spec).map((k) => `--${k}`).join(', ');
      throw new UsageError(`Unknown option "--${name}". Known options: ${known || 'none'}`);
    }
    if (flag.type === 'bool') {
      if (eq !== -1) throw new UsageError(`Option --${name} takes no value`);
      flags[name] = true;
      continue;
    }
    let value: string;
    if (eq !== -1) value = arg.slice(eq + 1);
    else {
      if (i + 1 >= argv.length) throw new UsageError(`Option --${name} needs a value`);
      value = argv[++i];
    }
    if (flag.type === 'list') {
      const prev = flags[name];
      flags[name] = Array.isArray(prev) ? [...prev, value] : [value];
    } else {
      if (name in flags) throw new UsageError(`Option --${name} given twice`);
      flags[name] = value;
    }
  }
  return { positionals, flags };
}

/** A finite number, or a UsageError naming the option and the bad text. */
export function parseNumber(text: string, what: string): number {
  const trimmed = text.trim();
  const value = trimmed === '' ? NaN : Number(trimmed);
  if (!Number.isFinite(value)) throw new UsageError(`${what}: "${text}" is not a finite number`);
  return value;
}

export function parseInteger(text: string, what: string, min = -Infinity, max = Infinity): number {
  const value = parseNumber(text, what);
  if (!Number.isInteger(value) || value < min || value > max) {
    const range = Number.isFinite(min) || Number.isFinite(max) ? ` in [${min}, ${max}]` : '';
    throw new UsageError(`${what}: "${text}" is not an integer${range}`);
  }
  return value;
}

export function parseNumberList(text: string, what: string): number[] {
  if (text.trim() === '') throw new UsageError(`${what}: empty list`);
  return text.split(',').map((part, i) => parseNumber(part, `${what} item ${i + 1}`));
}

/** `--param name=value` pairs into a record; names are checked by the caller. */
export function parseParamPairs(pairs: string[]): Record<string, number> {
  const out = Object.create(null) as Record<string, number>;
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--param expects name=value, got "${pair}"`);
    const name = pair.slice(0, eq).trim();
    out[name] = parseNumber(pair.slice(eq + 1), `--param ${name}`);
  }
  return out;
}

export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags[name];
  return typeof v === 'string' ? v : undefined;
}

export function listFlag(args: ParsedArgs, name: string): string[] {
  const v = args.flags[name];
  return Array.isArray(v) ? v : [];
}
