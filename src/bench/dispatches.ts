/**
 * `npx tsx src/bench/dispatches.ts [--batch full|N] [--steps N] [--acts relu,prelu,…] [--seeds N]
 * [--optimizer adam|momentum|sgd] [--no-engine-kernels] [--json]`: GPU dispatches per training step of the bench
 * configuration (benchConfig.ts: 12 activations × 5 seeds, 2-32-32-1, Adam) on tf.js's 'webgpu'
 * backend (Dawn; SwiftShader where there is no GPU), by program, and the wall time per step.
 *
 * Dispatches are counted where the backend records them (WebGPUBackend.recordAndSubmit, one
 * dispatchWorkgroups each), so the fused kernels' own programs, which run outside tf.js's kernel
 * registry (and so outside tf.profile), are counted too; uploads (queue.writeBuffer of tensors
 * made on the CPU, e.g. scalar constants) are counted separately. On a real GPU a step of this
 * configuration is dispatch-bound, so the count is the figure that carries over; the
 * wall time on SwiftShader (a CPU emulation) does not. --no-engine-kernels turns the engine's
 * WebGPU kernels off (setGpuEngineKernelsEnabled: one fused op per activation group, tf.js ops for
 * the optimizer and dense layers), for a before/after comparison.
 */
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { createTrainer, type Trainer } from '../core/train/trainer';
import type { OptimizerName } from '../core/train/optimizers';
import { BENCH_ACTIVATIONS, BENCH_DATASET, BENCH_HIDDEN, BENCH_LR, BENCH_SEEDS } from './benchConfig';
import { runsOf } from './measure';
import { setUpNodeWebGpu } from './nodeWebGpu';
import { setGpuEngineKernelsEnabled } from '../core/gpu/engineKernels';

const TRAIN_POINTS = Math.round(BENCH_DATASET.n * (1 - (BENCH_DATASET.testFraction ?? 0)));

interface ProgramLike {
  shaderKey?: string;
  constructor: { name: string };
}

interface BackendLike {
  recordAndSubmit(program: ProgramLike, ...rest: unknown[]): unknown;
  queue: { writeBuffer(...args: unknown[]): unknown };
}

export interface DispatchCount {
  dispatches: number;
  uploads: number;
  byProgram: Map<string, number>;
}

/** A program's name: tf.js's class name, or the generated kernels' shader-key prefix. */
function programName(p: ProgramLike): string {
  if (process.env.AP_DISPATCH_KEYS) return `${p.constructor?.name} ${p.shaderKey ?? ''}`.slice(0, 90);
  const cls = p.constructor?.name;
  if (cls && cls !== 'Object') return cls;
  const key = p.shaderKey ?? '?';
  return key.split('_').slice(0, 2).join('_');
}

/** Counts dispatches (and uploads) while `fn` runs on the webgpu backend. */
export async function countDispatches(fn: () => Promise<void>): Promise<DispatchCount> {
  const backend = tf.backend() as unknown as BackendLike;
  const count: DispatchCount = { dispatches: 0, uploads: 0, byProgram: new Map() };
  const record = backend.recordAndSubmit;
  const queue = backend.queue;
  const write = queue.writeBuffer;
  backend.recordAndSubmit = function (program: ProgramLike, ...rest: unknown[]) {
    count.dispatches++;
    const name = programName(program);
    count.byProgram.set(name, (count.byProgram.get(name) ?? 0) + 1);
    return record.call(this, program, ...rest);
  };
  queue.writeBuffer = function (...args: unknown[]) {
    count.uploads++;
    return write.apply(this, args);
  };
  try {
    await fn();
  } finally {
    backend.recordAndSubmit = record;
    queue.writeBuffer = write;
  }
  return count;
}

interface Options {
  batch: number;
  steps: number;
  acts: string[];
  seeds: number;
  optimizer: OptimizerName;
  engineKernels: boolean;
  json: boolean;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { batch: TRAIN_POINTS, steps: 5, acts: BENCH_ACTIVATIONS.map((a) => a.id), seeds: BENCH_SEEDS.length, optimizer: 'adam', engineKernels: true, json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => argv[++i] ?? '';
    if (a === '--batch') {
      const b = next();
      o.batch = b === 'full' ? TRAIN_POINTS : Math.min(TRAIN_POINTS, Number(b));
    } else if (a === '--steps') o.steps = Number(next());
    else if (a === '--acts') o.acts = next().split(',').filter(Boolean);
    else if (a === '--seeds') o.seeds = Number(next());
    else if (a === '--optimizer') o.optimizer = next() as OptimizerName;
    else if (a === '--no-engine-kernels') o.engineKernels = false;
    else if (a === '--json') o.json = true;
    else throw new Error(`Unknown option "${a}". Options: --batch full|N, --steps N, --acts a,b,…, --seeds N, --optimizer adam|momentum|sgd, --no-engine-kernels, --json`);
  }
  if (!(Number.isInteger(o.batch) && o.batch >= 1)) throw new Error('--batch takes "full" or a positive integer');
  if (!(Number.isInteger(o.steps) && o.steps >= 1)) throw new Error('--steps takes a positive integer');
  if (!(Number.isInteger(o.seeds) && o.seeds >= 1 && o.seeds <= BENCH_SEEDS.length)) throw new Error(`--seeds takes 1 to ${BENCH_SEEDS.length}`);
  return o;
}

/** Waits for every queued op of the trainer (a one-point prediction is read back). */
async function fence(trainer: Trainer): Promise<void> {
  await trainer.predictGrid(new Float32Array(trainer.dataset.dim));
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  tf.enableProdMode();
  const ready = await setUpNodeWebGpu();
  if (!ready.ok) throw new Error(`no WebGPU: ${ready.reason}`);
  await tf.setBackend('webgpu');
  setGpuEngineKernelsEnabled(o.engineKernels);
  const runs = runsOf(o.acts.map((id) => ({ id })), BENCH_SEEDS.slice(0, o.seeds));
  const trainer = createTrainer({
    dataset: BENCH_DATASET, hidden: BENCH_HIDDEN, runs, optimizer: o.optimizer, lr: BENCH_LR, batchSize: o.batch, checkEvery: 1_000_000,
  });
  try {
    // Warm-up: shader compilation, optimizer state, buffer pools.
    await trainer.step(2);
    await fence(trainer);
    const tensors0 = tf.memory().numTensors;
    const count = await countDispatches(async () => {
      await trainer.step(o.steps);
    });
    await fence(trainer);
    const c0 = process.cpuUsage();
    const w0 = performance.now();
    await trainer.step(o.steps);
    await fence(trainer);
    const wallMs = (performance.now() - w0) / o.steps;
    const cpu = process.cpuUsage(c0);
    const cpuMs = (cpu.user + cpu.system) / 1000 / o.steps;
    const tensorGrowth = tf.memory().numTensors - tensors0;
    const byProgram = [...count.byProgram.entries()].sort((a, b) => b[1] - a[1]).map(([name, n]) => ({ name, perStep: n / o.steps }));
    const report = {
      runs: runs.length, batch: o.batch, optimizer: o.optimizer, engineKernels: o.engineKernels, steps: o.steps,
      dispatchesPerStep: count.dispatches / o.steps, dataUploadsPerStep: (count.uploads - count.dispatches) / o.steps, wallMsPerStep: wallMs, cpuMsPerStep: cpuMs, tensorGrowth, byProgram,
    };
    if (o.json) {
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      return;
    }
    console.log(`${runs.length} runs (${o.acts.length} activations × ${o.seeds} seeds), batch ${o.batch >= TRAIN_POINTS ? 'full' : o.batch}, ${o.optimizer}, engine kernels ${o.engineKernels ? 'on' : 'off'}, ${o.steps} steps`);
    console.log(`dispatches per step: ${report.dispatchesPerStep.toFixed(1)}; data uploads per step (besides each dispatch's uniforms): ${report.dataUploadsPerStep.toFixed(1)}`);
    console.log(`per step: ${wallMs.toFixed(1)} ms wall, ${cpuMs.toFixed(1)} ms CPU (SwiftShader is a CPU emulation: not a GPU timing); tensors +${tensorGrowth} over ${o.steps * 2} steps`);
    for (const p of byProgram) console.log(`  ${p.name.padEnd(40)} ${p.perStep.toFixed(1)}`);
  } finally {
    trainer.dispose();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e: unknown) => {
    console.error(`dispatches failed: ${(e as Error).message}`);
    process.exitCode = 1;
  });
}
