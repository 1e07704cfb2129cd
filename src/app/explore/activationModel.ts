/**
 * From a selection in the explorer state to what the page draws: the registry entry, the
 * compiled activation (cached by the compiler), effective parameter values, the scalar closures
 * to sample, and a legend label. No React here.
 */
import { compileActivation } from '../../core/activation/compile';
import type { CompiledActivation } from '../../core/activation/types';
import { customIdProblem, entryFor } from '../../core/custom/compileCustom';
import type { ActivationEntry, ParamSpec } from '../../core/registry/types';
import { defaultOptions, type SelectedActivation } from '../state/activationToken';
import { formatNumber } from '../state/queryCodec';
import { paramLabel } from './paramLabel';
import type { ScalarCurves } from './sampleCurves';

export interface ActivationView {
  sel: SelectedActivation;
  entry: ActivationEntry;
  compiled: CompiledActivation;
  /** Parameter specs for the chosen options. */
  params: ParamSpec[];
  /** Every parameter's current value (defaults filled in). */
  values: Record<string, number>;
  curves: ScalarCurves;
  /** Legend label: name plus the values that differ from the defaults. */
  label: string;
  isModifier: boolean;
  isGated: boolean;
}

export type ActivationViewResult = { ok: true; view: ActivationView } | { ok: false; id: string; error: string };

/**
 * Views per selection object: the state replaces only the selection that changed, so the other
 * views (and their memoised cards) stay identical while one slider moves.
 */
const viewCache = new WeakMap<SelectedActivation, ActivationViewResult>();

export function activationView(sel: SelectedActivation): ActivationViewResult {
  let result = viewCache.get(sel);
  if (!result) {
    result = buildActivationView(sel);
    viewCache.set(sel, result);
  }
  return result;
}

function buildActivationView(sel: SelectedActivation): ActivationViewResult {
  // Registry ids and typed formulas (`my.…` ids) alike.
  const entry = entryFor(sel.id);
  if (!entry) return { ok: false, id: sel.id, error: customIdProblem(sel.id) ?? `Unknown activation "${sel.id}".` };
  try {
    const options = { ...defaultOptions(entry.options ?? []), ...sel.options };
    const compiled = compileActivation(entry, options);
    const params = compiled.params;
    const values: Record<string, number> = {};
    for (const p of params) values[p.name] = sel.params[p.name] ?? p.default;
    const isGated = compiled.vars.length === 2;
    // For gated blocks the compiler's scalar f, f′, f″ are the gate g(a) = o(a, 1) and its a-derivatives.
    const curves = compiled.scalar(values);
    return {
      ok: true,
      view: { sel, entry, compiled, params, values, curves, label: curveLabel(entry, sel), isModifier: entry.tier === 'modifier', isGated },
    };
  } catch (e) {
    return { ok: false, id: sel.id, error: `${entry.name} could not be compiled: ${e instanceof Error ? e.message : String(e)}` };
  }
}

function curveLabel(entry: ActivationEntry, sel: SelectedActivation): string {
  const parts = [
    ...Object.entries(sel.options).map(([k, v]) => `${k}=${v}`),
    ...Object.entries(sel.params).map(([k, v]) => `${paramLabel(k)}=${formatNumber(v)}`),
  ];
  return parts.length ? `${entry.name} (${parts.join(', ')})` : entry.name;
}
