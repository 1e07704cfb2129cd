/**
 * What the shell remembers about its pages while the app is open: which page is shown, the last
 * query each visited page wrote, and a version per page that changes only when the page must be
 * rebuilt from a URL (Back/Forward or an edited link to a state other than the one it holds).
 * Visited pages stay mounted while hidden, so a tab switch loses nothing: not the settings, not
 * a finished or running training. Pure, so the decisions are unit-tested.
 */
import type { Route } from '../state/route';

export interface TabMemory {
  /** The page shown. */
  active: string;
  /** The last query of every page visited so far (mounted, possibly hidden). */
  queries: ReadonlyMap<string, string>;
  /** Bumped when a page is rebuilt from a URL; pages are keyed on it. */
  versions: ReadonlyMap<string, number>;
  /** The query each page was (re)built from: what it parses when it mounts. */
  opened: ReadonlyMap<string, string>;
}

export function initialMemory(page: string, query: string): TabMemory {
  return { active: page, queries: new Map([[page, query]]), versions: new Map([[page, 0]]), opened: new Map([[page, query]]) };
}

/** Where a click on `page`'s tab goes: back to that page as it was left. */
export function tabRoute(memory: TabMemory, page: string): Route {
  return { page, query: memory.queries.get(page) ?? '' };
}

/** A page wrote its query (shown or not): remember it. */
export function rememberQuery(memory: TabMemory, page: string, query: string): TabMemory {
  if (memory.queries.get(page) === query) return memory;
  return { ...memory, queries: new Map(memory.queries).set(page, query) };
}

export interface ShowOutcome {
  memory: TabMemory;
  /** The visited page whose present state the route replaces (its guard is asked first), or null. */
  rebuilds: string | null;
}

/**
 * Shows `page` with `query`. A page not visited yet is mounted with it; a visited page keeps its
 * state when the query is the one it holds, and is rebuilt from the query otherwise.
 */
export function showRoute(memory: TabMemory, page: string, query: string): ShowOutcome {
  const held = memory.queries.get(page);
  if (held === query) return { memory: memory.active === page ? memory : { ...memory, active: page }, rebuilds: null };
  const queries = new Map(memory.queries).set(page, query);
  const opened = new Map(memory.opened).set(page, query);
  const versions = new Map(memory.versions).set(page, held === undefined ? 0 : (memory.versions.get(page) ?? 0) + 1);
  return { memory: { active: page, queries, versions, opened }, rebuilds: held === undefined ? null : page };
}

/** Pages in `order` that have been visited (the ones to keep mounted). */
export function visitedPages(memory: TabMemory, order: readonly string[]): string[] {
  return order.filter((id) => memory.queries.has(id));
}

/**
 * Writes within this long of the previous one replace the history entry (a slider drag, typing);
 * the first change after a pause adds an entry, so Back steps between settled states.
 */
export const SETTLE_MS = 1000;

/** 'push' when the page's state settled since its last write, else 'replace'. */
export function historyMode(lastWriteAt: number | null, now: number): 'push' | 'replace' {
  return lastWriteAt !== null && now - lastWriteAt >= SETTLE_MS ? 'push' : 'replace';
}
