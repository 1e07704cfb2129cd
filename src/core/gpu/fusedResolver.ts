/**
 * The engine's ActivationResolver with fused WGSL kernels on every backend where they apply: the
 * same entries, typed formulas, per-seed initial parameters and stochastic rules as
 * registryResolver (src/core/train/registryResolver.ts, which uses these ops by itself when the
 * backend is 'webgpu'), but on 'webgpu' each activation application is one dispatch forward and
 * 1 + (number of parameters) backward. Elsewhere the fused op falls back to the composed one.
 */
import { resolverWith } from '../train/registryResolver';
import { makeFusedTfActivation } from './fusedActivation';

export const fusedRegistryResolver = resolverWith(makeFusedTfActivation);
