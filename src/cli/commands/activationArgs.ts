/**
 * Turns CLI text (an activation id or a typed formula, --param and --option pairs) into a
 * compiled activation and checked parameter values, with one-line errors for every mistake.
 */
import { compileActivation, compileFormula } from '../../core/activation/compile';
import type { CompiledActivation } from '../../core/activation/types';
import { isExprError } from '../../core/expr/errors';
import { getEntry, registryFunctions, suggestEntry } from '../../core/registry/index';
import type { ParamSpec } from '../../core/registry/types';
import { parseParamPairs, UsageError } from '../args';

export function entryOrThrow(id: string) {
  const entry = getEntry(id);
  if (entry) return entry;
  const guess = suggestEntry(id);
  throw new UsageError(`Unknown activation "${id}".${guess ? ` Did you mean "${guess.id}"?` : ' Run "npm run cli -- list" for the ids.'}`);
}

function optionPairs(pairs: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--option expects name=value, got "${pair}"`);
    out[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
  }
  return out;
}

/** Compiles an entry or formula; rewraps formula and option errors as one-line usage errors. */
export function compileFromArgs(source: { id?: string; formula?: string }, paramPairs: string[], optionTexts: string[]): { compiled: CompiledActivation; params: Record<string, number> } {
  const given = parseParamPairs(paramPairs);
  let compiled: CompiledActivation;
  try {
    if (source.formula !== undefined) {
      // A typed formula declares its parameters through --param name=value (value = default).
      const specs: ParamSpec[] = Object.entries(given).map(([name, value]) => ({
        name,
        default: value,
        min: -Infinity,
        max: Infinity,
        learnable: 'optional',
      }));
      compiled = compileFormula(source.formula, specs, { functions: registryFunctions() });
    } else {
      compiled = compileActivation(entryOrThrow(source.id ?? ''), optionPairs(optionTexts));
    }
  } catch (err) {
    if (err instanceof UsageError) throw err;
    if (isExprError(err)) {
      throw new UsageError(`Formula error: ${err.message}`);
    }
    throw new UsageError((err as Error).message);
  }
  return { compiled, params: checkParams(compiled, given) };
}

/** Every given parameter must exist and lie in its registry range; the rest take defaults. */
function checkParams(compiled: CompiledActivation, given: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of compiled.params) out[p.name] = p.default;
  for (const [name, value] of Object.entries(given)) {
    const spec = compiled.params.find((p) => p.name === name);
    if (!spec) {
      const known = compiled.params.map((p) => p.name).join(', ');
      throw new UsageError(`Activation "${compiled.entry.id}" has no parameter "${name}"${known ? `; parameters: ${known}` : ' (it has no parameters)'}`);
    }
    if (value < spec.min || value > spec.max) {
      throw new UsageError(`Parameter ${name}=${value} is out of range [${spec.min}, ${spec.max}] for "${compiled.entry.id}"`);
    }
    if (spec.integer && !Number.isInteger(value)) throw new UsageError(`Parameter ${name} must be an integer, got ${value}`);
    out[name] = value;
  }
  return out;
}
