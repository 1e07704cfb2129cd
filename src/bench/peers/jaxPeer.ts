/**
 * The bench's training step in jax-js (wasm device), written the way the jax-js docs suggest:
 * per activation, one `jit`-compiled step (forward, `valueAndGrad`, Adam) over a [S, …] stack
 * of its S seeds' networks (batched matmul), so one bench step is K jitted calls. Same data,
 * initial weights, trained parameters, batch order and Adam formulas as the engine
 * (peerProblem.ts); sigmoid cross-entropy from logits averaged per run, summed over runs.
 */
import { blockUntilReady, init, jit, nn, numpy as np, valueAndGrad } from '@jax-js/jax';
import type { Cost } from '../measure';
import { jaxExpr } from './jaxExpr';
import type { PeerActivation, PeerProblem } from './peerProblem';

type Arr = np.Array;

export interface PeerTiming {
  ok: boolean;
  reason?: string;
  detail?: string;
  /** Per batch size: per training step of all K × S runs. */
  steps: { batchSize: number; step: Cost }[];
}

const f32 = (values: ArrayLike<number>, shape: number[]): Arr => np.array(Float32Array.from(values)).reshape(shape);

/** One activation's S networks: trained arrays (weights, biases, trained activation parameters) and fixed ones. */
function stackOf(p: PeerProblem, a: PeerActivation): { trained: Arr[]; fixed: Arr[] } {
  const S = p.seeds.length;
  const trained: Arr[] = [];
  const L = p.layers[0].length;
  for (let l = 0; l < L; l++) {
    const { fanIn, fanOut } = p.layers[0][l];
    const W = new Float32Array(S * fanIn * fanOut);
    const b = new Float32Array(S * fanOut);
    p.layers.forEach((layers, s) => {
      W.set(layers[l].W, s * fanIn * fanOut);
      b.set(layers[l].b, s * fanOut);
    });
    trained.push(f32(W, [S, fanIn, fanOut]), f32(b, [S, 1, fanOut]));
  }
  const fixed: Arr[] = [];
  for (let l = 0; l < L - 1; l++) {
    a.params.forEach((_, j) => {
      const v = f32(a.values.map((perLayer) => perLayer[l][j]), [S, 1, 1]);
      (a.learnable[j] ? trained : fixed).push(v);
    });
  }
  return { trained, fixed };
}

/** The jitted step of one activation: (trained, m, v, fixed, x, y, [bc1, bc2]) → [trained, m, v]. */
function stepFor(p: PeerProblem, a: PeerActivation) {
  const L = p.layers[0].length;
  const nTrainedAct = a.learnable.filter(Boolean).length;
  const loss = (trained: Arr[], fixed: Arr[], x: Arr, y: Arr): Arr => {
    let h = x;
    for (let l = 0; l < L; l++) {
      const z = np.add(np.matmul(h, trained[2 * l]), trained[2 * l + 1]);
      if (l === L - 1) {
        h = z;
        break;
      }
      const env = new Map<string, Arr>([[a.vars[0], z]]);
      let [ti, fi] = [2 * L + l * nTrainedAct, l * (a.params.length - nTrainedAct)];
      a.params.forEach((name, j) => env.set(name, a.learnable[j] ? trained[ti++] : fixed[fi++]));
      const out = jaxExpr(a.f, env);
      h = typeof out === 'number' ? np.fullLike(z.ref, out) : out;
      z.dispose();
    }
    // max(z, 0) − z·y + log(1 + e^(−|z|)), the engine's loss
    const z = h;
    const l = np.add(np.subtract(nn.relu(z.ref), np.multiply(z.ref, y)), nn.softplus(np.negative(np.abs(z))));
    return np.sum(np.mean(l, [1, 2]));
  };
  const { beta1: b1, beta2: b2, lr, eps } = p;
  return jit((trained: Arr[], m: Arr[], v: Arr[], fixed: Arr[], x: Arr, y: Arr, bc: Arr) => {
    const [, g] = valueAndGrad(loss)(trained.map((t) => t.ref), fixed, x, y) as [Arr, Arr[]];
    const bc1 = bc.ref.slice(0);
    const bc2 = bc.slice(1);
    const out: Arr[][] = [[], [], []];
    trained.forEach((w, i) => {
      const gi = g[i];
      const mi = np.add(np.multiply(m[i], b1), np.multiply(gi.ref, 1 - b1));
      const vi = np.add(np.multiply(v[i], b2), np.multiply(np.square(gi), 1 - b2));
      const mHat = np.divide(mi.ref, bc1.ref);
      const vHat = np.divide(vi.ref, bc2.ref);
      out[0].push(np.subtract(w, np.divide(np.multiply(mHat, lr), np.add(np.sqrt(vHat), eps))));
      out[1].push(mi);
      out[2].push(vi);
    });
    bc1.dispose();
    bc2.dispose();
    return out;
  });
}

/** Inputs and targets of one step: the full set [1, n, …], or each seed's mini-batch [S, B, …]. */
function batchOf(p: PeerProblem, batchSize: number, step: number): [Arr, Arr] {
  if (batchSize >= p.n) return [f32(p.x, [1, p.n, p.dim]), f32(p.y, [1, p.n, 1])];
  const perEpoch = Math.ceil(p.n / batchSize);
  const [epoch, from] = [Math.floor(step / perEpoch), (step % perEpoch) * batchSize];
  const B = Math.min(batchSize, p.n - from);
  const S = p.seeds.length;
  const x = new Float32Array(S * B * p.dim);
  const y = new Float32Array(S * B);
  for (let s = 0; s < S; s++) {
    const order = p.order(s, epoch);
    for (let i = 0; i < B; i++) {
      const r = order[from + i];
      for (let d = 0; d < p.dim; d++) x[(s * B + i) * p.dim + d] = p.x[r * p.dim + d];
      y[s * B + i] = p.y[r];
    }
  }
  return [f32(x, [S, B, p.dim]), f32(y, [S, B, 1])];
}

function cpuNow(): number {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
}

export async function timeJax(p: PeerProblem, batches: { batchSize: number; steps: number }[], repeats: number): Promise<PeerTiming> {
  try {
    const devices = await init('wasm');
    if (!devices.includes('wasm')) return { ok: false, reason: `jax-js has no wasm device here (devices: ${devices.join(', ')})`, steps: [] };
  } catch (e) {
    return { ok: false, reason: `jax-js did not start: ${(e as Error).message}`, steps: [] };
  }
  const out: PeerTiming = { ok: true, detail: 'jax-js 0.1.25, wasm device, one jit step per activation', steps: [] };
  for (const { batchSize, steps } of batches) {
    const stacks = p.activations.map((a) => {
      const { trained, fixed } = stackOf(p, a);
      return { step: stepFor(p, a), trained, fixed, m: trained.map((t) => np.zerosLike(t.ref)), v: trained.map((t) => np.zerosLike(t.ref)) };
    });
    let t = 0;
    const run = async (n: number): Promise<void> => {
      for (let i = 0; i < n; i++, t++) {
        const [x, y] = batchOf(p, batchSize, t);
        const bc = np.array(new Float32Array([1 - p.beta1 ** (t + 1), 1 - p.beta2 ** (t + 1)]));
        for (const s of stacks) {
          [s.trained, s.m, s.v] = s.step(s.trained, s.m, s.v, s.fixed.map((f) => f.ref), x.ref, y.ref, bc.ref) as Arr[][];
        }
        x.dispose();
        y.dispose();
        bc.dispose();
        // Each step runs before the next is queued: left pending, jax-js chains every step's
        // work onto the arrays and a 48-step measurement took 8× longer per step.
        for (const s of stacks) await blockUntilReady(s.trained);
      }
    };
    await run(1); // compiles
    let best: Cost = { wallMs: Infinity, cpuMs: Infinity };
    for (let r = 0; r < repeats; r++) {
      const [w0, c0] = [performance.now(), cpuNow()];
      await run(steps);
      best = { wallMs: Math.min(best.wallMs, (performance.now() - w0) / steps), cpuMs: Math.min(best.cpuMs, (cpuNow() - c0) / steps) };
    }
    for (const s of stacks) {
      for (const a of [...s.trained, ...s.m, ...s.v, ...s.fixed]) a.dispose();
      s.step.dispose();
    }
    out.steps.push({ batchSize, step: best });
  }
  return out;
}
