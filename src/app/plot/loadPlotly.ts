/**
 * Plotly (basic partial bundle: scatter only, ~390 kB gzipped) is loaded on first use so the
 * shell and controls appear before it arrives.
 */
import type * as PlotlyTypes from 'plotly.js';

export type PlotlyApi = typeof PlotlyTypes;

let loading: Promise<PlotlyApi> | null = null;

export function loadPlotly(): Promise<PlotlyApi> {
  loading ??= import('plotly.js-basic-dist-min').then((m) => ((m as { default?: PlotlyApi }).default ?? m) as PlotlyApi);
  return loading;
}
