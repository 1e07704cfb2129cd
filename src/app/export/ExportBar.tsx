/** PNG / SVG of the plot, CSV of the sampled curves, and a copyable link to this exact view. */
import { useState } from 'react';
import { loadPlotly } from '../plot/loadPlotly';
import { downloadText } from './download';

export interface ExportBarProps {
  graphDiv: HTMLDivElement | null;
  /** Built on demand: the CSV text of the current curves. */
  csv(): string;
  /** The full URL of the current view. */
  link(): string;
}

const FILE_STEM = 'activations';

export function ExportBar({ graphDiv, csv, link }: ExportBarProps) {
  const [status, setStatus] = useState('');
  const [fallbackLink, setFallbackLink] = useState<string | null>(null);

  const image = async (format: 'png' | 'svg') => {
    if (!graphDiv) return;
    try {
      const plotly = await loadPlotly();
      const { width, height } = graphDiv.getBoundingClientRect();
      await plotly.downloadImage(graphDiv, { format, filename: FILE_STEM, width: Math.round(width), height: Math.round(height) });
      setStatus(`Saved ${FILE_STEM}.${format}`);
    } catch (e) {
      setStatus(`Could not export the image: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  const copyLink = async () => {
    const url = link();
    try {
      await navigator.clipboard.writeText(url);
      setFallbackLink(null);
      setStatus('Link copied to the clipboard');
    } catch {
      // No clipboard permission (or an insecure context): show the link to copy by hand.
      setFallbackLink(url);
      setStatus('Copy the link below');
    }
  };

  return (
    <fieldset className="panel export-bar">
      <legend>Export</legend>
      <div className="button-row">
        <button type="button" onClick={() => void image('png')} disabled={!graphDiv} data-testid="export-png">PNG</button>
        <button type="button" onClick={() => void image('svg')} disabled={!graphDiv} data-testid="export-svg">SVG</button>
        <button
          type="button"
          data-testid="export-csv"
          onClick={() => {
            downloadText(`${FILE_STEM}.csv`, csv(), 'text/csv');
            setStatus(`Saved ${FILE_STEM}.csv`);
          }}
        >
          CSV
        </button>
        <button type="button" onClick={() => void copyLink()} data-testid="copy-link">Copy link</button>
      </div>
      <p className="status" role="status" aria-live="polite">{status}</p>
      {fallbackLink && (
        <input className="link-box" readOnly value={fallbackLink} aria-label="Link to this view" onFocus={(e) => e.currentTarget.select()} />
      )}
    </fieldset>
  );
}
