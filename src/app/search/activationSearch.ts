/**
 * Search over the registry by name, alias, id, family and tags. Tags are the entry's own plus
 * computed ones: learnable, gated, from-2024+ (newest source year), reconstruction, the tier, and
 * — when the function's computed properties are known — smooth and monotonic.
 */
import type { ActivationEntry } from '../../core/registry/types';

export interface SearchItem {
  id: string;
  name: string;
  aliases: string[];
  family: string;
  tier: ActivationEntry['tier'];
  /** Registry tags plus computed tags, lower case. */
  tags: string[];
  /** Newest source year, for display. */
  year?: number;
}

/** Filters offered as one-click chips. */
export const COMPUTED_TAGS = ['smooth', 'monotonic', 'learnable', 'gated', 'from-2024+'] as const;

const TIER_TAG: Record<ActivationEntry['tier'], string> = { A: 'pointwise', B: 'learnable-family', C: 'gated', modifier: 'modifier' };

export interface ShapeFacts {
  smooth: boolean;
  monotonic: boolean;
}

export function searchItem(entry: ActivationEntry, facts?: ShapeFacts): SearchItem {
  const years = entry.sources.map((s) => s.year).filter((y) => Number.isFinite(y));
  const year = years.length ? Math.max(...years) : undefined;
  const tags = new Set(entry.tags.map((t) => t.toLowerCase()));
  tags.add(TIER_TAG[entry.tier]);
  if (entry.tier === 'B' || entry.params.some((p) => p.learnable === 'yes')) tags.add('learnable');
  if (entry.tier === 'C' || entry.family.toLowerCase().includes('gated') || tags.has('gated')) tags.add('gated');
  if (year !== undefined && year >= 2024) tags.add('from-2024+');
  if (entry.status === 'reconstruction') tags.add('reconstruction');
  if (facts?.smooth) tags.add('smooth');
  if (facts?.monotonic) tags.add('monotonic');
  return { id: entry.id, name: entry.name, aliases: entry.aliases, family: entry.family, tier: entry.tier, tags: [...tags], year };
}

/** Lower rank = better: exact name/alias/id, then prefix, then substring, then family/tag. */
function tokenRank(item: SearchItem, token: string): number {
  const names = [item.id, item.name, ...item.aliases].map((n) => n.toLowerCase());
  if (names.includes(token)) return 0;
  if (names.some((n) => n.startsWith(token))) return 1;
  if (names.some((n) => n.includes(token))) return 2;
  if (item.family.toLowerCase().includes(token)) return 3;
  if (item.tags.some((t) => t === token)) return 3;
  if (item.tags.some((t) => t.includes(token))) return 4;
  return Infinity;
}

/**
 * Items matching every whitespace-separated token of `query` and carrying every tag in
 * `requiredTags`, best first (registry order breaks ties).
 */
export function searchActivations(items: SearchItem[], query: string, requiredTags: readonly string[] = []): SearchItem[] {
  const tokens = query.toLowerCase().split(/\s+/).filter(Boolean);
  const scored: { item: SearchItem; rank: number; order: number }[] = [];
  items.forEach((item, order) => {
    if (!requiredTags.every((t) => item.tags.includes(t))) return;
    let rank = 0;
    for (const token of tokens) {
      const r = tokenRank(item, token);
      if (r === Infinity) return;
      rank += r;
    }
    scored.push({ item, rank, order });
  });
  scored.sort((a, b) => a.rank - b.rank || a.order - b.order);
  return scored.map((s) => s.item);
}
