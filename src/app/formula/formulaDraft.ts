/**
 * What the formula box edits: the definition with numbers still as typed text, and its check
 * (numbers parsed, then the core's validation and compile) so problems show before anything
 * is evaluated. Pure; no React.
 */
import type { CompiledActivation } from '../../core/activation/types';
import { customId } from '../../core/custom/encoding';
import type { CustomActivation, CustomProblem } from '../../core/custom/types';
import { checkCustom } from '../../core/custom/validate';

export interface DraftParam {
  name: string;
  default: string;
  min: string;
  max: string;
  learnable: boolean;
}

export interface Draft {
  name: string;
  formula: string;
  params: DraftParam[];
}

export interface CheckedDraft {
  problems: CustomProblem[];
  /** Present only when there are no problems. */
  def?: CustomActivation;
  compiled?: CompiledActivation;
}

export const EXAMPLE_DRAFT: Draft = { name: 'GoLU (typed)', formula: 'x * exp(-exp(-x))', params: [] };

export function newDraftParam(name: string): DraftParam {
  return { name, default: '1', min: '-5', max: '5', learnable: true };
}

export function draftOf(def: CustomActivation): Draft {
  return {
    name: def.name,
    formula: def.formula,
    params: def.params.map((p) => ({ name: p.name, default: String(p.default), min: String(p.min), max: String(p.max), learnable: p.learnable })),
  };
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

export function checkDraft(draft: Draft): CheckedDraft {
  const problems: CustomProblem[] = [];
  const params = draft.params.map((p, i) => {
    const num = (key: 'default' | 'min' | 'max'): number => {
      const text = p[key].trim();
      if (!NUMBER.test(text)) {
        problems.push({ field: `params.${i}.${key}`, message: `${key} of ${p.name.trim() || `parameter ${i + 1}`}: "${p[key]}" is not a number` });
        return NaN;
      }
      return Number(text);
    };
    return { name: p.name.trim(), default: num('default'), min: num('min'), max: num('max'), learnable: p.learnable };
  });
  const def: CustomActivation = { name: draft.name.trim(), formula: draft.formula, params };
  const checked = checkCustom(def, problems.length ? undefined : customId(def));
  // Unparsable numbers were already reported; the core's "must be finite" repeats would be noise.
  const own = checked.problems.filter((q) => !problems.some((p) => p.field === q.field));
  const all = [...problems, ...own];
  return all.length ? { problems: all } : { problems: all, def, compiled: checked.compiled };
}

/** The symbol an "Unknown symbol" problem names, to offer declaring it as a parameter. */
export function undeclaredSymbol(problems: CustomProblem[]): string | undefined {
  for (const p of problems) {
    const m = p.field === 'formula' ? /^Unknown symbol "([A-Za-z_][A-Za-z0-9_]*)"/.exec(p.message) : null;
    if (m) return m[1];
  }
  return undefined;
}
