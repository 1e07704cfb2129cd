/**
 * The activation registry: every entry of ACTIVATIONS.md (Tiers A, B, C and the §5 backward-rule
 * modifiers) as data, looked up by id or alias; and the "call an activation by name" table
 * (registryFunctions) that compiling a typed formula takes, so gelu(x), leaky_relu(x), … work in
 * formulas wherever a caller passes it. Importing this module changes nothing elsewhere.
 */
import type { Node } from '../expr/ast';
import type { ActivationEntry } from './types';
import { TIER_A } from './entries/tierA';
import { COMPOSITE_ENTRIES } from './entries/composite';
import { TIER_B } from './entries/tierB';
import { TIER_C } from './entries/tierC';
import { MODIFIERS } from './entries/modifiers';
import { buildRegistryFunctions } from './functionsHook';

const ENTRIES: readonly ActivationEntry[] = [...TIER_A, ...COMPOSITE_ENTRIES, ...TIER_B, ...TIER_C, ...MODIFIERS];

/** Lower-cased id, name and aliases → entry. Built once; ids win over other entries' aliases. */
const BY_NAME = (() => {
  const map = new Map<string, ActivationEntry>();
  for (const e of ENTRIES) for (const n of [e.name, ...e.aliases]) if (!map.has(n.toLowerCase())) map.set(n.toLowerCase(), e);
  for (const e of ENTRIES) map.set(e.id.toLowerCase(), e);
  return map;
})();

export function allEntries(): ActivationEntry[] {
  return [...ENTRIES];
}

/** Case-insensitive lookup by id, display name or alias ('_' and '-' are interchangeable). */
export function getEntry(idOrAlias: string): ActivationEntry | undefined {
  const key = idOrAlias.trim().toLowerCase();
  return BY_NAME.get(key) ?? BY_NAME.get(key.replace(/_/g, '-'));
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const next = Math.min(row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = row[j];
      row[j] = next;
    }
  }
  return row[b.length];
}

/** The closest id/alias to a misspelt name, if any is reasonably close. */
export function suggestEntry(name: string): ActivationEntry | undefined {
  const key = name.trim().toLowerCase();
  let best: { entry: ActivationEntry; d: number } | undefined;
  for (const [n, entry] of BY_NAME) {
    const d = editDistance(key, n);
    if (!best || d < best.d) best = { entry, d };
  }
  return best && best.d <= Math.max(2, Math.floor(key.length / 3)) ? best.entry : undefined;
}

/** Like getEntry, but throws `Unknown activation "foo". Did you mean "golu"?` for a bad name. */
export function resolveEntry(idOrAlias: string): ActivationEntry {
  const entry = getEntry(idOrAlias);
  if (entry) return entry;
  const guess = suggestEntry(idOrAlias);
  throw new Error(`Unknown activation "${idOrAlias}".${guess ? ` Did you mean "${guess.id}"?` : ' See the list of activations (ids such as relu, gelu, swish).'}`);
}

let functions: Record<string, (args: Node[]) => Node> | undefined;

/** Registry activations callable in formulas by name ('-' → '_'), with default parameters. */
export function registryFunctions(): Record<string, (args: Node[]) => Node> {
  functions ??= buildRegistryFunctions([...ENTRIES]);
  return functions;
}

export type { ActivationEntry } from './types';
export { drawInitialParams } from './initialParams';
