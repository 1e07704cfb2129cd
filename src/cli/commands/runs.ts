/**
 * Run files from the command line: `load-run <file> [--retrain] [--json]` shows (and optionally
 * reproduces) a saved run or comparison, `export-run <file> --target pytorch` prints a standalone
 * PyTorch script of a run (--sensitivity: with the per-epoch agreement this run allows),
 * `sensitivity <file> [--json]` measures a run's own 1-ulp sensitivity; saveRunFile / saveComparisonRuns back `train --save-run` and
 * `compare --save-runs`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CodegenError } from '../../core/codegen/python-expr';
import { expectedTolerance, exportRunPyTorch } from '../../core/codegen/pytorch-run';
import type { ComparisonResult } from '../../core/compare/runComparison';
import { activationLabel } from '../../core/compare/summary';
import {
  buildComparisonFile, buildRunFiles, measureSensitivity, parseRunFileText, retrainRun, sensitivityText,
  type ComparisonFile, type RecordedRun, type RetrainResult, type RunFile, type RunSetup,
} from '../../core/runfile/index';
import { otherEngine } from '../../core/runfile/otherEngine';
import { registryResolver } from '../../core/train/registryResolver';
import { parseArgs, parseInteger, stringFlag, UsageError } from '../args';
import { setupBackend } from '../backend';
import type { Command } from './command';
import { fmt, printTable } from './output';

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`Cannot read "${path}": ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
}

function writeText(path: string, text: string): void {
  try {
    writeFileSync(path, text);
  } catch (e) {
    throw new UsageError(`Cannot write "${path}": ${(e as Error).message}`);
  }
}

/** Saves one finished run (train --save-run); the message goes to stderr so --json output stays pure. */
export async function saveRunFile(path: string, setup: RunSetup, run: RecordedRun, backend: string): Promise<RunFile> {
  const [file] = await buildRunFiles(setup, [run], { resolveActivation: registryResolver, backend });
  writeText(path, JSON.stringify(file));
  process.stderr.write(`saved run to ${path}\n`);
  return file;
}

/** compare --save-runs: comparison.json (every run + summary) and one run file per run. */
export async function saveComparisonRuns(dir: string, result: ComparisonResult): Promise<ComparisonFile> {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new UsageError(`Cannot create folder "${dir}": ${(e as Error).message}`);
  }
  const file = await buildComparisonFile(result, { resolveActivation: registryResolver });
  writeText(join(dir, 'comparison.json'), JSON.stringify(file));
  const width = String(file.runs.length).length;
  file.runs.forEach((run, i) => {
    const stem = `${activationLabel(run.config.activation).replace(/[^A-Za-z0-9_.=-]+/g, '_')}-seed${run.config.seed}`;
    writeText(join(dir, `run-${String(i + 1).padStart(width, '0')}-${stem}.json`), JSON.stringify(run));
  });
  process.stderr.write(`saved comparison.json and ${file.runs.length} run files to ${dir}\n`);
  return file;
}

/**
 * main.ts exits as soon as run() resolves, which cuts piped output at the pipe's 64 KiB buffer:
 * long outputs (scripts, JSON of many runs) are written with a promise that settles once flushed.
 */
function writeStdout(text: string): Promise<void> {
  return new Promise<void>((resolve, reject) => process.stdout.write(text, (err) => (err ? reject(err) : resolve())));
}

function loadFile(path: string): RunFile | ComparisonFile {
  return parseRunFileText(readText(path));
}

function describeRun(run: RunFile) {
  const c = run.config;
  const last = run.history[run.history.length - 1];
  return {
    activation: activationLabel(c.activation),
    seed: c.seed,
    dataset: `${c.dataset.name} (${run.data.train.y.length} train / ${run.data.test.y.length} test)`,
    network: [run.data.dim, ...c.hidden, run.data.outputDim].join('-'),
    optimizer: `${c.optimizer.name} lr=${c.optimizer.lr}${c.optimizer.l2 ? ` l2=${c.optimizer.l2}` : ''}, batch ${c.batchSize}, ${c.init}${c.initSigmaW !== undefined ? ` σ_w=${c.initSigmaW}` : ''}${c.initSigmaB !== undefined ? ` σ_b=${c.initSigmaB}` : ''}`,
    epochs: `${run.history.length - 1} of ${c.epochs}`,
    final: last,
  };
}

function retrainSummary(stored: RunFile, r: RetrainResult) {
  const tolerance = expectedTolerance(r.backend === stored.backend ? stored.backend : 'webgpu');
  return {
    backend: r.backend,
    history: r.history,
    diverged: r.diverged,
    difference: r.difference,
    tolerance,
    reproduced: r.difference.maxRelativeLoss <= tolerance,
  };
}

function printRun(run: RunFile, retrain?: ReturnType<typeof retrainSummary>): void {
  const d = describeRun(run);
  process.stdout.write(
    `run: ${d.activation}, seed ${d.seed}; ${d.dataset}; network ${d.network}; ${d.optimizer}; ${d.epochs} epochs; ` +
      `recorded on ${run.backend} by Activation Playground ${run.projectVersion}\n`,
  );
  const rows = [['epoch', 'train loss', 'test loss', 'train acc', 'test acc', ...(retrain ? ['retrained train loss'] : [])]];
  const every = Math.max(1, Math.ceil(run.history.length / 20));
  run.history.forEach((h, i) => {
    if (i % every !== 0 && i !== run.history.length - 1) return;
    const cell = (v: number | null, digits = 6) => (v === null ? '-' : fmt(v, digits));
    rows.push([String(h.epoch), cell(h.trainLoss), cell(h.testLoss), cell(h.trainAcc, 4), cell(h.testAcc, 4), ...(retrain ? [cell(retrain.history[i]?.trainLoss ?? null)] : [])]);
  });
  printTable(rows);
  if (run.diverged) process.stdout.write(`diverged: ${run.diverged.message}\n`);
  if (retrain) {
    process.stdout.write(
      `retrained on ${retrain.backend}: largest relative loss difference ${fmt(retrain.difference.maxRelativeLoss, 3)} ` +
        `(${retrain.reproduced ? 'within' : 'ABOVE'} the expected ${retrain.tolerance})\n`,
    );
  }
}

const loadRunCommand: Command = {
  summary: 'show a saved run or comparison file; --retrain reproduces it and compares the curves',
  usage: '<run.json | comparison.json> [--retrain] [--backend cpu|webgpu|wasm|auto] [--json]',
  async run(argv) {
    const args = parseArgs(argv, { retrain: { type: 'bool' }, json: { type: 'bool' }, backend: { type: 'string' } });
    const [path, ...extra] = args.positionals;
    if (!path) throw new UsageError('load-run needs a file: load-run run.json');
    if (extra.length) throw new UsageError(`load-run takes one file, got extra "${extra[0]}"`);
    const file = loadFile(path);
    const runs = file.schema === 'activation-playground/run' ? [file] : file.runs;
    let retrained: ReturnType<typeof retrainSummary>[] | undefined;
    if (args.flags.retrain) {
      await setupBackend(stringFlag(args, 'backend'));
      retrained = [];
      for (const run of runs) retrained.push(retrainSummary(run, await retrainRun(run, { resolveActivation: registryResolver })));
    } else if (stringFlag(args, 'backend') !== undefined) {
      throw new UsageError('--backend only applies with --retrain');
    }
    if (args.flags.json) {
      // JSON.stringify writes NaN as null, the CLI's documented stand-in.
      const json = {
        file: path,
        kind: file.schema === 'activation-playground/run' ? 'run' : 'comparison',
        ...(file.schema === 'activation-playground/comparison' ? { status: file.status, summary: file.summary } : {}),
        runs: runs.map((run, i) => ({
          ...describeRun(run),
          config: run.config,
          backend: run.backend,
          projectVersion: run.projectVersion,
          history: run.history,
          diverged: run.diverged,
          ...(retrained ? { retrain: retrained[i] } : {}),
        })),
      };
      await writeStdout(JSON.stringify(json, null, 2) + '\n');
      return;
    }
    if (file.schema === 'activation-playground/comparison') {
      process.stdout.write(`comparison (${file.status}): ${file.runs.length} runs, recorded on ${file.backend}\n`);
      printTable([
        ['#', 'activation', 'seed', 'final train loss', 'final test acc', ...(retrained ? ['retrain max rel. diff'] : [])],
        ...runs.map((run, i) => {
          const last = run.history[run.history.length - 1];
          return [String(i + 1), activationLabel(run.config.activation), String(run.config.seed), last.trainLoss === null ? '-' : fmt(last.trainLoss), last.testAcc === null ? '-' : fmt(last.testAcc, 4), ...(retrained ? [fmt(retrained[i].difference.maxRelativeLoss, 3)] : [])];
        }),
      ]);
      return;
    }
    printRun(file, retrained?.[0]);
  },
};

/** The one run a command works on: the file itself, or --run N of a comparison. */
function pickRun(file: RunFile | ComparisonFile, runText: string | undefined): RunFile {
  if (file.schema === 'activation-playground/run') {
    if (runText !== undefined) throw new UsageError('--run selects a run of a comparison file; this is a single run file');
    return file;
  }
  if (runText === undefined) throw new UsageError(`this comparison holds ${file.runs.length} runs; choose one with --run 1..${file.runs.length}`);
  return file.runs[parseInteger(runText, '--run', 1, file.runs.length) - 1];
}

/** Measures on the chosen backend; says so on stderr when it is not the one the run was recorded on. */
async function measureOn(run: RunFile, backendText: string | undefined) {
  const choice = await setupBackend(backendText);
  if (choice.backend !== run.backend) {
    process.stderr.write(`note: measuring on ${choice.backend}, the run was recorded on ${run.backend}: the measurement includes the difference of the two backends\n`);
  }
  return measureSensitivity(run, { resolveActivation: registryResolver, otherEngine: otherEngine(registryResolver) });
}

const sensitivityCommand: Command = {
  summary: "measure a saved run's own sensitivity: retrain from its initial weights nudged one float32 ulp, and unnudged on a second engine (wasm or cpu), and compare epoch by epoch",
  usage: '<run.json | comparison.json> [--run N] [--backend cpu|webgpu|wasm|auto] [--json]',
  async run(argv) {
    const args = parseArgs(argv, { run: { type: 'string' }, json: { type: 'bool' }, backend: { type: 'string' } });
    const [path, ...extra] = args.positionals;
    if (!path) throw new UsageError('sensitivity needs a file: sensitivity run.json');
    if (extra.length) throw new UsageError(`sensitivity takes one file, got extra "${extra[0]}"`);
    const run = pickRun(loadFile(path), stringFlag(args, 'run'));
    const s = await measureOn(run, stringFlag(args, 'backend'));
    if (args.flags.json) {
      // JSON.stringify writes Infinity as null (a nudged run that diverged).
      await writeStdout(JSON.stringify({ file: path, activation: activationLabel(run.config.activation), seed: run.config.seed, verdict: sensitivityText(s), ...s }, null, 2) + '\n');
      return;
    }
    process.stdout.write(`${sensitivityText(s)}\n`);
    const every = Math.max(1, Math.ceil(s.epochs.length / 20));
    printTable([
      ['epoch', 'rel. loss change', 'largest so far', 'accuracy change so far', ...(s.engines ? [`${s.engines.backend} apart so far`] : [])],
      ...s.epochs
        .map((e, i) => [String(e.epoch), fmt(e.loss, 3), fmt(e.lossThrough, 3), e.accuracyThrough === null ? '-' : fmt(e.accuracyThrough, 3), ...(s.engines ? [fmt(s.engines.lossThrough[i], 3)] : [])])
        .filter((_, i) => i % every === 0 || i === s.epochs.length - 1),
    ]);
  },
};

const exportRunCommand: Command = {
  summary: 'print a saved run as a standalone script (PyTorch) that retrains it and compares the curves',
  usage: '<run.json | comparison.json> --target pytorch [--run N (1-based, for comparison files)] [--sensitivity [--backend B]]',
  async run(argv) {
    const args = parseArgs(argv, { target: { type: 'string' }, run: { type: 'string' }, sensitivity: { type: 'bool' }, backend: { type: 'string' } });
    const [path, ...extra] = args.positionals;
    if (!path) throw new UsageError('export-run needs a file: export-run run.json --target pytorch');
    if (extra.length) throw new UsageError(`export-run takes one file, got extra "${extra[0]}"`);
    const target = stringFlag(args, 'target') ?? 'pytorch';
    if (target !== 'pytorch') throw new UsageError(`--target must be pytorch (the only whole-run target), got "${target}"`);
    const run = pickRun(loadFile(path), stringFlag(args, 'run'));
    if (!args.flags.sensitivity && stringFlag(args, 'backend') !== undefined) throw new UsageError('--backend only applies with --sensitivity');
    let script: string;
    try {
      // --sensitivity: one extra retrain, so the script states the agreement that holds for this run.
      const sensitivity = args.flags.sensitivity ? await measureOn(run, stringFlag(args, 'backend')) : undefined;
      if (sensitivity) process.stderr.write(`${sensitivityText(sensitivity)}\n`);
      script = exportRunPyTorch(run, { sensitivity });
    } catch (e) {
      if (e instanceof CodegenError) throw new UsageError(`Cannot export this run: ${e.message}`);
      throw e;
    }
    await writeStdout(script);
  },
};

/** Registered in ./index.ts with one spread. */
export const RUN_COMMANDS: ReadonlyArray<readonly [string, Command]> = [
  ['load-run', loadRunCommand],
  ['export-run', exportRunCommand],
  ['sensitivity', sensitivityCommand],
];
