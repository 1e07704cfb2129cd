/**
 * Pages say what leaving them would throw away, and the shell asks before doing it.
 *
 * A page registers a guard with `useLeaveGuard(() => message | null)`: the message names what
 * would be lost right now (e.g. "The comparison still running (3 of 6 runs done) will be
 * stopped."), null when nothing would be. The shell calls the guards of the pages it is about to
 * rebuild or unload: Back/Forward or an edited link that replaces the state a page holds, and
 * closing or reloading the tab (the browser's own prompt). Switching tabs discards nothing
 * (hidden pages stay mounted and keep running), so it asks nothing.
 *
 * A page asks before its own discarding actions (Reset, a backend or activation change while a
 * run is going) with `confirmDiscard(message)`, so every such question looks and reads the same.
 */
import { createContext, useContext, useEffect, useRef } from 'react';

/** What leaving would discard, in words, or null when nothing would be lost. */
export type LeaveGuard = () => string | null;

export interface LeaveGuardRegistry {
  /** Sets (or with null clears) the guard of page `page`. */
  set(page: string, guard: LeaveGuard | null): void;
}

export const LeaveGuardContext = createContext<{ page: string; registry: LeaveGuardRegistry } | null>(null);

/**
 * Registers `guard` for the calling page for as long as it is mounted. The latest function is
 * always the one asked, so it may read the page's current state without being memoised.
 */
export function useLeaveGuard(guard: LeaveGuard): void {
  const ctx = useContext(LeaveGuardContext);
  const latest = useRef(guard);
  useEffect(() => {
    latest.current = guard;
  });
  useEffect(() => {
    if (!ctx) return;
    ctx.registry.set(ctx.page, () => latest.current());
    return () => ctx.registry.set(ctx.page, null);
  }, [ctx]);
}

/** Asks the person whether to go ahead; true when they agree (or nothing would be lost). */
export function confirmDiscard(message: string | null): boolean {
  if (message === null) return true;
  return window.confirm(`${message}\n\nContinue?`);
}

/** A registry over a Map, with the query the shell needs: what leaving these pages discards. */
export function createGuardRegistry(): LeaveGuardRegistry & { messages(pages: readonly string[]): string[] } {
  const guards = new Map<string, LeaveGuard>();
  return {
    set(page, guard) {
      if (guard) guards.set(page, guard);
      else guards.delete(page);
    },
    messages(pages) {
      return pages.flatMap((p) => {
        const m = guards.get(p)?.();
        return m ? [m] : [];
      });
    },
  };
}
