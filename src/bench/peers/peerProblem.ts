/**
 * The bench configuration (benchConfig.ts) as plain arrays, so other frameworks (jax-js,
 * PyTorch) train exactly what the engine trains: the same training points, each run's initial
 * weights and activation parameters (read from an engine built for the bench, so they are the
 * engine's own draw), which parameters are trained, and the mini-batch order (the engine's:
 * one permutation per seed per epoch from the seed's 'batches' stream).
 */
import { compileActivation } from '../../core/activation/compile';
import type { Node } from '../../core/expr/ast';
import { createRng } from '../../core/data/rng';
import { resolveEntry } from '../../core/registry/index';
import { resolveRunParams } from '../../core/train/activationSpec';
import { composedRegistryResolver } from '../../core/train/registryResolver';
import { createTrainer } from '../../core/train/trainer';
import type { LayerWeights } from '../../core/train/init';
import { BENCH_ACTIVATIONS, BENCH_DATASET, BENCH_HIDDEN, BENCH_LR, BENCH_SEEDS } from '../benchConfig';

export interface PeerActivation {
  id: string;
  /** f as an expression tree over `vars` and `params`. */
  f: Node;
  vars: string[];
  params: string[];
  /** Per parameter (params order): trained or fixed. */
  learnable: boolean[];
  /** Per seed (BENCH_SEEDS order), per hidden layer, per parameter: its initial value. */
  values: number[][][];
}

export interface PeerProblem {
  /** Training inputs [n, dim] and binary targets [n], row-major. */
  x: Float32Array;
  y: Float32Array;
  n: number;
  dim: number;
  hidden: number[];
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
  seeds: number[];
  activations: PeerActivation[];
  /** Per seed: its layers (W fanIn × fanOut row-major, b), identical for every activation. */
  layers: LayerWeights[][];
  /** Per seed: the sample order of epoch e (0-based), made on demand. */
  order(seedIndex: number, epoch: number): Int32Array;
}

export async function peerProblem(): Promise<PeerProblem> {
  const runs = BENCH_ACTIVATIONS.flatMap((activation) => BENCH_SEEDS.map((seed) => ({ activation, seed })));
  // Built on tf.js's cpu backend and thrown away: only its initial state is read.
  const trainer = createTrainer({ dataset: BENCH_DATASET, hidden: BENCH_HIDDEN, runs, optimizer: 'adam', lr: BENCH_LR, resolveActivation: composedRegistryResolver });
  try {
    const snap = await trainer.snapshot();
    const ds = trainer.dataset;
    if (ds.task !== 'binary' || ds.outputDim !== 1) throw new Error(`peer bench: expected a binary task, got ${ds.task}`);
    const S = BENCH_SEEDS.length;
    const activations = BENCH_ACTIVATIONS.map((spec, k): PeerActivation => {
      const compiled = compileActivation(resolveEntry(spec.id));
      const params = compiled.params.map((p) => p.name);
      const resolved = composedRegistryResolver(spec);
      const trained = resolveRunParams(spec, resolved, BENCH_SEEDS[0]).learnable;
      const learnable = params.map((p) => trained.includes(p));
      const values = BENCH_SEEDS.map((_, s) => snap.runs[k * S + s].activationParams.map((layer) => params.map((p) => layer[p])));
      return { id: spec.id, f: compiled.ast.f, vars: compiled.vars, params, learnable, values };
    });
    const N = ds.train.n;
    const perms = new Map<string, Int32Array>();
    const rngs = BENCH_SEEDS.map((seed) => createRng(seed).fork('batches'));
    const made = BENCH_SEEDS.map(() => 0);
    return {
      x: ds.train.x, y: ds.train.y, n: N, dim: ds.dim, hidden: BENCH_HIDDEN, lr: BENCH_LR, beta1: 0.9, beta2: 0.999, eps: 1e-8,
      seeds: BENCH_SEEDS, activations,
      layers: BENCH_SEEDS.map((_, s) => snap.runs[s].layers),
      order(s, epoch) {
        // The engine draws epoch e's permutation after epoch e − 1's, from one stream per seed.
        for (; made[s] <= epoch; made[s]++) perms.set(`${s}/${made[s]}`, rngs[s].permutation(N));
        return perms.get(`${s}/${epoch}`) as Int32Array;
      },
    };
  } finally {
    trainer.dispose();
  }
}
