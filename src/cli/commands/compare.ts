/**
 * `compare --activations relu,gelu,golu --seeds 5 --dataset spiral …`: every activation ×
 * seed trained together in one batched engine; per-run histories and a summary.
 */
import { runComparison } from '../../core/compare/runComparison';
import { registryResolver } from '../../core/train/registryResolver';
import { summarizeLenses } from '../../core/train/lensesSummary';
import type { ActivationSpec } from '../../core/train/activationSpec';
import { parseArgs, parseInteger, stringFlag, UsageError } from '../args';
import { setupBackend } from '../backend';
import type { Command } from './command';
import { entryOrThrow } from './activationArgs';
import { fmt, printJson, printTable } from './output';
import { TRAINING_FLAGS, TRAINING_USAGE, trainingSettings } from './trainingArgs';
import { saveComparisonRuns } from './runs';
import { CLAIM_PRESETS, findPreset } from '../../core/compare/presets';
import { judgeClaim } from '../../core/compare/claim';
import { activationLabel } from '../../core/compare/summary';
import type { ComparisonConfig } from '../../core/compare/runComparison';
import { taskProbe, type TaskProbe } from '../../core/tasks/taskProbe';
import { summarizeTask, taskMetricsJson } from '../../core/tasks/taskSummary';
import type { Trainer } from '../../core/train/trainer';

function seedsFrom(text: string | undefined): number[] | number {
  if (text === undefined) return 5;
  if (text.includes(',')) {
    const seeds = text.split(',').map((s, i) => parseInteger(s, `--seeds item ${i + 1}`, 0, 2 ** 31 - 1));
    if (new Set(seeds).size !== seeds.length) throw new UsageError(`--seeds must be distinct, got ${text}`);
    return seeds;
  }
  return parseInteger(text, '--seeds (a count, or a comma-separated list)', 1, 1000);
}

function meanStd(s: { mean: number; std: number } | null): string {
  return s ? `${fmt(s.mean, 4)} ± ${fmt(s.std, 2)}` : '-';
}

/** The comparison's task metrics per activation, with each run's value, or null off the task sets. */
function taskMetrics(probed: { probe: TaskProbe; predictions: Float32Array[]; dataset: string } | null, diverged: boolean[], activations: number, seeds: number) {
  if (!probed) return null;
  return taskMetricsJson(summarizeTask(probed.dataset, probed.probe, probed.predictions, diverged, activations, seeds));
}

export const compareCommand: Command = {
  summary: 'train several activations × seeds together and summarise',
  usage: `--activations relu,gelu,golu [--seeds 5 | --seeds 1,2,3] [--save-runs dir/] ${TRAINING_USAGE}  |  --preset <id> [--backend …] [--save-runs dir/] [--json] (a paper claim: ${CLAIM_PRESETS.map((p) => p.id).join(', ')})`,
  async run(argv) {
    const args = parseArgs(argv, { ...TRAINING_FLAGS, activations: { type: 'string' }, seeds: { type: 'string' }, 'save-runs': { type: 'string' }, preset: { type: 'string' } });
    if (args.positionals.length) throw new UsageError(`compare takes no positional arguments, got "${args.positionals[0]}"`);
    const presetId = stringFlag(args, 'preset');
    const preset = presetId === undefined ? undefined : findPreset(presetId);
    if (presetId !== undefined && !preset) throw new UsageError(`Unknown preset "${presetId}"; choose one of: ${CLAIM_PRESETS.map((p) => p.id).join(', ')}`);
    let config: ComparisonConfig;
    if (preset) {
      const extra = Object.keys(args.flags).filter((f) => !['backend', 'json', 'save-runs', 'preset'].includes(f));
      if (extra.length) throw new UsageError(`--preset fixes the comparison's settings; drop --${extra.join(', --')}`);
      config = preset.config;
    } else {
      const list = stringFlag(args, 'activations');
      if (!list) throw new UsageError('compare needs --activations id1,id2,… or --preset <id> (see "npm run cli -- list")');
      const ids = list.split(',').map((s) => s.trim()).filter(Boolean);
      const activations: ActivationSpec[] = ids.map((id) => ({ id: entryOrThrow(id).id }));
      if (new Set(activations.map((a) => a.id)).size !== activations.length) throw new UsageError(`--activations lists an activation twice: ${list}`);
      const seeds = seedsFrom(stringFlag(args, 'seeds'));
      config = { ...trainingSettings(args, { epochs: 50 }), activations, seeds };
    }
    const backend = await setupBackend(stringFlag(args, 'backend'));

    // Task sets: every run's predictions at the task's probe points, taken from the final state.
    let probed: { probe: TaskProbe; predictions: Float32Array[]; dataset: string } | null = null;
    const onEnd = async (trainer: Trainer): Promise<void> => {
      const probe = taskProbe(trainer.dataset);
      if (probe) probed = { probe, predictions: await trainer.predictGrid(probe.x), dataset: trainer.dataset.name };
    };
    const result = await runComparison(config, undefined, undefined, { resolveActivation: registryResolver, onEnd, lenses: true });
    const seedCount = result.runs.length / result.summary.length;
    const task = taskMetrics(probed, result.runs.map((r) => r.diverged !== null), result.summary.length, seedCount);
    const verdict = preset ? judgeClaim(preset.rule, result.summary, preset.config.activations.map(activationLabel)) : null;
    const saveDir = stringFlag(args, 'save-runs');
    if (saveDir) await saveComparisonRuns(saveDir, result);
    const lensSummary = summarizeLenses(result.runs);
    const out = {
      config: { ...result.config, backend: backend.backend },
      runs: result.runs.map((r) => ({ activation: r.activation.id, label: r.label, seed: r.seed, history: r.history, final: r.final, diverged: r.diverged })),
      summary: result.summary,
      // Per activation, epoch and hidden layer: mean ± std over seeds of each lens (core/train/lensesSummary.ts).
      lenses: lensSummary,
      ...(task ? { task } : {}),
      timing: result.timing,
      ...(preset && verdict ? { claim: { preset: preset.id, claim: preset.claim, outcome: verdict.outcome, verdict: verdict.sentence } } : {}),
    };
    if (args.flags.json) return printJson(out);
    process.stdout.write(`backend: ${backend.backend} (${backend.reason}); ${result.timing.runs} runs in one batch, ${fmt(result.timing.msPerEpoch, 3)} ms/epoch\n`);
    printTable([
      ['activation', 'runs', 'diverged', 'train loss', 'test loss', 'test acc', 'dead units'],
      ...result.summary.map((s) => [s.label, String(s.n), String(s.diverged), meanStd(s.trainLoss), meanStd(s.testLoss), meanStd(s.testAcc), meanStd(lensSummary.find((l) => l.label === s.label)?.dead.at(-1) ?? null)]),
    ]);
    if (task) {
      process.stdout.write('task metrics (mean ± std over non-diverged seeds):\n');
      printTable([['activation', ...task.metrics.map((m) => m.name)], ...result.summary.map((s, k) => [s.label, ...task.metrics.map((m) => meanStd(m.perActivation[k]))])]);
    }
    if (preset && verdict) process.stdout.write(`claim: ${preset.claim}\n${verdict.sentence}\n`);
  },
};
