/** `list [--json] [--tier A|B|C|modifier]`: the registry, as data or as a table. */
import { allEntries } from '../../core/registry/index';
import type { ActivationEntry } from '../../core/registry/types';
import { compileActivation } from '../../core/activation/compile';
import { parseArgs, stringFlag, UsageError } from '../args';
import type { Command } from './command';
import { printJson, printTable } from './output';

function describe(entry: ActivationEntry) {
  const tex = compileActivation(entry).tex.f;
  const first = entry.sources[0];
  return {
    id: entry.id,
    name: entry.name,
    aliases: entry.aliases,
    tier: entry.tier,
    family: entry.family,
    params: entry.params.map((p) => ({
      name: p.name,
      default: p.default,
      min: p.min,
      max: p.max,
      learnable: p.learnable === 'yes' ? true : p.learnable === 'optional' ? 'optional' : false,
    })),
    formula: entry.formula,
    ...(entry.surrogate ? { surrogate: entry.surrogate } : {}),
    tex,
    source: first ? { title: first.title, year: first.year, arxiv: first.arxiv ?? null, authors: first.authors } : null,
    sources: entry.sources.map((s) => ({ title: s.title, year: s.year, arxiv: s.arxiv ?? null, authors: s.authors })),
    status: entry.status,
  };
}

/** Long coefficient vectors (PAU, KAF) would swamp the table: show the first few. */
function paramSummary(e: ActivationEntry): string {
  const shown = e.params.slice(0, 4).map((p) => `${p.name}=${Number(p.default.toPrecision(4))}`);
  if (e.params.length > 4) shown.push(`… (${e.params.length} params)`);
  return shown.join(' ') || '-';
}

export const listCommand: Command = {
  summary: 'list the registry (ids, names, parameters, sources)',
  usage: '[--json] [--tier A|B|C|modifier]',
  async run(argv) {
    const args = parseArgs(argv, { json: { type: 'bool' }, tier: { type: 'string' } });
    if (args.positionals.length) throw new UsageError(`list takes no positional arguments, got "${args.positionals[0]}"`);
    const tier = stringFlag(args, 'tier');
    if (tier !== undefined && !['A', 'B', 'C', 'modifier'].includes(tier)) throw new UsageError(`--tier must be A, B, C or modifier, got "${tier}"`);
    const entries = allEntries().filter((e) => tier === undefined || e.tier === tier);
    if (args.flags.json) {
      printJson(entries.map(describe));
      return;
    }
    printTable([
      ['id', 'tier', 'status', 'params', 'name'],
      ...entries.map((e) => [e.id, e.tier, e.status, paramSummary(e), e.name]),
    ]);
  },
};
