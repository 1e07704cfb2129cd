/**
 * The Explorer: pick activations, see f, f′, f″ with parameter sliders, export. Holds the
 * ExplorerState (read once from the URL, written back after changes); everything numeric is
 * delegated to activationModel / sampleCurves / buildFigure.
 */
import { useCallback, useMemo, useState } from 'react';
import type { PageProps } from '../pageProps';
import { MAX_SELECTED, formatExplorerQuery, parseExplorerQuery, type CurveKind, type ExplorerState } from '../state/explorerState';
import { formatActivation, type SelectedActivation } from '../state/activationToken';
import { formatRoute } from '../state/route';
import { paramsForOptions } from '../state/registryCatalog';
import { activationCatalog } from '../formula/activationCatalog';
import { FormulaBox } from '../formula/FormulaBox';
import { PickerWithMyFormulas } from '../formula/PickerWithMyFormulas';
import { CodeExportPanel } from '../codeExport/CodeExportPanel';
import { useTheme } from '../theme/theme';
import { curveColor, curveDash } from '../plot/palette';
import { useColorSlots } from '../plot/colorSlots';
import { buildFigure, type PlotCurve } from '../plot/buildFigure';
import { PlotView } from '../plot/PlotView';
import { ExportBar } from '../export/ExportBar';
import { curvesCsv } from '../export/curvesCsv';
import { useSearchItems } from '../search/useSearchItems';
import { activationView, type ActivationView } from './activationModel';
import { ActivationCard } from './ActivationCard';
import { cachedSamples } from './sampleCache';
import { ValueTable } from './ValueTable';
import { ViewControls } from './ViewControls';
import { useDebouncedEffect } from './useDebouncedEffect';
import { useProperties } from '../properties/useProperties';
import { PropagationPanel } from '../propagation/PropagationPanel';
import { entryFor } from '../../core/custom/compileCustom';
import { Notice } from '../shell/Notice';

/** Rounds a zoomed range to a few digits below its span, so links stay readable. */
function roundRange(lo: number, hi: number): [number, number] {
  const digits = Math.max(0, 4 - Math.floor(Math.log10(hi - lo)));
  return [Number(lo.toFixed(Math.min(digits, 12))), Number(hi.toFixed(Math.min(digits, 12)))];
}

export function ExplorePage({ query, setQuery }: PageProps) {
  const theme = useTheme();
  const [{ state, problems }, setParsed] = useState(() => parseExplorerQuery(query, activationCatalog));
  const [noticeOpen, setNoticeOpen] = useState(true);
  const [graphDiv, setGraphDiv] = useState<HTMLDivElement | null>(null);

  const update = useCallback((fn: (s: ExplorerState) => ExplorerState) => setParsed((p) => ({ ...p, state: fn(p.state) })), []);
  const updateSelected = useCallback(
    (index: number, fn: (s: SelectedActivation) => SelectedActivation) =>
      update((s) => ({ ...s, selected: s.selected.map((sel, i) => (i === index ? fn(sel) : sel)) })),
    [update],
  );

  // The URL follows the state; debounced so a slider drag does not flood the history API.
  useDebouncedEffect(() => setQuery(formatExplorerQuery(state)), 150, [state, setQuery]);

  const results = useMemo(() => state.selected.map(activationView), [state.selected]);
  const views = useMemo(() => results.flatMap((r) => (r.ok ? [r.view] : [])), [results]);
  const errors = results.flatMap((r) => (r.ok ? [] : [r.error]));

  // Each activation keeps its colour while it is shown (removing one recolours nothing).
  const slots = useColorSlots(state.selected.map((s) => s.id));
  const slotKey = slots.join(',');
  const curves = useMemo(
    () =>
      views.map((view, i) => {
        const at = state.selected.indexOf(view.sel);
        const slot = slotKey.split(',').map(Number)[at >= 0 ? at : i] ?? i;
        return { view, color: curveColor(slot, theme), dash: curveDash(slot), samples: cachedSamples(tokenKey(view), view.curves, state.xMin, state.xMax) };
      }),
    [views, state.selected, state.xMin, state.xMax, theme, slotKey],
  );

  const figure = useMemo(() => {
    const plotCurves: PlotCurve[] = curves.map((c) => ({ label: c.view.label, color: c.color, dash: c.dash, samples: c.samples, isModifier: c.view.isModifier }));
    const fig = buildFigure(plotCurves, { ...state, theme });
    fig.layout.uirevision = 'explore';
    return fig;
  }, [curves, state, theme]);

  const properties = useProperties(views);
  const propagationItems = useMemo(
    () => curves.map((c, i) => ({ key: `${i}-${tokenKey(c.view)}`, sel: c.view.sel, label: c.view.label, color: c.color })),
    [curves],
  );

  const onParam = useCallback(
    (index: number, name: string, value: number) =>
      updateSelected(index, (sel) => {
        const entry = entryFor(sel.id);
        const spec = entry ? paramsForOptions(entry, sel.options).find((p) => p.name === name) : undefined;
        const params = { ...sel.params };
        if (spec && value === spec.default) delete params[name];
        else params[name] = value;
        return { ...sel, params };
      }),
    [updateSelected],
  );
  const onOption = useCallback(
    (index: number, name: string, value: string) =>
      updateSelected(index, (sel) => {
        const entry = entryFor(sel.id);
        const spec = entry?.options?.find((o) => o.name === name);
        const options = { ...sel.options };
        if (spec && value === spec.default) delete options[name];
        else options[name] = value;
        // Keep only parameter values that still exist under the new option.
        const names = new Set(entry ? paramsForOptions(entry, options).map((p) => p.name) : []);
        const params = Object.fromEntries(Object.entries(sel.params).filter(([k]) => names.has(k)));
        return { ...sel, options, params };
      }),
    [updateSelected],
  );
  const onPreset = useCallback(
    (index: number, preset: Record<string, number>) =>
      updateSelected(index, (sel) => {
        const entry = entryFor(sel.id);
        const specs = entry ? paramsForOptions(entry, sel.options) : [];
        const params: Record<string, number> = {};
        for (const p of specs) {
          const v = preset[p.name] ?? sel.params[p.name];
          if (v !== undefined && v !== p.default) params[p.name] = v;
        }
        return { ...sel, params };
      }),
    [updateSelected],
  );
  const onRemove = useCallback((index: number) => update((s) => ({ ...s, selected: s.selected.filter((_, i) => i !== index) })), [update]);
  const onAdd = useCallback(
    (id: string) =>
      update((s) => (s.selected.length >= MAX_SELECTED ? s : { ...s, selected: [...s.selected, { id, params: {}, options: {} }] })),
    [update],
  );

  const onPlotCustom = useCallback(
    (id: string, replaceId?: string) =>
      update((s) => {
        const at = replaceId === undefined ? -1 : s.selected.findIndex((sel) => sel.id === replaceId);
        if (at >= 0) return { ...s, selected: s.selected.map((sel, i) => (i === at ? { id, params: {}, options: {} } : sel)) };
        return s.selected.length >= MAX_SELECTED ? s : { ...s, selected: [...s.selected, { id, params: {}, options: {} }] };
      }),
    [update],
  );

  const onRelayout = useCallback(
    (lo: number, hi: number) => {
      const [a, b] = roundRange(lo, hi);
      if (a < b) update((s) => (s.xMin === a && s.xMax === b ? s : { ...s, xMin: a, xMax: b }));
    },
    [update],
  );

  const { items, pending } = useSearchItems();
  // Keyed on the ids, so a parameter change does not re-render the search results.
  const idList = state.selected.map((s) => s.id).join('\n');
  const selectedIds = useMemo(() => new Set(idList === '' ? [] : idList.split('\n')), [idList]);

  const csv = useCallback(() => curvesCsv(curves.map((c) => ({ label: tokenKey(c.view), samples: c.samples }))), [curves]);
  const link = useCallback(
    () => `${location.origin}${location.pathname}${formatRoute({ page: 'explore', query: formatExplorerQuery(state) })}`,
    [state],
  );

  const names = views.map((v) => v.label).join(', ');
  const kinds = (['f', 'df', 'd2f'] as CurveKind[]).filter((k) => state.show[k]).map((k) => ({ f: 'f', df: 'f′', d2f: 'f″' })[k]);

  return (
    <div className="explore">
      {problems.length > 0 && noticeOpen && (
        <Notice tone="warning" role="alert" testId="url-notice" onDismiss={() => setNoticeOpen(false)} dismissLabel="Dismiss this notice">
          <div>
            <strong>Parts of this link could not be used</strong>; the rest of the view is as linked.
            <ul>
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </div>
        </Notice>
      )}
      {errors.length > 0 && (
        <Notice tone="error">
          {errors.map((e) => (
            <p key={e}>{e}</p>
          ))}
        </Notice>
      )}
      {/* The plot comes first and stays in view (sticky) while the controls beside or below it scroll. */}
      <div className="explore-grid">
        <section className="plot-area" aria-label="Plot">
          {views.length === 0 && <p className="empty">No activation selected: search below and add one.</p>}
          <PlotView
            figure={figure}
            onGraphDiv={setGraphDiv}
            onXRange={onRelayout}
            fastUpdates
            ariaLabel={`Plot of ${kinds.join(', ')} for ${names || 'no activation'} on x from ${state.xMin} to ${state.xMax}. The table of values is with the view controls.`}
          />
        </section>
        <div className="explore-controls">
          <aside className="sidebar" aria-label="Explorer controls">
            <PickerWithMyFormulas items={items} factsPending={pending} selectedIds={selectedIds} canAdd={state.selected.length < MAX_SELECTED} onAdd={onAdd} />
            <ViewControls
              state={state}
              onRange={(xMin, xMax) => update((s) => ({ ...s, xMin, xMax }))}
              onShow={(kind, on) => update((s) => ({ ...s, show: { ...s.show, [kind]: on } }))}
              onLayout={(layout) => update((s) => ({ ...s, layout }))}
              onMarks={(marks) => update((s) => ({ ...s, marks }))}
            />
            <ValueTable
              rows={views.map((v, i) => ({ key: `${i}-${tokenKey(v)}`, label: v.label, curves: v.curves }))}
              show={state.show}
              added={state.tableX}
              onAdded={(tableX) => update((s) => ({ ...s, tableX }))}
            />
          </aside>
          <section className="cards" aria-label="Selected activations">
            {curves.map((c) => {
              const index = state.selected.indexOf(c.view.sel);
              return (
                <ActivationCard
                  key={`${index}-${c.view.sel.id}`}
                  index={index}
                  view={c.view}
                  color={c.color}
                  properties={properties.get(c.view) ?? null}
                  surrogateGap={c.samples.surrogateGap}
                  marks={state.marks ? { vanishing: c.samples.vanishing, exploding: c.samples.exploding } : null}
                  onParam={onParam}
                  onOption={onOption}
                  onPreset={onPreset}
                  onRemove={onRemove}
                />
              );
            })}
          </section>
          <FormulaBox xMin={state.xMin} xMax={state.xMax} selectedIds={selectedIds} canAdd={state.selected.length < MAX_SELECTED} onPlot={onPlotCustom} />
          <ExportBar graphDiv={graphDiv} csv={csv} link={link} />
          <CodeExportPanel items={views.map((v, i) => ({ key: `${i}-${tokenKey(v)}`, label: v.label, compiled: v.compiled, values: v.values }))} />
        </div>
      </div>
      {/* Full width below the grid: its table and plots need the room, and the sticky plot (which
          stays within the grid) never covers it. */}
      <PropagationPanel items={propagationItems} settings={state.propagation} onSettings={(propagation) => update((s) => ({ ...s, propagation }))} />
    </div>
  );
}

/** The activation's URL token doubles as its cache key and CSV column prefix. */
function tokenKey(view: ActivationView): string {
  return formatActivation(view.sel);
}
