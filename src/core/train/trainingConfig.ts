/**
 * One experiment's training settings, each field written once: the trainer (TrainerConfig), run
 * files (RunSetup), comparisons (ComparisonConfig) and the worker's messages (TrainSetup,
 * CompareSetup) are this type narrowed or extended, so a field added here (sirenOmega0 was
 * missing from three of them) reaches every layer. No tf.js import: the pages use it too.
 */
import type { DatasetSpec } from '../data/datasets';
import type { InitScheme, OptimizerName } from './choices';

export interface TrainingConfig {
  dataset: DatasetSpec;
  /** Ungated hidden widths, e.g. [16, 16]. */
  hidden: number[];
  /** Default 'he-normal'. */
  init?: InitScheme;
  /** ω0 of the 'siren' init (default 30, SIREN's value); ignored by other schemes. */
  sirenOmega0?: number;
  /** 'gaussian' init: weights N(0, σ_w²/fan_in) (default 1); ignored by other schemes (./initScale.ts). */
  initSigmaW?: number;
  /** 'gaussian' and 'edge-of-chaos' inits: biases N(0, σ_b²) (default 0). */
  initSigmaB?: number;
  /** Default 'adam'. */
  optimizer?: OptimizerName;
  lr: number;
  /** Momentum coefficient for 'momentum' (default 0.9). */
  momentum?: number;
  /** L2 on weights (default 0). */
  l2?: number;
  /** Mini-batch size; ≥ the training set size (or absent) means full batch. */
  batchSize?: number;
  /** Planned number of epochs (the drivers train this many; the trainer itself is step-driven). */
  epochs?: number;
}
