/**
 * The activation resolvers under their historical names: the composed ops
 * (../kernels/activationResolver.ts), the CPU kernels' (../cpu/cpuResolver.ts), and the default
 * one, which picks the backend's own (./chooseKernels.ts).
 */
export { composedRegistryResolver } from '../kernels/activationResolver';
export { cpuKernelRegistryResolver } from '../cpu/cpuResolver';
export { registryResolver } from './chooseKernels';
