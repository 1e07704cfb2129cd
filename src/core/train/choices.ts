/**
 * The engine's named choices (optimizers, backend preferences, init schemes) as plain lists,
 * with no tf.js import: the pages build their menus and check links from these without pulling
 * tf.js into the page bundle (training runs in the worker). The engine modules re-export them,
 * so each list exists once.
 */
export { INIT_SCHEMES, schemeTakes, type InitScheme } from './init';

export const OPTIMIZERS = ['sgd', 'momentum', 'adam'] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];

/** 'auto' tries the backends fastest first (core/train/backend.ts). */
export const BACKEND_PREFERENCES = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendPreference = (typeof BACKEND_PREFERENCES)[number];
export type BackendName = Exclude<BackendPreference, 'auto'>;
