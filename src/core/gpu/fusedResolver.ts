/**
 * The ActivationResolver with fused WGSL kernels: the same entries, typed formulas, per-seed
 * initial parameters and stochastic rules as the composed resolver
 * (src/core/kernels/activationResolver.ts), but on 'webgpu' each activation application is one
 * dispatch forward and 1 + (number of parameters) backward; elsewhere the fused op falls back to
 * the composed one. The default resolver picks it on 'webgpu' (src/core/train/chooseKernels.ts).
 */
import { resolverWith } from '../kernels/activationResolver';
import { makeFusedTfActivation } from './fusedActivation';

export const fusedRegistryResolver = resolverWith(makeFusedTfActivation);
