/**
 * `npm run bench [-- --json] [--backends cpu,webgpu,wasm] [--steps N]` (default: cpu only, ~1 min;
 * add webgpu explicitly — on SwiftShader it takes ~15 minutes).
 *
 * Times the K × S comparison of benchConfig.ts on each backend: (a) batched in one engine,
 * (b) one R = 1 engine per run, trained in sequence; and the cost of each activation relative to
 * ReLU (the same batched S-run configuration with only that activation). On webgpu it times the
 * composed tf.js ops and the fused WGSL kernels (src/core/gpu). Slow backends get fewer steps.
 */
import * as tf from '@tensorflow/tfjs';
import { registryResolver } from '../core/train/registryResolver';
import { fusedRegistryResolver } from '../core/gpu/fusedResolver';
import type { ActivationResolver } from '../core/train/activationSpec';
import { BENCH_ACTIVATIONS, BENCH_DATASET, BENCH_HIDDEN, BENCH_SEEDS } from './benchConfig';
import { BENCH_BACKENDS, switchToBackend, type BenchBackend } from './benchBackends';
import { runsOf, timeBatched, timeSequential, type StepTiming } from './measure';

interface Options {
  json: boolean;
  backends: BenchBackend[];
  steps?: number;
}

function parseArgs(argv: string[]): Options {
  // webgpu is opt-in: on a machine without a GPU, Dawn runs on SwiftShader, where compiling the
  // pipelines alone takes minutes (a full webgpu pass measured ~14 minutes on 2 cores).
  const o: Options = { json: false, backends: ['cpu'] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') o.json = true;
    else if (a === '--backends') {
      const list = (argv[++i] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      const bad = list.filter((b) => !BENCH_BACKENDS.includes(b as BenchBackend));
      if (bad.length || !list.length) throw new Error(`--backends takes a comma-separated list of ${BENCH_BACKENDS.join(', ')}; got "${argv[i] ?? ''}"`);
      o.backends = list as BenchBackend[];
    } else if (a === '--steps') {
      const n = Number(argv[++i]);
      if (!(Number.isInteger(n) && n >= 1 && n <= 10_000)) throw new Error(`--steps takes an integer from 1 to 10000; got "${argv[i] ?? ''}"`);
      o.steps = n;
    } else throw new Error(`Unknown option "${a}". Options: --json, --backends cpu,webgpu,wasm, --steps N`);
  }
  return o;
}

/** Steps per timing: the CPU-emulated backends are slow, so they get few (said in the output). */
const DEFAULT_STEPS: Record<BenchBackend, number> = { cpu: 2, wasm: 2, webgpu: 2 };

interface Variant {
  label: string;
  resolver: ActivationResolver;
}

interface BackendReport {
  backend: BenchBackend;
  ok: boolean;
  reason?: string;
  detail?: string;
  steps?: number;
  variants?: {
    label: string;
    batched: StepTiming;
    sequential: StepTiming;
    /** sequential / batched. */
    speedup: number;
    runStepsPerSecond: number;
    /** Per activation: ms/step of S batched runs of it, and that over ReLU's. */
    perActivation: { id: string; msPerStep: number; vsRelu: number }[];
  }[];
}

async function benchBackend(name: BenchBackend, steps: number, log: (s: string) => void): Promise<BackendReport> {
  const ready = await switchToBackend(name);
  if (!ready.ok) return { backend: name, ok: false, reason: ready.reason };
  const variants: Variant[] = name === 'webgpu'
    ? [{ label: 'composed tf.js ops', resolver: registryResolver }, { label: 'fused WGSL kernels', resolver: fusedRegistryResolver }]
    : [{ label: 'composed tf.js ops', resolver: registryResolver }];
  const runs = runsOf(BENCH_ACTIVATIONS, BENCH_SEEDS);
  const report: BackendReport = { backend: name, ok: true, detail: ready.detail, steps, variants: [] };
  try {
    for (const v of variants) {
      log(`[${name}] ${v.label}: batched ${runs.length} runs…`);
      const batched = await timeBatched(runs, v.resolver, steps);
      log(`[${name}] ${v.label}: ${runs.length} runs one after another…`);
      const sequential = await timeSequential(runs, v.resolver, steps);
      const perActivation: { id: string; msPerStep: number; vsRelu: number }[] = [];
      for (const a of BENCH_ACTIVATIONS) {
        log(`[${name}] ${v.label}: ${a.id} × ${BENCH_SEEDS.length} seeds…`);
        const t = await timeBatched(runsOf([a], BENCH_SEEDS), v.resolver, steps);
        perActivation.push({ id: a.id, msPerStep: t.msPerStep, vsRelu: NaN });
      }
      const relu = perActivation.find((p) => p.id === 'relu')?.msPerStep ?? NaN;
      for (const p of perActivation) p.vsRelu = p.msPerStep / relu;
      report.variants?.push({
        label: v.label,
        batched,
        sequential,
        speedup: sequential.msPerStep / batched.msPerStep,
        runStepsPerSecond: (runs.length * 1000) / batched.msPerStep,
        perActivation,
      });
    }
  } catch (e) {
    return { ...report, ok: false, reason: `failed while timing: ${(e as Error).message}` };
  }
  return report;
}

function formatReport(reports: BackendReport[]): string {
  const lines: string[] = [];
  const K = BENCH_ACTIVATIONS.length;
  const S = BENCH_SEEDS.length;
  lines.push(`Bench: ${K} activations × ${S} seeds = ${K * S} runs; ${BENCH_DATASET.name}, ${Math.round(BENCH_DATASET.n * (1 - (BENCH_DATASET.testFraction ?? 0)))} training points, 2-${BENCH_HIDDEN.join('-')}-1 MLP, full-batch Adam.`);
  lines.push('ms/step = one optimisation step of every run (full batch: each step is an epoch, so it includes the engine\'s end-of-epoch evaluation and divergence check).');
  for (const r of reports) {
    lines.push('');
    if (!r.ok) {
      lines.push(`${r.backend}: not measured — ${r.reason}`);
      continue;
    }
    lines.push(`${r.backend}${r.detail ? ` (${r.detail})` : ''}: ${r.steps} timed steps per measurement${r.backend !== 'webgpu' || (r.steps ?? 0) < 5 ? ' (few: slow backend)' : ''}`);
    for (const v of r.variants ?? []) {
      lines.push(`  ${v.label}`);
      lines.push(`    batched (1 engine, ${v.batched.runs} runs):     ${v.batched.msPerStep.toFixed(1)} ms/step, ${v.runStepsPerSecond.toFixed(1)} run-steps/s`);
      lines.push(`    sequential (${v.sequential.runs} engines, R=1):    ${v.sequential.msPerStep.toFixed(1)} ms/step`);
      lines.push(`    batched is ${v.speedup.toFixed(2)}× faster than sequential`);
      lines.push(`    per activation (${S} runs batched, ms/step and × ReLU):`);
      for (const p of v.perActivation) lines.push(`      ${p.id.padEnd(12)} ${p.msPerStep.toFixed(1).padStart(9)}  ${p.vsRelu.toFixed(2)}×`);
    }
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  let options: Options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error((e as Error).message);
    process.exitCode = 2;
    return;
  }
  const start = performance.now();
  const log = (s: string) => {
    if (!options.json) process.stderr.write(`${((performance.now() - start) / 1000).toFixed(0).padStart(4)} s  ${s}\n`);
  };
  tf.env().set('IS_TEST', true); // silences tf.js's "use tfjs-node" banner
  const reports: BackendReport[] = [];
  for (const b of options.backends) reports.push(await benchBackend(b, options.steps ?? DEFAULT_STEPS[b], log));
  if (options.json) process.stdout.write(`${JSON.stringify({ config: { activations: BENCH_ACTIVATIONS.map((a) => a.id), seeds: BENCH_SEEDS, dataset: BENCH_DATASET, hidden: BENCH_HIDDEN }, backends: reports }, null, 2)}\n`);
  else process.stdout.write(`${formatReport(reports)}\n`);
}

main().catch((e: unknown) => {
  console.error(`bench failed: ${(e as Error).message}`);
  process.exitCode = 1;
});
