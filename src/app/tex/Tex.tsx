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

export function Tex({ tex: latestTex, display = false, label }: { tex: string; display?: boolean; label?: string }) {
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
    () => katex?.renderToString(tex, { displayMode: display, throwOnError: false, output: 'htmlAndMathml' }),
    [katex, tex, display],
  );
  if (html === undefined) return <code className="tex-source">{tex}</code>;
  // A label names the whole formula (role img; an aria-label on a plain span is not announced).
  return <span className={display ? 'tex tex-display' : 'tex'} role={label ? 'img' : undefined} aria-label={label} dangerouslySetInnerHTML={{ __html: html }} />;
}
