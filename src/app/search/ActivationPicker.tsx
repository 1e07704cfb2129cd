/** Search the registry and add activations to the plot. Enter in the box adds the best match. */
import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { COMPUTED_TAGS, searchActivations, type SearchItem } from './activationSearch';

export interface ActivationPickerProps {
  items: SearchItem[];
  /** Computed smooth/monotonic tags are still being worked out. */
  factsPending: boolean;
  selectedIds: ReadonlySet<string>;
  canAdd: boolean;
  /** Why nothing can be added right now, in words; the default is the full-plot message. */
  cannotAddReason?: string;
  onAdd(id: string): void;
  /** The panel's title; default "Add activations". */
  legend?: string;
  /** What a result button does, for screen readers; default "Add" (the Trainer: "Use"). */
  actionLabel?: string;
}

const SHOWN_RESULTS = 60;

export function ActivationPicker({ items, factsPending, selectedIds, canAdd, cannotAddReason, onAdd, legend = 'Add activations', actionLabel = 'Add' }: ActivationPickerProps) {
  const id = useId();
  const [query, setQuery] = useState('');
  const [tags, setTags] = useState<string[]>([]);
  const results = useMemo(() => searchActivations(items, query, tags), [items, query, tags]);

  // The result list is one Tab stop: arrow keys, Home and End move within it (roving tabindex).
  const [current, setCurrent] = useState(0);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const shown = results.slice(0, SHOWN_RESULTS);
  const focusIndex = Math.min(current, Math.max(0, shown.length - 1));
  const onResultKey = (e: KeyboardEvent<HTMLButtonElement>, i: number) => {
    const last = shown.length - 1;
    const to = e.key === 'ArrowDown' ? Math.min(last, i + 1) : e.key === 'ArrowUp' ? Math.max(0, i - 1) : e.key === 'Home' ? 0 : e.key === 'End' ? last : null;
    if (to === null) return;
    e.preventDefault();
    setCurrent(to);
    buttons.current[to]?.focus();
  };

  const toggleTag = (t: string) => setTags((cur) => (cur.includes(t) ? cur.filter((x) => x !== t) : [...cur, t]));

  return (
    <fieldset className="panel picker" data-facts-pending={factsPending}>
      <legend>{legend}</legend>
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
        {!canAdd ? ` — ${cannotAddReason ?? 'the plot is full; remove one to add another'}` : ''}
      </p>
      <ul id={`${id}-results`} className="results" aria-label="Matching activations (arrow keys move through the list)">
        {shown.map((item, i) => (
          <li key={item.id}>
            <button
              type="button"
              data-add={item.id}
              disabled={!canAdd}
              tabIndex={i === focusIndex ? 0 : -1}
              ref={(el) => {
                buttons.current[i] = el;
              }}
              onFocus={() => setCurrent(i)}
              onKeyDown={(e) => onResultKey(e, i)}
              onClick={() => onAdd(item.id)}
            >
              <span className="result-name">
                <span aria-hidden="true">{selectedIds.has(item.id) ? '✓ ' : '+ '}</span>
                <span className="sr-only">{actionLabel} </span>
                {item.name}
                {selectedIds.has(item.id) && <span className="sr-only">{actionLabel === 'Add' ? ' (already shown; adds another copy)' : ' (in use)'}</span>}
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
