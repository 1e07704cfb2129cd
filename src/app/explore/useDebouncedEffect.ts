import { useEffect, type DependencyList } from 'react';

/** Runs `effect` once the dependencies have stopped changing for `ms` milliseconds. */
export function useDebouncedEffect(effect: () => void, ms: number, deps: DependencyList): void {
  useEffect(() => {
    const id = setTimeout(effect, ms);
    return () => clearTimeout(id);
    // The caller's deps decide when to re-arm; `effect` is a fresh closure each render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, ms]);
}
