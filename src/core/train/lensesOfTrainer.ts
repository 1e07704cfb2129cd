/**
 * Every run's per-layer lenses (./lenses.ts) from a trainer's current weights: one snapshot (the
 * read-back a run file's weights come from), then float64 passes over the training set, the runs
 * sharing one LENS_BUDGET. Runs whose
 * activation is not a registry entry or typed formula (hand-built test ops) get null.
 */
import type { CompiledActivation } from '../activation/types';
import { compiledForSpec } from './initScale';
import { LENS_BUDGET, lensesOfRun, type RunLenses } from './lenses';
import type { Trainer } from './trainer';

export async function trainerLenses(trainer: Trainer): Promise<(RunLenses | null)[]> {
  const snap = await trainer.snapshot();
  const compiled = new Map<string, CompiledActivation | null>();
  return snap.runs.map((run) => {
    const key = JSON.stringify(run.activation);
    if (!compiled.has(key)) {
      try {
        compiled.set(key, compiledForSpec(run.activation));
      } catch {
        compiled.set(key, null);
      }
    }
    const c = compiled.get(key);
    return c ? lensesOfRun(run.layers, c, run.activationParams, trainer.dataset, LENS_BUDGET / snap.runs.length) : null;
  });
}
