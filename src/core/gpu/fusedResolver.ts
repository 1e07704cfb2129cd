/**
 * The engine's ActivationResolver with fused WGSL kernels: the same ops as registryResolver
 * (src/core/train/registryResolver.ts) on every backend, but on 'webgpu' each activation
 * application is one dispatch forward and 1 + (number of parameters) backward.
 */
import { compileActivation } from '../activation/compile';
import { resolveEntry } from '../registry/index';
import type { ActivationResolver, ResolvedActivation } from '../train/activationSpec';
import { makeFusedTfActivation } from './fusedActivation';

const cache = new Map<string, ResolvedActivation>();

export const fusedRegistryResolver: ActivationResolver = (spec) => {
  const entry = resolveEntry(spec.id);
  const compiled = compileActivation(entry, spec.options ?? {});
  const options = Object.keys(compiled.options).sort().map((k) => `${k}=${compiled.options[k]}`);
  const key = `${entry.id}[${options.join(',')}]`;
  let resolved = cache.get(key);
  if (!resolved) {
    resolved = {
      id: entry.id,
      key,
      label: options.length ? `${entry.name} [${options.join(', ')}]` : entry.name,
      params: compiled.params,
      gated: compiled.vars.length === 2,
      train: makeFusedTfActivation(compiled, { training: true }),
      eval: makeFusedTfActivation(compiled, { training: false }),
    };
    cache.set(key, resolved);
  }
  return resolved;
};
