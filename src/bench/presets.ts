/**
 * `npx tsx src/bench/presets.ts [--backend cpu|wasm|webgpu] [--only id,id] [--json]`: wall time of
 * each claim preset (src/core/compare/presets.ts) run as the gallery runs it, with its verdict.
 * Default cpu; webgpu in Node is SwiftShader (a CPU emulation) unless a real adapter exists, so its
 * times say nothing about a GPU.
 */
import { pathToFileURL } from 'node:url';
import { judgeClaim } from '../core/compare/claim';
import { CLAIM_PRESETS } from '../core/compare/presets';
import { runComparison } from '../core/compare/runComparison';
import { activationLabel } from '../core/compare/summary';
import { BENCH_BACKENDS, switchToBackend, type BenchBackend } from './benchBackends';

async function main(argv: string[]): Promise<void> {
  const flag = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const backend = (flag('backend') ?? 'cpu') as BenchBackend;
  if (!BENCH_BACKENDS.includes(backend)) {
    process.stderr.write(`--backend must be one of ${BENCH_BACKENDS.join(', ')}, got "${backend}"\n`);
    process.exit(2);
  }
  const only = flag('only')?.split(',');
  const unknown = only?.filter((id) => !CLAIM_PRESETS.some((p) => p.id === id)) ?? [];
  if (unknown.length) {
    process.stderr.write(`Unknown preset ${unknown.join(', ')}; choose from ${CLAIM_PRESETS.map((p) => p.id).join(', ')}\n`);
    process.exit(2);
  }
  const ready = await switchToBackend(backend);
  if (!ready.ok) {
    process.stderr.write(`${backend} is not available here: ${ready.reason}\n`);
    process.exit(1);
  }
  const rows: { preset: string; runs: number; seconds: number; msPerEpoch: number; outcome: string }[] = [];
  for (const p of CLAIM_PRESETS.filter((q) => !only || only.includes(q.id))) {
    const t0 = performance.now();
    const res = await runComparison(p.config);
    const seconds = (performance.now() - t0) / 1000;
    const verdict = judgeClaim(p.rule, res.summary, p.config.activations.map(activationLabel));
    rows.push({ preset: p.id, runs: res.runs.length, seconds, msPerEpoch: res.timing.msPerEpoch, outcome: verdict.outcome });
    if (!argv.includes('--json')) process.stdout.write(`${p.id.padEnd(22)} ${String(res.runs.length).padStart(3)} runs  ${seconds.toFixed(1).padStart(6)} s  ${res.timing.msPerEpoch.toFixed(0).padStart(6)} ms/epoch  ${verdict.outcome}\n`);
  }
  if (argv.includes('--json')) process.stdout.write(JSON.stringify({ backend, rows }, null, 2) + '\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main(process.argv.slice(2));
