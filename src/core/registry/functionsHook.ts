/**
 * Registry activations callable by name inside formulas (gelu(x), leaky_relu(2*x), glu(a, u)),
 * for the parser's `functions` hook. A call expands, at parse time, to the entry's formula tree
 * with its variables replaced by the arguments and its parameters by their default values.
 */
import type { Node } from '../expr/ast';
import { parseFormula } from '../expr/parse';
import { lookupFunction } from '../expr/functions';
import type { ActivationEntry } from './types';

/** Formula-language name of an entry: kebab-case id with '-' → '_'. */
function functionName(id: string): string {
  return id.replace(/-/g, '_');
}

/** Names the language already gives a meaning to; built-ins win, so such ids are not exposed. */
const RESERVED = new Set(['pi', 'e', 'and', 'or', 'not', 'x', 'a', 'u']);

/** Replace symbols by trees (variables) or numbers (parameters); returns a new tree. */
function substituteSymbols(node: Node, values: Record<string, Node>): Node {
  const walk = (n: Node): Node => {
    switch (n.kind) {
      case 'num': return n;
      case 'sym': return Object.hasOwn(values, n.name) ? values[n.name] : n;
      case 'neg': return { kind: 'neg', arg: walk(n.arg) };
      case 'not': return { kind: 'not', arg: walk(n.arg) };
      case 'bin': return { kind: 'bin', op: n.op, left: walk(n.left), right: walk(n.right) };
      case 'logic': return { kind: 'logic', op: n.op, left: walk(n.left), right: walk(n.right) };
      case 'call': return { kind: 'call', fn: n.fn, args: n.args.map(walk) };
      case 'cmp': return {
        kind: 'cmp', op: n.op, left: walk(n.left), right: walk(n.right),
        ...(n.tie ? { tie: { dl: walk(n.tie.dl), dr: walk(n.tie.dr) } } : {}),
      };
      case 'cond': return { kind: 'cond', test: walk(n.test), then: walk(n.then), else: walk(n.else) };
    }
  };
  return walk(node);
}

/** The hook map for parseFormula / setFormulaFunctions. Entry formulas are parsed on first call. */
export function buildRegistryFunctions(entries: ActivationEntry[]): Record<string, (args: Node[]) => Node> {
  const map: Record<string, (args: Node[]) => Node> = {};
  for (const entry of entries) {
    const name = functionName(entry.id);
    if (lookupFunction(name) || RESERVED.has(name)) continue;
    const vars = entry.tier === 'C' ? ['a', 'u'] : ['x'];
    let tree: Node | undefined;
    map[name] = (args) => {
      if (args.length !== vars.length) {
        throw new Error(`${name} expects ${vars.length} argument${vars.length === 1 ? '' : 's'} (${vars.join(', ')}), got ${args.length}`);
      }
      tree ??= parseFormula(entry.formula, { vars, params: entry.params.map((p) => p.name) });
      const values: Record<string, Node> = {};
      vars.forEach((v, i) => { values[v] = args[i]; });
      for (const p of entry.params) values[p.name] = { kind: 'num', value: p.default };
      return substituteSymbols(tree, values);
    };
  }
  return map;
}
