/**
 * One activation in a link: `id` or `id(name=value,…)`, where a name is a parameter (a number
 * within its range) or an option (one of its choices). Every page reads and writes activations
 * with these functions, so every page accepts the same links. Pure; the registry is reached
 * through the small `StateCatalog` interface.
 */
import type { OptionSpec, ParamSpec } from '../../core/registry/types';
import { formatNumber, parseNumberText } from './queryCodec';

export interface SelectedActivation {
  id: string;
  /** Only values that differ from the defaults are kept (and written to the URL). */
  params: Record<string, number>;
  options: Record<string, string>;
}

/** What state parsing needs to know about an activation. */
export interface CatalogItem {
  id: string;
  options: OptionSpec[];
  /** Parameters for the given option values (some options change the parameter list). */
  paramsFor(options: Record<string, string>): ParamSpec[];
}

export interface StateCatalog {
  /** By id or alias, case-insensitive; undefined when unknown. */
  lookup(idOrAlias: string): CatalogItem | undefined;
}

/** Splits `id(k=v,k=v)`; undefined when the shape is wrong. */
function splitActivationToken(token: string): { id: string; pairs: [string, string][] } | undefined {
  const m = /^([A-Za-z0-9_.-]+)(?:\((.*)\))?$/.exec(token.trim());
  if (!m) return undefined;
  const pairs: [string, string][] = [];
  if (m[2] !== undefined && m[2].trim() !== '') {
    for (const part of m[2].split(',')) {
      const eq = part.indexOf('=');
      if (eq <= 0) return undefined;
      pairs.push([part.slice(0, eq).trim(), part.slice(eq + 1).trim()]);
    }
  }
  return { id: m[1], pairs };
}

export function parseActivationToken(token: string, catalog: StateCatalog, problems: string[]): SelectedActivation | undefined {
  const split = splitActivationToken(token);
  if (!split) {
    problems.push(`Activation "${token}" is not of the form id or id(name=value,…); ignored.`);
    return undefined;
  }
  const item = catalog.lookup(split.id);
  if (!item) {
    problems.push(`Unknown activation "${split.id}"; ignored.`);
    return undefined;
  }
  const options: Record<string, string> = Object.create(null);
  const numeric: [string, string][] = [];
  for (const [name, value] of split.pairs) {
    const option = item.options.find((o) => o.name === name);
    if (!option) {
      numeric.push([name, value]);
      continue;
    }
    if (!option.choices.includes(value)) {
      problems.push(
        `Option "${name}" of ${item.id}: "${value}" is not one of ${option.choices.join(', ')}; using "${option.default}".`,
      );
    } else if (value !== option.default) {
      options[name] = value;
    }
  }
  const specs = item.paramsFor({ ...defaultOptions(item.options), ...options });
  const params: Record<string, number> = Object.create(null);
  for (const [name, text] of numeric) {
    const spec = specs.find((p) => p.name === name);
    if (!spec) {
      const known = [...specs.map((p) => p.name), ...item.options.map((o) => o.name)];
      problems.push(
        `${item.id} has no parameter or option "${name}"${known.length ? ` (it has: ${known.join(', ')})` : ''}; ignored.`,
      );
      continue;
    }
    const problem = checkParamValue(spec, text);
    if (typeof problem === 'string') {
      problems.push(`Parameter "${name}" of ${item.id}: ${problem}; using the default ${formatNumber(spec.default)}.`);
    } else if (problem !== spec.default) {
      params[name] = problem;
    }
  }
  return { id: item.id, params, options };
}

/** The value, or a sentence saying why `text` is not acceptable for `spec`. */
export function checkParamValue(spec: ParamSpec, text: string): number | string {
  const v = parseNumberText(text);
  if (v === undefined) return `"${text}" is not a number`;
  if (v < spec.min || v > spec.max) return `${formatNumber(v)} is outside [${formatNumber(spec.min)}, ${formatNumber(spec.max)}]`;
  if (spec.integer && !Number.isInteger(v)) return `${formatNumber(v)} is not an integer`;
  return v;
}

export function defaultOptions(options: OptionSpec[]): Record<string, string> {
  return Object.fromEntries(options.map((o) => [o.name, o.default]));
}

/** `id` or `id(option=…,param=…)`: the URL token, also a stable cache key for one curve. */
export function formatActivation(sel: SelectedActivation): string {
  const pairs = [
    ...Object.entries(sel.options).map(([k, v]) => `${k}=${v}`),
    ...Object.entries(sel.params).map(([k, v]) => `${k}=${formatNumber(v)}`),
  ];
  return pairs.length ? `${sel.id}(${pairs.join(',')})` : sel.id;
}
