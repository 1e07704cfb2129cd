/**
 * `npm run bench [-- --json] [--backends cpu,webgpu,wasm] [--batch full,32] [--steps N] [--repeats N] [--peers jax,torch|none] [--no-per-activation]`
 * (default: cpu only, full batch and mini-batch 32, tf.js ops only and CPU kernels: ~3 min on 2
 * shared cores; wasm ~30 s. webgpu is
 * opt-in: on SwiftShader, a CPU emulation of a GPU, `--batch 32 --repeats 1` took ~3 minutes and
 * its times say nothing about a real GPU).
 *
 * Times the K × S comparison of benchConfig.ts on each backend and batch size: (a) all runs in
 * one engine, (b) one R = 1 engine per run, in sequence; ms per TRAINING STEP (no evaluation or
 * divergence check inside), one full evaluation separately, and the step cost of each activation
 * relative to ReLU (S runs of that activation alone). On cpu it times tf.js's own ops only and the
 * CPU kernels (src/core/cpu); on webgpu tf.js's own ops only and the WGSL kernels (src/core/gpu:
 * fused activations, all groups of a layer in one dispatch, generated optimizer updates).
 * Dispatch counts per step on webgpu: `npx tsx src/bench/dispatches.ts`.
 *
 * Peers (default jax,torch): jax-js and, where some Python imports torch, PyTorch on one thread
 * train the same configuration in the same run (src/bench/peers); the report gives the fastest
 * cpu engine's speed-up over each, per batch size. The report ends with one table of ratios
 * (./ratios.ts): the batched CPU engine against the tf.js baseline, jax-js and PyTorch, beside the
 * issue's targets. `--no-per-activation` skips the per-activation timings (most of the run).
 */
import * as tf from '@tensorflow/tfjs';
import { composedRegistryResolver, cpuKernelRegistryResolver } from '../core/train/registryResolver';
import { setCpuKernelsEnabled } from '../core/cpu/segmentOp';
import { cpuEngine } from '../core/wasm/wasmEngine';
import { setGpuEngineKernelsEnabled } from '../core/gpu/engineKernels';
import { fusedRegistryResolver } from '../core/gpu/fusedResolver';
import type { ActivationResolver } from '../core/train/activationSpec';
import { BENCH_ACTIVATIONS, BENCH_DATASET, BENCH_HIDDEN, BENCH_SEEDS } from './benchConfig';
import { BENCH_BACKENDS, switchToBackend, type BenchBackend } from './benchBackends';
import { runsOf, timeBatched, timeSequential, type BenchSetup, type Cost } from './measure';
import { parsedOrExit } from './cliArgs';
import { formatPeers, PEER_LABEL, PEER_NAMES, timePeers, type PeerName, type PeerReport } from './peers/peers';
import { formatRatios, ratioRows, type RatioRow } from './ratios';

/** Training points of the bench dataset (the rest is the test split). */
const TRAIN_POINTS = Math.round(BENCH_DATASET.n * (1 - (BENCH_DATASET.testFraction ?? 0)));

interface Options {
  json: boolean;
  backends: BenchBackend[];
  /** Batch sizes; TRAIN_POINTS is full batch. */
  batches: number[];
  steps?: number;
  repeats: number;
  peers: PeerName[];
  /** Time each activation's S runs alone (the per-activation table). */
  perActivation: boolean;
}

function listArg(argv: string[], i: number, name: string, allowed: string): string[] {
  const list = (argv[i] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (!list.length) throw new Error(`${name} takes a comma-separated list of ${allowed}; got "${argv[i] ?? ''}"`);
  return list;
}

function intArg(argv: string[], i: number, name: string, max: number): number {
  const n = Number(argv[i]);
  if (!(Number.isInteger(n) && n >= 1 && n <= max)) throw new Error(`${name} takes an integer from 1 to ${max}; got "${argv[i] ?? ''}"`);
  return n;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { json: false, backends: ['cpu'], batches: [TRAIN_POINTS, 32], repeats: 2, peers: PEER_NAMES, perActivation: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') o.json = true;
    else if (a === '--no-per-activation') o.perActivation = false;
    else if (a === '--backends') {
      const list = listArg(argv, ++i, '--backends', BENCH_BACKENDS.join(', '));
      const bad = list.filter((b) => !BENCH_BACKENDS.includes(b as BenchBackend));
      if (bad.length) throw new Error(`--backends: unknown backend ${bad.map((b) => `"${b}"`).join(', ')}; choose from ${BENCH_BACKENDS.join(', ')}`);
      o.backends = list as BenchBackend[];
    } else if (a === '--batch') {
      o.batches = listArg(argv, ++i, '--batch', '"full" or batch sizes').map((b) => {
        if (b === 'full') return TRAIN_POINTS;
        const n = Number(b);
        if (!(Number.isInteger(n) && n >= 1)) throw new Error(`--batch: "${b}" is neither "full" nor a positive integer`);
        return Math.min(n, TRAIN_POINTS);
      });
    } else if (a === '--steps') o.steps = intArg(argv, ++i, '--steps', 10_000);
    else if (a === '--repeats') o.repeats = intArg(argv, ++i, '--repeats', 100);
    else if (a === '--peers') {
      const list = listArg(argv, ++i, '--peers', `${PEER_NAMES.join(', ')} or none`);
      const bad = list.filter((p) => p !== 'none' && !PEER_NAMES.includes(p as PeerName));
      if (bad.length) throw new Error(`--peers: unknown peer ${bad.map((b) => `"${b}"`).join(', ')}; choose from ${PEER_NAMES.join(', ')} or none`);
      o.peers = list.filter((p) => p !== 'none') as PeerName[];
    } else throw new Error(`Unknown option "${a}". Options: --json, --backends cpu,webgpu,wasm, --batch full,32, --steps N, --repeats N, --peers jax,torch|none, --no-per-activation`);
  }
  return o;
}

/**
 * Timed steps per measurement: on cpu/wasm enough for ~0.25 s of batched work per batch size (24
 * mini-batch steps: fewer let one garbage collection decide the figure); on
 * webgpu (SwiftShader here) very few, said in the output.
 */
function defaultSteps(backend: BenchBackend, batch: number): number {
  if (backend === 'webgpu') return 2;
  return batch >= TRAIN_POINTS ? 2 : 24;
}

interface Variant {
  label: string;
  resolver: ActivationResolver;
  /** The engine kernels of the backend (CPU kernels; WebGPU stack kernels) on or off; default on. */
  kernels?: boolean;
}

interface VariantReport {
  label: string;
  batchSize: number;
  fullBatch: boolean;
  steps: number;
  /** Per step of all runs in one engine. */
  batched: Cost;
  /** Per step of all runs, one R = 1 engine each, in sequence (sum over runs). */
  sequential: Cost;
  /** sequential / batched, by CPU time and by wall time. */
  speedup: { cpu: number; wall: number };
  /** Runs × steps per wall-clock second, batched. */
  runStepsPerSecond: number;
  /** One full evaluation of every run (train + test loss and accuracy), batched. */
  evaluation: Cost;
  /** Per activation: per step of its S runs batched, and that over ReLU's by CPU and by wall time. */
  perActivation: { id: string; step: Cost; vsRelu: { cpu: number; wall: number } }[];
}

interface BackendReport {
  backend: BenchBackend;
  ok: boolean;
  reason?: string;
  detail?: string;
  variants?: VariantReport[];
  /**
   * Per batch size: the fastest variant batched against the first variant (tf.js's own ops,
   * the issue's "one tf.js model per run") run one engine per run in sequence.
   */
  headline?: { batchSize: number; fullBatch: boolean; fastest: string; baseline: string; speedup: { cpu: number; wall: number } }[];
}

function headline(variants: VariantReport[]): NonNullable<BackendReport['headline']> {
  const sizes = [...new Set(variants.map((v) => v.batchSize))];
  return sizes.map((batchSize) => {
    const vs = variants.filter((v) => v.batchSize === batchSize);
    const base = vs[0];
    const fastest = vs.reduce((a, b) => (b.batched.cpuMs < a.batched.cpuMs ? b : a));
    return {
      batchSize,
      fullBatch: base.fullBatch,
      fastest: fastest.label,
      baseline: `${base.label}, one engine per run in sequence`,
      speedup: { cpu: base.sequential.cpuMs / fastest.batched.cpuMs, wall: base.sequential.wallMs / fastest.batched.wallMs },
    };
  });
}

async function benchBackend(name: BenchBackend, o: Options, log: (s: string) => void): Promise<BackendReport> {
  const ready = await switchToBackend(name);
  if (!ready.ok) return { backend: name, ok: false, reason: ready.reason };
  const variants: Variant[] = name === 'webgpu'
    ? [
        { label: 'tf.js ops only', resolver: composedRegistryResolver, kernels: false },
        { label: 'fused WGSL kernels', resolver: fusedRegistryResolver, kernels: true },
      ]
    : name === 'cpu'
      ? [
          { label: 'tf.js ops only', resolver: composedRegistryResolver, kernels: false },
          { label: `CPU kernels (${cpuEngineLabel()})`, resolver: cpuKernelRegistryResolver, kernels: true },
        ]
      : [{ label: 'composed tf.js ops', resolver: composedRegistryResolver }];
  const runs = runsOf(BENCH_ACTIVATIONS, BENCH_SEEDS);
  const report: BackendReport = { backend: name, ok: true, detail: ready.detail, variants: [] };
  try {
    for (const batchSize of o.batches) {
      for (const v of variants) {
        setCpuKernelsEnabled(v.kernels ?? true);
        setGpuEngineKernelsEnabled(v.kernels ?? true);
        const setup: BenchSetup = { resolve: v.resolver, batchSize, steps: o.steps ?? defaultSteps(name, batchSize), repeats: o.repeats };
        const tag = `[${name}, batch ${batchSize >= TRAIN_POINTS ? 'full' : batchSize}] ${v.label}`;
        log(`${tag}: batched ${runs.length} runs…`);
        const { step: batched, evaluation } = await timeBatched(runs, setup);
        log(`${tag}: ${runs.length} runs one after another…`);
        const sequential = await timeSequential(runs, setup);
        const perActivation: VariantReport['perActivation'] = [];
        // S runs take ~1/K of the whole stack's step: 8× the steps, and the least of at least 5
        // measurements (garbage collection lands in some), keep these ratios from being noise.
        const perSetup: BenchSetup = { ...setup, steps: setup.steps * 8, repeats: Math.max(setup.repeats, 5) };
        for (const a of o.perActivation ? BENCH_ACTIVATIONS : []) {
          log(`${tag}: ${a.id} × ${BENCH_SEEDS.length} seeds…`);
          const t = await timeBatched(runsOf([a], BENCH_SEEDS), perSetup);
          perActivation.push({ id: a.id, step: t.step, vsRelu: { cpu: NaN, wall: NaN } });
        }
        const relu = perActivation.find((p) => p.id === 'relu');
        if (relu) {
          // The first activation timed also pays for warming up; ReLU, the yardstick, is timed again last.
          const again = await timeBatched(runsOf([{ id: 'relu' }], BENCH_SEEDS), perSetup);
          relu.step = { wallMs: Math.min(relu.step.wallMs, again.step.wallMs), cpuMs: Math.min(relu.step.cpuMs, again.step.cpuMs) };
          for (const p of perActivation) p.vsRelu = { cpu: p.step.cpuMs / relu.step.cpuMs, wall: p.step.wallMs / relu.step.wallMs };
        }
        report.variants?.push({
          label: v.label,
          batchSize,
          fullBatch: batchSize >= TRAIN_POINTS,
          steps: setup.steps,
          batched,
          sequential,
          speedup: { cpu: sequential.cpuMs / batched.cpuMs, wall: sequential.wallMs / batched.wallMs },
          runStepsPerSecond: (runs.length * 1000) / batched.wallMs,
          evaluation,
          perActivation,
        });
      }
    }
  } catch (e) {
    return { ...report, ok: false, reason: `failed while timing: ${(e as Error).message}` };
  } finally {
    setCpuKernelsEnabled(true);
    setGpuEngineKernelsEnabled(true);
  }
  report.headline = headline(report.variants ?? []);
  return report;
}

const ms = (c: Cost): string => `${c.cpuMs.toFixed(1)} ms CPU, ${c.wallMs.toFixed(1)} ms wall`;

/** The CPU kernels' engine: WebAssembly SIMD, or JS and why (src/core/wasm/wasmEngine.ts). */
function cpuEngineLabel(): string {
  const e = cpuEngine();
  return e.engine === 'wasm-simd' ? 'dense layers and Adam on WebAssembly SIMD' : `JS; no WebAssembly SIMD: ${e.reason}`;
}

/** Per batch size, the fastest variant batched on cpu: what the peers are compared with. */
function cpuEngineTimes(reports: BackendReport[]): { label: string; batchSize: number; fullBatch: boolean; step: Cost }[] {
  const cpu = reports.find((r) => r.backend === 'cpu' && r.ok);
  return (cpu?.headline ?? []).map((h) => {
    const v = (cpu?.variants ?? []).find((x) => x.batchSize === h.batchSize && x.label === h.fastest) as VariantReport;
    return { label: `${v.label} (cpu, batched)`, batchSize: h.batchSize, fullBatch: h.fullBatch, step: v.batched };
  });
}

function formatReport(reports: BackendReport[], repeats: number, peers: PeerReport[]): string {
  const lines: string[] = [];
  const K = BENCH_ACTIVATIONS.length;
  const S = BENCH_SEEDS.length;
  lines.push(`Bench: ${K} activations × ${S} seeds = ${K * S} runs; ${BENCH_DATASET.name}, ${TRAIN_POINTS} training points, 2-${BENCH_HIDDEN.join('-')}-1 MLP, Adam.`);
  lines.push(`Per training step of all runs (forward, backward, update; no evaluation or divergence check), least of ${repeats} measurements; evaluation timed separately.`);
  lines.push('CPU = this process\'s CPU time (steady on a shared machine); wall = elapsed time.');
  for (const r of reports) {
    lines.push('');
    if (!r.ok) {
      lines.push(`${r.backend}: not measured — ${r.reason}`);
      continue;
    }
    lines.push(`${r.backend}${r.detail ? ` (${r.detail})` : ''}`);
    if (r.backend === 'webgpu') lines.push('  (few steps: on a machine without a GPU this is SwiftShader, a CPU emulation — not a GPU timing)');
    for (const v of r.variants ?? []) {
      lines.push(`  ${v.label}, ${v.fullBatch ? `full batch (${v.batchSize})` : `mini-batch ${v.batchSize}`}, ${v.steps} timed steps per measurement`);
      lines.push(`    batched (1 engine, ${K * S} runs):   ${ms(v.batched)} per step; ${v.runStepsPerSecond.toFixed(0)} run-steps/s`);
      lines.push(`    sequential (${K * S} engines, R=1): ${ms(v.sequential)} per step`);
      lines.push(`    batched is ${v.speedup.cpu.toFixed(2)}× faster by CPU time, ${v.speedup.wall.toFixed(2)}× by wall time`);
      lines.push(`    one evaluation (train + test metrics of all runs, batched): ${ms(v.evaluation)}`);
      if (v.perActivation.length) lines.push(`    per activation (${S} runs batched, per step; × ReLU by CPU time and by wall time):`);
      for (const p of v.perActivation) lines.push(`      ${p.id.padEnd(12)} ${p.step.cpuMs.toFixed(1).padStart(8)} ms CPU ${p.step.wallMs.toFixed(1).padStart(8)} ms wall  ${p.vsRelu.cpu.toFixed(2)}× CPU ${p.vsRelu.wall.toFixed(2)}× wall`);
    }
    for (const h of r.headline ?? []) {
      lines.push(`  ${h.fullBatch ? 'full batch' : `mini-batch ${h.batchSize}`}: ${h.fastest}, batched, is ${h.speedup.cpu.toFixed(2)}× faster by CPU time (${h.speedup.wall.toFixed(2)}× wall) than ${h.baseline}`);
    }
  }
  lines.push(...formatPeers(peers, cpuEngineTimes(reports)));
  const ours = cpuEngineTimes(reports);
  if (ours.length) lines.push(...formatRatios(ours[0].label.replace(/ \(cpu, batched\)$/, ''), ratios(reports, peers)));
  return lines.join('\n');
}

/** The batched CPU engine against the tf.js baseline (ops, one engine per run in sequence) and each peer. */
function ratios(reports: BackendReport[], peers: PeerReport[]): RatioRow[] {
  const cpu = reports.find((r) => r.backend === 'cpu' && r.ok);
  const baseline = (cpu?.variants ?? []).filter((v) => v.label === cpu?.variants?.[0].label).map((v) => ({ batchSize: v.batchSize, fullBatch: v.fullBatch, step: v.sequential }));
  return ratioRows(cpuEngineTimes(reports), [
    { name: 'tf.js ops, one engine per run in sequence', steps: baseline },
    ...peers.filter((p) => p.ok).map((p) => ({ name: PEER_LABEL[p.peer], steps: p.steps })),
  ]);
}

async function main(): Promise<void> {
  const options = parsedOrExit(parseArgs);
  if (!options) return;
  const start = performance.now();
  const log = (s: string) => {
    if (!options.json) process.stderr.write(`${((performance.now() - start) / 1000).toFixed(0).padStart(4)} s  ${s}\n`);
  };
  // Silences tf.js's "use tfjs-node" banner (IS_TEST would too, but it turns on per-kernel leak
  // checks that reject the wasm backend's customGrad kernels).
  tf.enableProdMode();
  const reports: BackendReport[] = [];
  for (const b of options.backends) reports.push(await benchBackend(b, options, log));
  // On cpu's timing (tf.js back on cpu: the peers' problem is read from an engine built there).
  await switchToBackend('cpu');
  const peerBatches = options.batches.map((batchSize) => ({ batchSize, steps: options.steps ?? defaultSteps('cpu', batchSize) }));
  const peers = await timePeers(options.peers, peerBatches, options.repeats, log);
  if (options.json) {
    const config = { activations: BENCH_ACTIVATIONS.map((a) => a.id), seeds: BENCH_SEEDS, dataset: BENCH_DATASET, trainPoints: TRAIN_POINTS, hidden: BENCH_HIDDEN, repeats: options.repeats };
    process.stdout.write(`${JSON.stringify({ config, backends: reports, peers, ratios: ratios(reports, peers) }, null, 2)}\n`);
  } else process.stdout.write(`${formatReport(reports, options.repeats, peers)}\n`);
}

main().catch((e: unknown) => {
  console.error(`bench failed: ${(e as Error).message}`);
  process.exitCode = 1;
});
