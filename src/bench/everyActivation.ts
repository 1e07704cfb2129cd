/**
 * `npx tsx src/bench/everyActivation.ts [--batch full|N] [--only id,id] [--repeats N] [--json]`
 *
 * The issue-7 rule "training with any registry activation costs at most 1.2× training with
 * ReLU on the same backend", checked for EVERY registry entry, not only the bench's twelve: per
 * entry, one training step of S runs of it (the bench's seeds, dataset and network, Adam, CPU
 * kernels on tf.js's cpu backend), over ReLU's, by wall and by CPU time. Least of `repeats`
 * measurements; ReLU is timed first and last and the lesser kept. ~1 minute at full batch.
 */
import * as tf from '@tensorflow/tfjs';
import { cpuKernelRegistryResolver } from '../core/train/registryResolver';
import { allEntries } from '../core/registry/index';
import { BENCH_DATASET, BENCH_SEEDS } from './benchConfig';
import { runsOf, timeBatched, type BenchSetup, type Cost } from './measure';
import { parsedOrExit } from './cliArgs';

const TRAIN_POINTS = Math.round(BENCH_DATASET.n * (1 - (BENCH_DATASET.testFraction ?? 0)));

interface Row {
  id: string;
  step?: Cost;
  vsRelu?: { cpu: number; wall: number };
  error?: string;
}

function parseArgs(argv: string[]): { batch: number; only?: string[]; repeats: number; json: boolean } {
  const o: { batch: number; only?: string[]; repeats: number; json: boolean } = { batch: TRAIN_POINTS, repeats: 3, json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') o.json = true;
    else if (a === '--batch') {
      const v = argv[++i] ?? '';
      const n = v === 'full' ? TRAIN_POINTS : Number(v);
      if (!(Number.isInteger(n) && n >= 1)) throw new Error(`--batch takes "full" or a positive integer; got "${v}"`);
      o.batch = Math.min(n, TRAIN_POINTS);
    } else if (a === '--only') o.only = (argv[++i] ?? '').split(',').filter(Boolean);
    else if (a === '--repeats') {
      const n = Number(argv[++i]);
      if (!(Number.isInteger(n) && n >= 1 && n <= 100)) throw new Error(`--repeats takes an integer from 1 to 100; got "${argv[i] ?? ''}"`);
      o.repeats = n;
    } else throw new Error(`Unknown option "${a}". Options: --batch full|N, --only id,id, --repeats N, --json`);
  }
  return o;
}

async function main(): Promise<void> {
  const o = parsedOrExit(parseArgs);
  if (!o) return;
  tf.enableProdMode();
  await tf.setBackend('cpu');
  // Enough steps for ~100 ms per measurement at either batch size.
  const steps = o.batch >= TRAIN_POINTS ? 8 : 64;
  const setup: BenchSetup = { resolve: cpuKernelRegistryResolver, batchSize: o.batch, steps, repeats: o.repeats };
  const time = async (id: string): Promise<Cost> => (await timeBatched(runsOf([{ id }], BENCH_SEEDS), setup)).step;
  const ids = o.only ?? allEntries().map((e) => e.id);
  let relu = await time('relu');
  const rows: Row[] = [];
  for (const id of ids) {
    if (!o.json) process.stderr.write(`${id}…\n`);
    try {
      rows.push({ id, step: await time(id) });
    } catch (e) {
      rows.push({ id, error: (e as Error).message.split('\n')[0] });
    }
  }
  const again = await time('relu');
  relu = { wallMs: Math.min(relu.wallMs, again.wallMs), cpuMs: Math.min(relu.cpuMs, again.cpuMs) };
  for (const r of rows) if (r.step) r.vsRelu = { cpu: r.step.cpuMs / relu.cpuMs, wall: r.step.wallMs / relu.wallMs };
  if (o.json) {
    process.stdout.write(`${JSON.stringify({ batch: o.batch, seeds: BENCH_SEEDS, relu, rows }, null, 2)}\n`);
    return;
  }
  const sorted = [...rows].sort((a, b) => (b.vsRelu?.wall ?? Infinity) - (a.vsRelu?.wall ?? Infinity));
  console.log(`Training step of ${BENCH_SEEDS.length} runs, ${o.batch >= TRAIN_POINTS ? `full batch (${o.batch})` : `mini-batch ${o.batch}`}, CPU kernels; ReLU ${relu.wallMs.toFixed(2)} ms wall, ${relu.cpuMs.toFixed(2)} ms CPU.`);
  for (const r of sorted) {
    if (!r.vsRelu || !r.step) console.log(`  ${r.id.padEnd(28)} failed: ${r.error}`);
    else console.log(`  ${r.id.padEnd(28)} ${r.step.wallMs.toFixed(2).padStart(7)} ms  ${r.vsRelu.wall.toFixed(2)}× wall  ${r.vsRelu.cpu.toFixed(2)}× CPU`);
  }
  const over = rows.filter((r) => r.vsRelu && r.vsRelu.wall > 1.2);
  console.log(over.length ? `${over.length} of ${rows.length} entries above 1.2× ReLU by wall time: ${over.map((r) => r.id).join(', ')}` : `All ${rows.length} entries within 1.2× ReLU by wall time.`);
}

void main();
