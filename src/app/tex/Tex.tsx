/**
 * Renders TeX with KaTeX, loaded on first use (with its stylesheet) to keep the first page
 * load small. Until KaTeX arrives, and if the TeX does not parse, the TeX source is shown.
 */
import { useDeferredValue, useEffect, useMemo, useState } from 'react';

type KatexApi = typeof import('katex');

let loading: Promise<KatexApi> | null = null;

function loadKatex(): Promise<KatexApi> {
  loading ??= Promise.all([import('katex'), import('katex/dist/katex.min.css')]).then(
    ([m]) => ((m as unknown as { default?: KatexApi }).default ?? m) as KatexApi,
  );
  return loading;
}

export interface TexProps {
  tex: string;
  /**
   * Display style. `'wrap'`: display-sized, but typeset as inline math so a long formula breaks
   * after a top-level + or − and fits its box (KaTeX never breaks display math).
   */
  display?: boolean | 'wrap';
  label?: string;
}

export function Tex({ tex: latestTex, display = false, label }: TexProps) {
  const [katex, setKatex] = useState<KatexApi | null>(null);
  // Typesetting waits while a slider is dragged (a deferred value), so the curve redraws first.
  const tex = useDeferredValue(latestTex);

  useEffect(() => {
    let live = true;
    void loadKatex().then((k) => live && setKatex(k));
    return () => {
      live = false;
    };
  }, []);

  // KaTeX output includes MathML, which screen readers read; throwOnError=false shows bad TeX in red.
  const html = useMemo(
    () =>
      katex?.renderToString(display === 'wrap' ? `\\displaystyle ${tex}` : tex, { displayMode: display === true, throwOnError: false, output: 'htmlAndMathml' }),
    [katex, tex, display],
  );
  if (html === undefined) return <code className="tex-source">{tex}</code>;
  // A label names the whole formula (role img; an aria-label on a plain span is not announced).
  const className = display === 'wrap' ? 'tex tex-display tex-wrap' : display ? 'tex tex-display' : 'tex';
  return <span className={className} role={label ? 'img' : undefined} aria-label={label} dangerouslySetInnerHTML={{ __html: html }} />;
}
