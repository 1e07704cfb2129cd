/**
 * The bench's training step in PyTorch on one thread (torchPeer.py), when some Python on this
 * machine imports torch: $BENCH_PYTHON, else python3 on PATH, else /usr/bin/python3. Each
 * activation's f is printed by the project's own torch exporter (python-expr.ts) into a small
 * generated module; every symbol is mapped to a validated Python identifier.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pyIdentifier } from '../../core/codegen/export-plan';
import { pythonExpr } from '../../core/codegen/python-expr';
import type { PeerTiming } from './jaxPeer';
import type { PeerActivation, PeerProblem } from './peerProblem';

const SCRIPT = fileURLToPath(new URL('./torchPeer.py', import.meta.url));
// One thread, and no OpenMP spinning that would steal the other engines' core.
const ENV = { ...process.env, OMP_NUM_THREADS: '1', OMP_WAIT_POLICY: 'PASSIVE', PYTHONDONTWRITEBYTECODE: '1' };

function pythonWithTorch(): { python?: string; tried: string[] } {
  const tried = [process.env.BENCH_PYTHON, 'python3', '/usr/bin/python3'].filter((p): p is string => Boolean(p));
  for (const python of tried) {
    const r = spawnSync(python, ['-c', 'import torch'], { env: ENV, encoding: 'utf8' });
    if (r.status === 0) return { python, tried };
  }
  return { tried };
}

/** def act_k(v_x, p_alpha, …): return <f printed for torch>. */
function activationModule(acts: PeerActivation[]): string {
  const lines = ['import torch', 'import torch.nn.functional as F', ''];
  acts.forEach((a, k) => {
    const names: Record<string, string> = {};
    a.vars.forEach((v) => (names[v] = `v_${pyIdentifier(v)}`));
    a.params.forEach((p) => (names[p] = `p_${pyIdentifier(p)}`));
    const args = [...a.vars, ...a.params].map((n) => names[n]).join(', ');
    lines.push(`def act_${k}(${args}):  # ${a.id.replace(/[^\w-]/g, '')}`, `    return ${pythonExpr(a.f, { dialect: 'torch', names, like: names[a.vars[0]] })}`, '');
  });
  return lines.join('\n');
}

export function timeTorch(p: PeerProblem, batches: { batchSize: number; steps: number }[], repeats: number): PeerTiming {
  const { python, tried } = pythonWithTorch();
  if (!python) return { ok: false, reason: `no Python here imports torch (tried ${tried.join(', ')})`, steps: [] };
  // Enough epochs of batch order for every timed mini-batch step (and the warm-up step).
  const epochs = Math.max(1, ...batches.map((b) => Math.ceil(((1 + repeats * b.steps) * b.batchSize) / p.n) + 1));
  const problem = {
    n: p.n, dim: p.dim, x: Array.from(p.x), y: Array.from(p.y), seeds: p.seeds, beta1: p.beta1, beta2: p.beta2, lr: p.lr, eps: p.eps, repeats,
    batches: batches.map((b) => [b.batchSize, b.steps]),
    layers: p.layers.map((ls) => ls.map((l) => ({ fanIn: l.fanIn, fanOut: l.fanOut, W: Array.from(l.W), b: Array.from(l.b) }))),
    activations: p.activations.map((a) => ({ learnable: a.learnable, values: a.values })),
    orders: Array.from({ length: epochs }, (_, e) => p.seeds.map((_, s) => Array.from(p.order(s, e)))),
  };
  const dir = mkdtempSync(join(tmpdir(), 'peer-torch-'));
  try {
    writeFileSync(join(dir, 'problem.json'), JSON.stringify(problem));
    writeFileSync(join(dir, 'acts.py'), activationModule(p.activations));
    const r = spawnSync(python, [SCRIPT, join(dir, 'problem.json'), join(dir, 'acts.py')], { env: ENV, encoding: 'utf8', maxBuffer: 16 << 20 });
    if (r.status !== 0) return { ok: false, reason: `${python} ${SCRIPT} failed: ${(r.stderr || r.error?.message || '').trim().split('\n').slice(-3).join(' ')}`, steps: [] };
    const out = JSON.parse(r.stdout.trim().split('\n').pop() as string) as { torch: string; threads: number; steps: PeerTiming['steps'] };
    return { ok: true, detail: `PyTorch ${out.torch}, ${out.threads} thread, ${python}`, steps: out.steps };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
