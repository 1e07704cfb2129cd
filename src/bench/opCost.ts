/**
 * `npx tsx src/bench/opCost.ts [--backends cpu,wasm] [--reps N] [--only id,id] [--json]`
 *
 * Cost of one activation op alone: forward + backward (tf.grads to x and every parameter) of
 * every registry entry (default options) on a [60, 320, 32] tensor with per-run parameters
 * [60, 1, 1] — the shape the batched engine applies a hidden layer of 60 runs to — relative to
 * tf.relu's forward + backward on the same tensor. The whole-training view is `npm run bench`;
 * this isolates the compiled ops, so peephole changes in src/core/expr/tfjs.ts can be measured.
 */
import * as tf from '@tensorflow/tfjs';
import { compileActivation } from '../core/activation/compile';
import { makeTfActivation } from '../core/activation/tfop';
import { allEntries } from '../core/registry/index';
import { BENCH_BACKENDS, switchToBackend, type BenchBackend } from './benchBackends';
import { parsedOrExit } from './cliArgs';

const SHAPE: [number, number, number] = [60, 320, 32];

interface Row {
  id: string;
  ms: number;
  vsRelu: number;
  error?: string;
}

function parseArgs(argv: string[]): { backends: BenchBackend[]; reps: number; only?: string[]; json: boolean } {
  const o: { backends: BenchBackend[]; reps: number; only?: string[]; json: boolean } = { backends: ['cpu'], reps: 3, json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') o.json = true;
    else if (a === '--backends') {
      const list = (argv[++i] ?? '').split(',').filter(Boolean);
      const bad = list.filter((b) => !BENCH_BACKENDS.includes(b as BenchBackend));
      if (bad.length || !list.length) throw new Error(`--backends takes a comma-separated list of ${BENCH_BACKENDS.join(', ')}; got "${argv[i] ?? ''}"`);
      o.backends = list as BenchBackend[];
    } else if (a === '--reps') {
      const n = Number(argv[++i]);
      if (!(Number.isInteger(n) && n >= 1 && n <= 100)) throw new Error(`--reps takes an integer from 1 to 100; got "${argv[i] ?? ''}"`);
      o.reps = n;
    } else if (a === '--only') o.only = (argv[++i] ?? '').split(',').filter(Boolean);
    else throw new Error(`Unknown option "${a}". Options: --backends cpu,wasm,webgpu, --reps N, --only id,id, --json`);
  }
  return o;
}

/** Median ms of `reps` timed calls after one untimed warm-up; each call ends with a read-back. */
async function timeIt(fn: () => tf.Tensor[], reps: number): Promise<number> {
  const once = async () => {
    const outs = fn();
    await Promise.all(outs.map((t) => t.data()));
    tf.dispose(outs);
  };
  await once();
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    await once();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

async function benchBackend(reps: number, only: string[] | undefined, log: (s: string) => void): Promise<{ relu: number; rows: Row[] }> {
  const x = tf.randomNormal(SHAPE, 0, 2, 'float32', 7);
  const u = tf.randomNormal(SHAPE, 0, 1, 'float32', 8);
  const dy = tf.randomNormal(SHAPE, 0, 1, 'float32', 9);
  try {
    const relu = await timeIt(() => tf.tidy(() => [tf.grad((xx: tf.Tensor) => tf.relu(xx))(x, dy)]), reps);
    const rows: Row[] = [];
    for (const entry of allEntries()) {
      if (only && !only.includes(entry.id)) continue;
      log(entry.id);
      try {
        const c = compileActivation(entry);
        const act = makeTfActivation(c, { training: true });
        // Fixed parameters cannot vary per run (Mittag-Leffler α, β must be single numbers).
        const params = c.params.map((p) => (p.learnable === 'no' ? tf.scalar(p.default) : tf.fill([SHAPE[0], 1, 1], p.default)));
        const names = c.params.map((p) => p.name);
        const applyGated = act.applyGated;
        const f = (...ts: tf.Tensor[]) => {
          const ps = Object.fromEntries(names.map((n, i) => [n, ts[i + 1]]));
          return applyGated ? applyGated(ts[0], u, ps) : act.apply(ts[0], ps);
        };
        const before = tf.memory().numTensors;
        const ms = await timeIt(() => tf.tidy(() => tf.grads(f)([x, ...params], dy)), reps);
        const leaked = tf.memory().numTensors - before;
        tf.dispose(params);
        rows.push({ id: entry.id, ms, vsRelu: ms / relu, ...(leaked ? { error: `${leaked} tensors leaked` } : {}) });
      } catch (e) {
        rows.push({ id: entry.id, ms: NaN, vsRelu: NaN, error: (e as Error).message.split('\n')[0] });
      }
    }
    return { relu, rows };
  } finally {
    tf.dispose([x, u, dy]);
  }
}

async function main(): Promise<void> {
  const o = parsedOrExit(parseArgs);
  if (!o) return;
  // Not IS_TEST, which would silence tf.js's Node banner but turns on its per-kernel data-id leak
  // check, and that miscounts custom-gradient ops on wasm ("internal memory leak", none leaked).
  tf.env().set('PROD', true);
  const log = (s: string) => {
    if (!o.json) process.stderr.write(`  ${s}\r`);
  };
  const out: Record<string, unknown> = {};
  for (const b of o.backends) {
    const ready = await switchToBackend(b);
    if (!ready.ok) {
      out[b] = { ok: false, reason: ready.reason };
      if (!o.json) console.log(`${b}: not measured — ${ready.reason}`);
      continue;
    }
    const { relu, rows } = await benchBackend(o.reps, o.only, log);
    out[b] = { ok: true, reluMs: relu, rows };
    if (o.json) continue;
    console.log(`\n${b}: forward + backward on [${SHAPE.join(', ')}], median of ${o.reps}; tf.relu ${relu.toFixed(1)} ms`);
    const sorted = [...rows].sort((p, q) => (Number.isNaN(q.vsRelu) ? 1e9 : q.vsRelu) - (Number.isNaN(p.vsRelu) ? 1e9 : p.vsRelu));
    for (const r of sorted) console.log(`  ${r.id.padEnd(28)} ${r.ms.toFixed(1).padStart(8)} ms  ${r.vsRelu.toFixed(2).padStart(6)}×${r.error ? `  ${r.error}` : ''}`);
  }
  if (o.json) process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
}

main().catch((e: unknown) => {
  console.error(`opCost failed: ${(e as Error).message}`);
  process.exitCode = 1;
});
