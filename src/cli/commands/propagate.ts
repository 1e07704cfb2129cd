/**
 * `propagate <id> | --formula "<expr>" --sigma-w=… --sigma-b=… [--depth=N] [--q1=…] [--json]`:
 * mean-field signal propagation at initialisation (q_l through depth, q*, χ₁, the depth scale ξ,
 * the critical σ_w and the variance-preserving gain), computed from the activation's own f and f′.
 */
import { signalActivation } from '../../core/theory/meanField';
import { MAX_PROPAGATION_DEPTH, propagationReport } from '../../core/theory/propagation';
import { listFlag, parseArgs, parseInteger, parseNumber, stringFlag, UsageError } from '../args';
import { compileFromArgs } from './activationArgs';
import type { Command } from './command';
import { fmt, printJson, printTable } from './output';

function positive(text: string | undefined, what: string, fallback: number, allowZero: boolean): number {
  if (text === undefined) return fallback;
  const v = parseNumber(text, what);
  if (v < 0 || (!allowZero && v === 0) || v > 100) throw new UsageError(`${what}: "${text}" must be ${allowZero ? 'between 0 and 100' : 'above 0 and at most 100'}`);
  return v;
}

export const propagateCommand: Command = {
  summary: 'signal propagation at init: q through depth, χ₁, depth scale, critical σ_w, gain',
  usage: `<id> | --activation <id> | --formula "<expr>"  [--sigma-w=1] [--sigma-b=0] [--depth=50] [--q1=1] [--param name=value]… [--option name=value]… [--json]`,
  async run(argv) {
    const args = parseArgs(argv, {
      activation: { type: 'string' },
      formula: { type: 'string' },
      'sigma-w': { type: 'string' },
      'sigma-b': { type: 'string' },
      depth: { type: 'string' },
      q1: { type: 'string' },
      param: { type: 'list' },
      option: { type: 'list' },
      json: { type: 'bool' },
    });
    const formula = stringFlag(args, 'formula');
    const named = stringFlag(args, 'activation');
    const [positional, ...extra] = args.positionals;
    if (extra.length) throw new UsageError(`propagate takes one activation, got extra "${extra[0]}"`);
    if (named !== undefined && positional !== undefined) throw new UsageError('give the activation once: as the argument or as --activation');
    const id = named ?? positional;
    if (formula === undefined && !id) throw new UsageError('propagate needs an activation id or --formula "<expr>"');
    if (formula !== undefined && id) throw new UsageError('give either an activation id or --formula, not both');

    const sigmaW = positive(stringFlag(args, 'sigma-w'), '--sigma-w', 1, false);
    const sigmaB = positive(stringFlag(args, 'sigma-b'), '--sigma-b', 0, true);
    const depthText = stringFlag(args, 'depth');
    const depth = depthText === undefined ? 50 : parseInteger(depthText, '--depth', 1, MAX_PROPAGATION_DEPTH);
    const q1 = positive(stringFlag(args, 'q1'), '--q1', 1, false);

    const { compiled, params } = compileFromArgs({ id, formula }, listFlag(args, 'param'), listFlag(args, 'option'));
    const report = propagationReport(signalActivation(compiled, params), { sigmaW, sigmaB, depth, q1 });
    if (args.flags.json) return printJson({ id: compiled.entry.id, ...(formula !== undefined ? { formula } : {}), params, ...report });

    const w = report.criticalSigmaW;
    printTable([
      ['activation', compiled.entry.id],
      ['σ_w, σ_b', `${fmt(sigmaW)}, ${fmt(sigmaB)}`],
      ['q*', `${fmt(report.qStar, 10)}${report.converged ? '' : ' (not converged)'}`],
      ['χ₁', fmt(report.chi1, 10)],
      ['phase', report.phase],
      ['depth scale ξ', `${fmt(report.depthScale, 6)} layers`],
      ['critical σ_w', w === undefined ? `none up to 8 at σ_b = ${fmt(sigmaB)}` : fmt(w, 10)],
      ['variance gain', report.varianceGain === undefined ? '—' : fmt(report.varianceGain, 10)],
    ]);
    process.stdout.write('\n');
    printTable([['layer', 'q'], ...report.q.map((q, l) => [String(l + 1), fmt(q, 10)])]);
  },
};
