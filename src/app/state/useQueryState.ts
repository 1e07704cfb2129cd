/**
 * A page's settings held as one value mirrored into its URL query: parsed once from the opening
 * link (the problems found are kept for the page's notice), and every update writes the query.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';

export interface QueryState<S, P extends { state: S; problems: string[] }> {
  /** The parse of the opening link (pages read extra fields from it, e.g. Compare's autorun). */
  initial: P;
  state: S;
  /** Merges `patch`, applies `normalize`, and writes the query. */
  update(patch: Partial<S>): void;
  problems: string[];
  dismissProblems(): void;
}

function unchanged<S>(s: S): S {
  return s;
}

/** Pass module-level `parse`, `format` and `normalize` so `update` keeps its identity. */
export function useQueryState<S extends object, P extends { state: S; problems: string[] }>(
  query: string,
  setQuery: (query: string) => void,
  parse: (query: string) => P,
  format: (state: S) => string,
  normalize: (state: S) => S = unchanged,
): QueryState<S, P> {
  // Only the opening link is parsed: later query changes are this page's own writes.
  const initial = useMemo(() => parse(query), []); // eslint-disable-line react-hooks/exhaustive-deps
  const [state, setState] = useState<S>(initial.state);
  const [problems, setProblems] = useState<string[]>(initial.problems);
  const update = useCallback(
    (patch: Partial<S>) => {
      setState((s) => {
        const next = normalize({ ...s, ...patch });
        setQuery(format(next));
        return next;
      });
    },
    [setQuery, format, normalize],
  );
  // The URL shows the whole state from the start (a bare `#/train` would not say what is shown).
  useEffect(() => setQuery(format(initial.state)), []); // eslint-disable-line react-hooks/exhaustive-deps
  const dismissProblems = useCallback(() => setProblems([]), []);
  return { initial, state, update, problems, dismissProblems };
}
