/**
 * Draws a Figure with Plotly. Updates are coalesced to one Plotly.react per animation frame, so
 * dragging a slider never queues more redraws than the screen can show. After each redraw the
 * container gets an `ap-plotted` event (used by the browser tests and the drag benchmark).
 */
import { useEffect, useRef, useState } from 'react';
import type { Config, Data } from 'plotly.js';
import type { Figure } from './buildFigure';
import { changedTraces, restyleUpdate } from './figureDiff';
import { loadPlotly, type PlotlyApi } from './loadPlotly';
import { redrawLines } from './fastRedraw';

export interface PlotViewProps {
  figure: Figure;
  /** Receives the Plotly graph div once drawn (for image export), null when unmounted. */
  onGraphDiv?: (div: HTMLDivElement | null) => void;
  /** The person zoomed or panned the x axis to [lo, hi]. */
  onXRange?: (lo: number, hi: number) => void;
  ariaLabel: string;
  /**
   * Changes of trace values only are first drawn straight into the SVG (axes kept), and given
   * to Plotly once they pause for SETTLE_MS (see ./fastRedraw.ts): for slider drags.
   */
  fastUpdates?: boolean;
}

/** A pause this long after the last fast redraw hands the figure to Plotly. */
const SETTLE_MS = 180;

interface PlotlyEvents {
  on(event: 'plotly_relayout', cb: (e: Record<string, unknown>) => void): void;
}

// No "Share chart" / Chart Studio buttons: they upload the data to Plotly's cloud.
const CONFIG: Partial<Config> = {
  responsive: true,
  displaylogo: false,
  scrollZoom: true,
  showSendToCloud: false,
  showEditInChartStudio: false,
  showLink: false,
  modeBarButtonsToRemove: ['lasso2d', 'select2d', 'sendDataToCloud'],
};

/**
 * The toolbar's buttons are mouse shortcuts (zoom, pan, reset, image): every action has a
 * keyboard-reachable control on the page, so they stay out of the Tab order (8 per chart otherwise).
 */
function untabToolbar(div: HTMLElement): void {
  for (const b of div.querySelectorAll('.modebar-btn')) b.setAttribute('tabindex', '-1');
}

export function PlotView({ figure, onGraphDiv, onXRange, ariaLabel, fastUpdates = false }: PlotViewProps) {
  const divRef = useRef<HTMLDivElement>(null);
  const latest = useRef(figure);
  const frame = useRef<number | null>(null);
  const drawing = useRef(false);
  const dirty = useRef(false);
  const listening = useRef(false);
  /** The figure Plotly holds, to send only changed traces on the next update. */
  const drawn = useRef<Figure | null>(null);
  /** Pending hand-over to Plotly after fast redraws; `settled` forces a Plotly update. */
  const settleTimer = useRef<number | null>(null);
  const settled = useRef(false);
  const fastRef = useRef(fastUpdates);
  useEffect(() => {
    fastRef.current = fastUpdates;
  }, [fastUpdates]);
  const [plotly, setPlotly] = useState<PlotlyApi | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  // Zoom/pan on x is reported so the curves are re-sampled on the new range (2,001 points there).
  const onXRangeRef = useRef(onXRange);
  useEffect(() => {
    onXRangeRef.current = onXRange;
  }, [onXRange]);

  useEffect(() => {
    let live = true;
    loadPlotly().then(
      (p) => live && setPlotly(p),
      (e: unknown) => live && setLoadError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    latest.current = figure;
    if (!plotly || !divRef.current) return;
    const div = divRef.current;
    // A redraw still running finishes first; the newest figure is drawn right after it.
    const draw = async () => {
      frame.current = null;
      if (drawing.current) {
        dirty.current = true;
        return;
      }
      drawing.current = true;
      try {
        do {
          dirty.current = false;
          const fig = latest.current;
          const t0 = performance.now();
          const changed = drawn.current ? changedTraces(drawn.current, fig) : null;
          const force = settled.current;
          settled.current = false;
          if (settleTimer.current !== null) clearTimeout(settleTimer.current);
          settleTimer.current = null;
          if (changed !== null && changed.length > 0 && fastRef.current && !force && redrawLines(div, fig, changed)) {
            settleTimer.current = window.setTimeout(() => {
              settleTimer.current = null;
              settled.current = true;
              if (frame.current === null) frame.current = requestAnimationFrame(() => void draw());
            }, SETTLE_MS);
            performance.measure('ap-plot-update', { start: t0, end: performance.now(), detail: 'fast' });
            div.dispatchEvent(new CustomEvent('ap-plotted', { detail: { fast: true } }));
            continue;
          }
          // Copies: Plotly writes into what it is given (uids, autoranged axis ranges), and the
          // figure kept in `drawn` must stay as built to compare with the next one.
          if (changed === null) await plotly.react(div, fig.data.map((t) => ({ ...t })), structuredClone(fig.layout), CONFIG);
          else if (changed.length > 0) await plotly.restyle(div, restyleUpdate(fig, changed) as Data, changed);
          drawn.current = fig;
          untabToolbar(div);
          // Visible in the browser's performance timeline (and read by the drag benchmark).
          performance.measure('ap-plot-update', { start: t0, end: performance.now() });
          // Plotly adds `.on` to the div on the first draw; listen from then on.
          if (!listening.current) {
            listening.current = true;
            (div as unknown as PlotlyEvents).on('plotly_relayout', (e) => {
              untabToolbar(div);
              const range = e['xaxis.range'] as [number, number] | undefined;
              const lo = Number(range ? range[0] : e['xaxis.range[0]']);
              const hi = Number(range ? range[1] : e['xaxis.range[1]']);
              if (Number.isFinite(lo) && Number.isFinite(hi) && lo < hi) onXRangeRef.current?.(lo, hi);
            });
          }
          div.dispatchEvent(new CustomEvent('ap-plotted'));
        } while (dirty.current);
      } finally {
        drawing.current = false;
      }
    };
    if (frame.current === null) frame.current = requestAnimationFrame(() => void draw());
  }, [figure, plotly]);

  useEffect(() => {
    if (!plotly) return;
    const div = divRef.current;
    onGraphDiv?.(div);
    return () => {
      if (frame.current !== null) cancelAnimationFrame(frame.current);
      frame.current = null;
      if (settleTimer.current !== null) clearTimeout(settleTimer.current);
      settleTimer.current = null;
      onGraphDiv?.(null);
      if (div) plotly.purge(div);
      listening.current = false;
      drawn.current = null;
    };
  }, [plotly, onGraphDiv]);

  return (
    <div className="plot-wrap">
      {loadError && (
        <div className="notice notice-error" role="alert">
          The plotting library could not be loaded: {loadError}
        </div>
      )}
      {!plotly && !loadError && <p className="loading">Loading plot…</p>}
      {/* A figure, not an img: Plotly puts its toolbar buttons inside, and an img's content is presentational. */}
      <div ref={divRef} className="plot" role="figure" aria-label={ariaLabel} />
    </div>
  );
}
