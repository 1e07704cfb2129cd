/** Search items for the whole registry; computed smooth/monotonic tags arrive from the worker. */
import { useEffect, useMemo, useReducer } from 'react';
import { allEntries } from '../../core/registry/index';
import { currentFacts, watchFacts } from '../properties/propertiesClient';
import { searchItem, type SearchItem } from './activationSearch';

export function useSearchItems(): { items: SearchItem[]; pending: boolean } {
  const [, bump] = useReducer((n: number) => n + 1, 0);
  useEffect(() => watchFacts(bump), []);
  const { facts, done } = currentFacts();
  // `facts` is a new map once the sweep has finished.
  const items = useMemo(() => allEntries().map((e) => searchItem(e, facts.get(e.id))), [facts]);
  return { items, pending: !done };
}
