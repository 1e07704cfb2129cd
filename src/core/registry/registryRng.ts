/**
 * Random inits of the registry (kaf, fourier-kan, tropical-rational, chebyshev `random`,
 * apa/aglu `readme`/`resnet`) draw from the project's seeded Rng, one forked stream per entry.
 * The registry's own defaults use REGISTRY_INIT_SEED; a run redraws with its seed through
 * drawInitialParams (./initialParams.ts).
 */
import { createRng, type Rng } from '../data/rng';

export const REGISTRY_INIT_SEED = 20250101;

export function initRng(entryId: string, seed = REGISTRY_INIT_SEED): Rng {
  return createRng(seed).fork(`registry-init:${entryId}`);
}
