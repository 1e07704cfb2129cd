/**
 * The engine's named choices (optimizers, backend preferences, init schemes) as plain lists,
 * with no tf.js import: the pages build their menus and check links from these without pulling
 * tf.js into the page bundle (training runs in the worker). The engine modules re-export them,
 * so each list exists once.
 */
export { INIT_SCHEMES, schemeTakes, type InitScheme } from './init';

export const OPTIMIZERS = ['sgd', 'momentum', 'adam'] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];

/**
 * Adam's default learning rate on every front end (pages, CLI). 0.01 rather than 0.03: at 0.03 the
 * default spiral's loss under GELU or xATLU jumps back towards its starting value every
 * 100–200 epochs (the measurement is in the README), which makes comparisons at the defaults noise.
 */
export const DEFAULT_ADAM_LR = 0.01;
/** SGD's and momentum's default learning rate (the CLI's; the pages start from Adam). */
const DEFAULT_SGD_LR = 0.1;

/** The default learning rate of `optimizer`. */
export function defaultLearningRate(optimizer: OptimizerName): number {
  return optimizer === 'adam' ? DEFAULT_ADAM_LR : DEFAULT_SGD_LR;
}

/** 'auto' tries the backends fastest first (core/train/backend.ts). */
export const BACKEND_PREFERENCES = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendPreference = (typeof BACKEND_PREFERENCES)[number];
export type BackendName = Exclude<BackendPreference, 'auto'>;
