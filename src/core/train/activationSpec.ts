/**
 * How a run names its activation (the types live with the resolvers, ../kernels/resolvedActivation.ts),
 * and the check of a run's parameter values and toggles against the resolved entry.
 */
import type { ActivationSpec, ResolvedActivation } from '../kernels/resolvedActivation';

export type { ActivationResolver, ActivationSpec, EngineActivation, ResolvedActivation } from '../kernels/resolvedActivation';

/** Validated per-run parameter values and which of them are trained. */
export interface RunParams {
  values: Record<string, number>;
  learnable: string[];
}

/** Checks a spec's params and toggles against the resolved parameter list; clear messages. */
export function resolveRunParams(spec: ActivationSpec, resolved: ResolvedActivation, seed: number): RunParams {
  const seeded = resolved.initialParams?.(seed) ?? {};
  const known = new Map(resolved.params.map((p) => [p.name, p]));
  const list = resolved.params.map((p) => p.name).join(', ') || '(none)';
  for (const name of Object.keys(spec.params ?? {})) {
    if (!known.has(name)) throw new Error(`Unknown parameter "${name}" for activation "${resolved.id}"; it has: ${list}`);
  }
  for (const name of Object.keys(spec.learnable ?? {})) {
    if (!known.has(name)) throw new Error(`Unknown parameter "${name}" for activation "${resolved.id}"; it has: ${list}`);
  }
  const values: Record<string, number> = Object.create(null);
  const learnable: string[] = [];
  const own = <T>(o: Record<string, T> | undefined, k: string): T | undefined => (o && Object.hasOwn(o, k) ? o[k] : undefined);
  for (const p of resolved.params) {
    const v = own(spec.params, p.name) ?? own(seeded, p.name) ?? p.default;
    if (!Number.isFinite(v) || v < p.min || v > p.max) {
      throw new Error(`Parameter ${p.name} of "${resolved.id}" must lie in [${p.min}, ${p.max}], got ${v}`);
    }
    values[p.name] = v;
    const toggle = own(spec.learnable, p.name);
    if (toggle === true && p.learnable === 'no') {
      throw new Error(`Parameter ${p.name} of "${resolved.id}" is fixed and cannot be trained`);
    }
    if (toggle ?? p.learnable === 'yes') learnable.push(p.name);
  }
  return { values, learnable };
}
