/**
 * `eval <id> --x=… [--param name=value]… [--option name=value]… [--json]` and
 * `eval --formula "<expr>" --x=… [--param name=value]…`: f, f′ and f″ in float64.
 */
import { parseArgs, parseNumberList, listFlag, stringFlag, UsageError } from '../args';
import type { Command } from './command';
import { compileFromArgs } from './activationArgs';
import { fmt, printJson, printTable } from './output';

export const evalCommand: Command = {
  summary: 'evaluate f, f′, f″ of an activation or a typed formula at given x',
  usage: '<id> | --formula "<expr>"  --x=<n,n,…> [--param name=value]… [--option name=value]… [--json]',
  async run(argv) {
    const args = parseArgs(argv, {
      x: { type: 'string' },
      param: { type: 'list' },
      option: { type: 'list' },
      formula: { type: 'string' },
      json: { type: 'bool' },
    });
    const formula = stringFlag(args, 'formula');
    const [id, ...extra] = args.positionals;
    if (extra.length) throw new UsageError(`eval takes one activation id, got extra "${extra[0]}"`);
    if (formula === undefined && !id) throw new UsageError('eval needs an activation id or --formula "<expr>"');
    if (formula !== undefined && id) throw new UsageError('give either an activation id or --formula, not both');
    const xText = stringFlag(args, 'x');
    if (xText === undefined) throw new UsageError('eval needs --x=<comma-separated numbers>');
    const xs = parseNumberList(xText, '--x');

    const { compiled, params } = compileFromArgs({ id, formula }, listFlag(args, 'param'), listFlag(args, 'option'));
    const s = compiled.scalar(params);
    const result = {
      id: compiled.entry.id,
      ...(formula !== undefined ? { formula } : {}),
      params,
      ...(Object.keys(compiled.options).length ? { options: compiled.options } : {}),
      x: xs,
      f: xs.map(s.f),
      df: xs.map(s.df),
      d2f: xs.map(s.d2f),
      ...(s.surrogate ? { surrogate: xs.map(s.surrogate) } : {}),
    };
    if (args.flags.json) {
      printJson(result);
      return;
    }
    printTable([
      ['x', 'f', "f'", "f''", ...(result.surrogate ? ['surrogate'] : [])],
      ...xs.map((x, i) => [fmt(x), fmt(result.f[i], 12), fmt(result.df[i], 12), fmt(result.d2f[i], 12), ...(result.surrogate ? [fmt(result.surrogate[i], 12)] : [])]),
    ]);
  },
};
