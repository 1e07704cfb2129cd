/**
 * Other frameworks training the bench configuration in the same process run (jax-js in this
 * process, PyTorch in a child process), and the engine's speed as ratios to theirs: the issue's
 * "faster than jax-js / PyTorch on the same machine", measured minutes apart rather than on
 * different days, so the machine's load is as alike as it can be on a shared machine.
 */
import type { Cost } from '../measure';
import { timeJax, type PeerTiming } from './jaxPeer';
import { peerProblem } from './peerProblem';
import { timeTorch } from './torchPeer';

export type PeerName = 'jax' | 'torch';
export const PEER_NAMES: PeerName[] = ['jax', 'torch'];

export interface PeerReport extends PeerTiming {
  peer: PeerName;
}

export const PEER_LABEL: Record<PeerName, string> = { jax: 'jax-js', torch: 'PyTorch (1 thread)' };

export async function timePeers(peers: PeerName[], batches: { batchSize: number; steps: number }[], repeats: number, log: (s: string) => void): Promise<PeerReport[]> {
  if (!peers.length) return [];
  const problem = await peerProblem();
  const out: PeerReport[] = [];
  for (const peer of peers) {
    log(`[peer] ${PEER_LABEL[peer]}…`);
    try {
      out.push({ peer, ...(peer === 'jax' ? await timeJax(problem, batches, repeats) : timeTorch(problem, batches, repeats)) });
    } catch (e) {
      out.push({ peer, ok: false, reason: `failed while timing: ${(e as Error).message}`, steps: [] });
    }
  }
  return out;
}

const ms = (c: Cost): string => `${c.cpuMs.toFixed(1)} ms CPU, ${c.wallMs.toFixed(1)} ms wall`;

/**
 * Lines for the text report: each peer's time per step and the engine's speed relative to it
 * (peer time / engine time, above 1: the engine is faster), by CPU and by wall time.
 */
export function formatPeers(peers: PeerReport[], engine: { label: string; batchSize: number; fullBatch: boolean; step: Cost }[]): string[] {
  const lines: string[] = [];
  for (const p of peers) {
    lines.push('');
    if (!p.ok) {
      lines.push(`${PEER_LABEL[p.peer]}: not measured — ${p.reason}`);
      continue;
    }
    lines.push(`${PEER_LABEL[p.peer]} (${p.detail})`);
    for (const s of p.steps) {
      const e = engine.find((x) => x.batchSize === s.batchSize);
      const size = e?.fullBatch ? `full batch (${s.batchSize})` : `mini-batch ${s.batchSize}`;
      lines.push(`  ${size}: ${ms(s.step)} per step`);
      if (e) lines.push(`    ${e.label} runs at ${(s.step.cpuMs / e.step.cpuMs).toFixed(2)}× ${PEER_LABEL[p.peer]}'s speed by CPU time, ${(s.step.wallMs / e.step.wallMs).toFixed(2)}× by wall time (above 1: faster)`);
    }
  }
  return lines;
}
