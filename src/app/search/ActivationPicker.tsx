/** Search the registry and add activations to the plot. Enter in the box adds the best match. */
import { useId, useMemo, useState } from 'react';
import { COMPUTED_TAGS, searchActivations, type SearchItem } from './activationSearch';

export interface ActivationPickerProps {
  items: SearchItem[];
  /** Computed smooth/monotonic tags are still being worked out. */
  factsPending: boolean;
  selectedIds: ReadonlySet<string>;
  canAdd: boolean;
  onAdd(id: string): void;
}

const SHOWN_RESULTS = 60;

export function ActivationPicker({ items, factsPending, selectedIds, canAdd, onAdd }: ActivationPickerProps) {
  const id = useId();
  const [query, setQuery] = useState('');
  const [tags, setTags] = useState<string[]>([]);
  const results = useMemo(() => searchActivations(items, query, tags), [items, query, tags]);

  const toggleTag = (t: string) => setTags((cur) => (cur.includes(t) ? cur.filter((x) => x !== t) : [...cur, t]));

  return (
    <fieldset className="panel picker" data-facts-pending={factsPending}>
      <legend>Add activations</legend>
      <input
        type="search"
        data-testid="activation-search"
        aria-label="Search activations by name, alias, family or tag"
        aria-controls={`${id}-results`}
        placeholder="Search: name, alias, family, tag…"
        value={query}
        onChange={(e) => setQuery(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && results.length > 0 && canAdd) {
            e.preventDefault();
            onAdd(results[0].id);
          }
        }}
      />
      <div className="chips" role="group" aria-label="Only show activations that are">
        {COMPUTED_TAGS.map((t) => (
          <button key={t} type="button" className="chip" aria-pressed={tags.includes(t)} onClick={() => toggleTag(t)}>
            {t}
          </button>
        ))}
      </div>
      <p className="status" aria-live="polite">
        {results.length} match{results.length === 1 ? '' : 'es'}
        {factsPending && (tags.includes('smooth') || tags.includes('monotonic')) ? ' (still checking smoothness and monotonicity…)' : ''}
        {!canAdd ? ' — the plot is full; remove one to add another' : ''}
      </p>
      <ul id={`${id}-results`} className="results" aria-label="Matching activations">
        {results.slice(0, SHOWN_RESULTS).map((item) => (
          <li key={item.id}>
            <button
              type="button"
              data-add={item.id}
              disabled={!canAdd}
              onClick={() => onAdd(item.id)}
              aria-label={`Add ${item.name}${selectedIds.has(item.id) ? ' (already shown; adds another copy)' : ''}`}
            >
              <span className="result-name">
                {selectedIds.has(item.id) ? '✓ ' : '+ '}
                {item.name}
              </span>
              <span className="result-meta">
                {item.id} · {item.family}
                {item.year ? ` · ${item.year}` : ''}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {results.length > SHOWN_RESULTS && <p className="status">Showing {SHOWN_RESULTS}; type to narrow down.</p>}
    </fieldset>
  );
}
