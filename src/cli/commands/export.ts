/**
 * `export <id> --target pytorch|jax|keras` and `export --formula "<expr>" [--param a=1]…`:
 * prints a standalone module whose forward and backward are generated from the same
 * expression tree the playground trains with.
 */
import { CodegenError, EXPORT_TARGETS, exportActivation, type ExportTarget } from '../../core/codegen/index';
import { listFlag, parseArgs, stringFlag, UsageError } from '../args';
import type { Command } from './command';
import { compileFromArgs } from './activationArgs';

export const exportCommand: Command = {
  summary: 'print an activation as a PyTorch module, a JAX function or a Keras layer',
  usage: '<id> | --formula "<expr>"  --target pytorch|jax|keras [--param name=value]… [--option name=value]… [--learnable name]…',
  async run(argv) {
    const args = parseArgs(argv, {
      target: { type: 'string' },
      formula: { type: 'string' },
      param: { type: 'list' },
      option: { type: 'list' },
      learnable: { type: 'list' },
    });
    const formula = stringFlag(args, 'formula');
    const [id, ...extra] = args.positionals;
    if (extra.length) throw new UsageError(`export takes one activation id, got extra "${extra[0]}"`);
    if ((formula === undefined) === !id) throw new UsageError('export needs an activation id or --formula "<expr>" (not both)');
    const target = (stringFlag(args, 'target') ?? 'pytorch') as ExportTarget;
    if (!EXPORT_TARGETS.some((t) => t.id === target)) {
      throw new UsageError(`--target must be one of ${EXPORT_TARGETS.map((t) => t.id).join(', ')}, got "${target}"`);
    }
    const { compiled, params } = compileFromArgs({ id, formula }, listFlag(args, 'param'), listFlag(args, 'option'));
    const learnableNames = listFlag(args, 'learnable').flatMap((t) => t.split(','));
    for (const name of learnableNames) {
      if (!compiled.params.some((p) => p.name === name)) throw new UsageError(`--learnable ${name}: no such parameter`);
    }
    try {
      const code = exportActivation(compiled, target, {
        paramValues: params,
        ...(learnableNames.length ? { learnable: Object.fromEntries(learnableNames.map((n) => [n, true])) } : {}),
      });
      process.stdout.write(code.endsWith('\n') ? code : code + '\n');
    } catch (err) {
      if (err instanceof CodegenError) throw new UsageError(err.message);
      throw err;
    }
  },
};
