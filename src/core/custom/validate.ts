/**
 * Checks a custom definition before anything is evaluated: the name, each parameter (identifier,
 * finite default inside a finite [min, max]), and the formula (parsed and differentiated, so a
 * syntax error, an undeclared name or an unsupported derivative is reported with its position).
 */
import { compileFormula } from '../activation/compile';
import type { CompiledActivation } from '../activation/types';
import { isExprError } from '../expr/errors';
import { lookupFunction } from '../expr/functions';
import { registryFunctions } from '../registry/index';
import type { ParamSpec } from '../registry/types';
import {
  MAX_CUSTOM_FORMULA_LENGTH,
  MAX_CUSTOM_PARAMS,
  MAX_NAME_LENGTH,
  type CustomActivation,
  type CustomProblem,
} from './types';

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const MAX_PARAM_NAME = 24;
/** Names the formula language already gives a meaning to. */
const LANGUAGE_WORDS = new Set(['x', 'pi', 'e', 'and', 'or', 'not']);
/**
 * Names every JavaScript object already has. Tables keyed by parameter name are Maps or have no
 * prototype, but a name that means something else in half the code it travels through (plots,
 * tf.js inputs, links, exported dicts) is refused at the door, with this message.
 */
const OBJECT_MEMBERS: ReadonlySet<string> = new Set([...Object.getOwnPropertyNames(Object.prototype), '__proto__']);

/** Why `name` cannot name a parameter, or undefined when it can. */
function paramNameProblem(name: string): string | undefined {
  if (name === '') return 'Parameter name is empty';
  if (name.length > MAX_PARAM_NAME) return `Parameter name "${name.slice(0, MAX_PARAM_NAME)}…" is longer than ${MAX_PARAM_NAME} characters`;
  if (!IDENT.test(name)) return `Parameter name "${name}" must start with a letter or _ and contain only letters, digits and _`;
  if (OBJECT_MEMBERS.has(name)) return `"${name}" is a built-in name of JavaScript objects (constructor, toString, __proto__, …); choose another parameter name`;
  if (LANGUAGE_WORDS.has(name)) return `"${name}" is reserved in formulas (x is the input; pi, e, and, or, not are built in)`;
  if (lookupFunction(name) !== undefined || Object.hasOwn(registryFunctions(), name)) return `"${name}" is a function name; choose another parameter name`;
  return undefined;
}

/** ParamSpec for the compiler: learnable → 'yes', otherwise 'optional' (a Trainer toggle). */
function customParamSpecs(def: CustomActivation): ParamSpec[] {
  return def.params.map((p) => ({ name: p.name, default: p.default, min: p.min, max: p.max, learnable: p.learnable ? 'yes' : 'optional' }));
}

function checkShape(def: CustomActivation, problems: CustomProblem[]): void {
  const name = def.name.trim();
  if (name === '') problems.push({ field: 'name', message: 'Give the formula a name' });
  else if (name.length > MAX_NAME_LENGTH) problems.push({ field: 'name', message: `Name is longer than ${MAX_NAME_LENGTH} characters` });
  // eslint-disable-next-line no-control-regex
  else if (/[\u0000-\u001f\u007f]/.test(name)) problems.push({ field: 'name', message: 'Name contains control characters' });

  if (def.params.length > MAX_CUSTOM_PARAMS) problems.push({ field: 'params', message: `At most ${MAX_CUSTOM_PARAMS} parameters, got ${def.params.length}` });
  const seen = new Set<string>();
  def.params.forEach((p, i) => {
    const at = `params.${i}`;
    const nameProblem = paramNameProblem(p.name);
    if (nameProblem) problems.push({ field: `${at}.name`, message: nameProblem });
    else if (seen.has(p.name)) problems.push({ field: `${at}.name`, message: `Parameter "${p.name}" is declared twice` });
    seen.add(p.name);
    const label = p.name || `#${i + 1}`;
    for (const key of ['default', 'min', 'max'] as const) {
      if (!Number.isFinite(p[key])) problems.push({ field: `${at}.${key}`, message: `${key} of ${label} must be a finite number` });
    }
    if (Number.isFinite(p.min) && Number.isFinite(p.max) && !(p.min < p.max)) {
      problems.push({ field: `${at}.max`, message: `max of ${label} must be above its min (${p.min})` });
    } else if (Number.isFinite(p.default) && (p.default < p.min || p.default > p.max)) {
      problems.push({ field: `${at}.default`, message: `default of ${label} (${p.default}) must lie in [${p.min}, ${p.max}]` });
    }
  });

  if (def.formula.trim() === '') problems.push({ field: 'formula', message: 'Formula is empty', position: 0, length: 0 });
  else if (def.formula.length > MAX_CUSTOM_FORMULA_LENGTH) {
    problems.push({ field: 'formula', message: `Formula is longer than ${MAX_CUSTOM_FORMULA_LENGTH} characters`, position: MAX_CUSTOM_FORMULA_LENGTH, length: def.formula.length - MAX_CUSTOM_FORMULA_LENGTH });
  }
}

/**
 * Every problem with `def` (empty when it is usable), plus the compiled activation when there are
 * none, so callers that go on to plot do not compile twice.
 */
export function checkCustom(def: CustomActivation, id?: string): { problems: CustomProblem[]; compiled?: CompiledActivation } {
  const problems: CustomProblem[] = [];
  checkShape(def, problems);
  // A formula is compiled only when its parameter list is sound: a bad declaration would
  // otherwise surface as a misleading "unknown symbol".
  if (problems.some((p) => p.field === 'formula' || p.field.startsWith('params'))) return { problems };
  try {
    const compiled = compileFormula(def.formula, customParamSpecs(def), { name: def.name.trim(), ...(id ? { id } : {}), functions: registryFunctions() });
    return problems.length ? { problems } : { problems, compiled };
  } catch (e) {
    if (isExprError(e)) problems.push({ field: 'formula', message: e.message, position: e.position, length: e.length });
    else problems.push({ field: 'formula', message: e instanceof Error ? e.message : String(e) });
    return { problems };
  }
}

/** Every problem with `def`; an empty list means it compiles and can be plotted and trained. */
export function validateCustom(def: CustomActivation): CustomProblem[] {
  return checkCustom(def).problems;
}
