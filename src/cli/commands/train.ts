/**
 * `train --activation <id> --dataset <name> [--epochs N] [--seed S] [--hidden 16,16] …`:
 * one run of the same engine the page uses, printing the configuration, per-epoch history and
 * final metrics.
 */
import { trainAndEvaluate } from '../../core/train/epochLoop';
import { createTrainer } from '../../core/train/trainer';
import { initScaleFor } from '../../core/train/initScale';
import { SPARSE_BELOW } from '../../core/train/lenses';
import { registryResolver } from '../../core/train/registryResolver';
import { parseArgs, parseInteger, stringFlag, UsageError } from '../args';
import { setupBackend } from '../backend';
import { cpuEngine, describeCpuEngine } from '../../core/wasm/wasmEngine';
import type { Command } from './command';
import { ACTIVATION_FLAGS, activationSpec } from './activationSpecArgs';
import { fmt, printJson, printTable } from './output';
import { TRAINING_FLAGS, TRAINING_USAGE, trainingSettings } from './trainingArgs';
import { saveRunFile } from './runs';
import { taskProbe } from '../../core/tasks/taskProbe';
import { taskReport } from '../../core/tasks/taskMetrics';

export const trainCommand: Command = {
  summary: 'train one MLP with an activation on a toy dataset',
  usage: `--activation <id> [--seed 1] [--param name=value]… [--option name=value]… [--learnable name]… [--fixed name]… [--save-run run.json] ${TRAINING_USAGE}`,
  async run(argv) {
    const args = parseArgs(argv, { ...TRAINING_FLAGS, ...ACTIVATION_FLAGS, activation: { type: 'string' }, seed: { type: 'string' }, 'save-run': { type: 'string' } });
    if (args.positionals.length) throw new UsageError(`train takes no positional arguments, got "${args.positionals[0]}"`);
    const id = stringFlag(args, 'activation');
    if (!id) throw new UsageError('train needs --activation <id> (see "npm run cli -- list")');
    const activation = activationSpec(id, args);
    const settings = trainingSettings(args, { epochs: 100 });
    const seedText = stringFlag(args, 'seed');
    const seed = seedText === undefined ? 1 : parseInteger(seedText, '--seed', 0, 2 ** 31 - 1);
    const backend = await setupBackend(stringFlag(args, 'backend'));

    const t0 = performance.now();
    const trainer = createTrainer({ ...settings, runs: [{ activation, seed }], resolveActivation: registryResolver });
    try {
      // The mean-field inits' σ_w, σ_b as the engine worked them out for this activation.
      const initScale = initScaleFor(settings, activation, (await trainer.activationParams())[0][0] ?? {});
      let tTrain = NaN;
      const loop = await trainAndEvaluate(trainer, {
        epochs: settings.epochs,
        lenses: true,
        onEpoch: (epoch) => {
          if (epoch === 0) tTrain = performance.now();
          return trainer.divergence()[0] ? 'stop' : undefined;
        },
      });
      const history = loop.histories[0];
      const final = loop.last[0];
      const trainMs = performance.now() - tTrain;
      const diverged = trainer.divergence()[0];
      const params = (await trainer.activationParams())[0];
      // Task sets: their own numbers (window MSEs, error at the target's frequencies, confusion matrix).
      const probe = taskProbe(trainer.dataset);
      const report = probe ? taskReport(trainer.dataset.name, probe, (await trainer.predictGrid(probe.x))[0]) : null;
      const task = report ? { metrics: report.metrics, ...(report.confusion ? { confusion: Array.from(report.confusion) } : {}) } : undefined;
      const result = {
        config: { activation, seed, ...settings, ...(initScale ? { initScale } : {}), batchSize: trainer.batchSize, stepsPerEpoch: trainer.stepsPerEpoch },
        backend: { name: backend.backend, reason: backend.reason, ...(backend.backend === 'cpu' ? { cpuEngine: cpuEngine() } : {}) },
        history,
        final,
        diverged,
        activationParams: params,
        ...(task ? { task } : {}),
        timing: { totalMs: performance.now() - t0, trainMs, msPerEpoch: trainMs / Math.max(1, history.length - 1) },
      };
      const savePath = stringFlag(args, 'save-run');
      if (savePath) await saveRunFile(savePath, settings, { activation, seed, history, diverged }, backend.backend);
      if (args.flags.json) return printJson(result);
      process.stdout.write(`backend: ${backend.backend} (${backend.reason})\n`);
      if (initScale) process.stdout.write(`init ${settings.init}: W ~ N(0, σ_w²/fan-in), b ~ N(0, σ_b²) with σ_w = ${fmt(initScale.sigmaW, 6)}, σ_b = ${fmt(initScale.sigmaB, 6)}\n`);
      if (backend.backend === 'cpu') {
        process.stdout.write(`${describeCpuEngine()}\n`);
      }
      const every = Math.max(1, Math.ceil(history.length / 20));
      printTable([
        ['epoch', 'train loss', 'test loss', 'train acc', 'test acc'],
        ...history.filter((_, i) => i % every === 0 || i === history.length - 1).map((h) => [String(h.epoch), fmt(h.trainLoss), fmt(h.testLoss), h.trainAcc === null ? '-' : fmt(h.trainAcc, 4), h.testAcc === null ? '-' : fmt(h.testAcc, 4)]),
      ]);
      const lenses = history[history.length - 1].lenses;
      if (lenses) {
        process.stdout.write(`per-layer lenses after epoch ${history.length - 1} (float64, from the weights, on ${lenses.points} training points; sparse: |f(a)| < ${SPARSE_BELOW}):\n`);
        printTable([
          ['layer', 'dead', 'sparse', 'pre mean', 'pre std', '‖∂L/∂W‖'],
          ...lenses.layers.map((l, i) => [String(i + 1), fmt(l.dead, 3), fmt(l.sparsity, 3), fmt(l.preMean, 4), fmt(l.preStd, 4), fmt(l.gradNorm, 3)]),
        ]);
      }
      if (task) for (const m of task.metrics) process.stdout.write(`${m.name}: ${fmt(m.value, 4)}\n`);
      if (diverged) process.stdout.write(`diverged: ${diverged.message}\n`);
      process.stdout.write(`${fmt(result.timing.msPerEpoch, 3)} ms/epoch\n`);
    } finally {
      trainer.dispose();
    }
  },
};
