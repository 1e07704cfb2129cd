/** Search items for the whole registry. Computed smooth/monotonic tags are filled in after first paint. */
import { useEffect, useState } from 'react';
import { allEntries } from '../../core/registry/index';
import { searchItem, type SearchItem } from './activationSearch';
import { shapeFactsInIdleTime } from './shapeFacts';

export function useSearchItems(): { items: SearchItem[]; pending: boolean } {
  const [items, setItems] = useState<SearchItem[]>(() => allEntries().map((e) => searchItem(e)));
  const [pending, setPending] = useState(true);

  useEffect(() => {
    const entries = allEntries();
    return shapeFactsInIdleTime(entries, (facts) => {
      setItems(entries.map((e) => searchItem(e, facts.get(e.id))));
      setPending(false);
    });
  }, []);

  return { items, pending };
}
