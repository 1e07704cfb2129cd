/**
 * Code export for the activations on screen (built-in or typed): tabs PyTorch / JAX / Keras with
 * the generated Python module, a Copy button and a .py Download. The code comes from the same
 * expression trees the playground plots and trains with (src/core/codegen).
 */
import { useId, useMemo, useState, useDeferredValue } from 'react';
import type { CompiledActivation } from '../../core/activation/types';
import { EXPORT_TARGETS, exportActivation, type ExportTarget } from '../../core/codegen/index';
import { downloadText } from '../export/download';
import './codeExport.css';

export interface ExportableActivation {
  /** Unique among the items (e.g. the URL token). */
  key: string;
  label: string;
  compiled: CompiledActivation;
  /** Parameter values to start from (the sliders' current values). */
  values: Record<string, number>;
}

const TAB_LABEL: Record<ExportTarget, string> = { pytorch: 'PyTorch', jax: 'JAX', keras: 'Keras' };

/** File name stem from a display name: "Scaled Swish (β=2)" → "scaled_swish_2". */
function fileStem(label: string): string {
  const stem = label.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  return stem || 'activation';
}

function generate(item: ExportableActivation, target: ExportTarget): { code: string } | { error: string } {
  try {
    return { code: exportActivation(item.compiled, target, { paramValues: item.values }) };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

export function CodeExportPanel({ items: latestItems }: { items: ExportableActivation[] }) {
  // Code is regenerated after a slider drag's redraw, not before it.
  const items = useDeferredValue(latestItems);
  const uid = useId();
  const [chosenKey, setChosenKey] = useState<string | null>(null);
  const [target, setTarget] = useState<ExportTarget>('pytorch');
  const [status, setStatus] = useState('');
  // Until one is chosen, the most recently added activation.
  const item = items.find((i) => i.key === chosenKey) ?? items[items.length - 1];
  const result = useMemo(() => (item ? generate(item, target) : null), [item, target]);
  const spec = EXPORT_TARGETS.find((t) => t.id === target);

  if (!item || !result || !spec) return null;
  const code = 'code' in result ? result.code : null;
  const filename = `${fileStem(item.label)}${spec.fileSuffix}`;

  const copy = async () => {
    if (code === null) return;
    try {
      await navigator.clipboard.writeText(code);
      setStatus('Copied to the clipboard');
    } catch {
      setStatus('The clipboard is not available here; select the code and copy it by hand');
    }
  };

  return (
    <section className="panel code-export" aria-label="Code export" data-testid="code-export">
      <div className="code-export-head">
        <h2>Code</h2>
        <label htmlFor={`${uid}-which`}>
          <span className="sr-only">Code </span>for
        </label>
        <select
          id={`${uid}-which`}
          data-testid="code-export-which"
          value={item.key}
          onChange={(e) => {
            setChosenKey(e.currentTarget.value);
            setStatus('');
          }}
        >
          {items.map((i) => (
            <option key={i.key} value={i.key}>
              {i.label}
            </option>
          ))}
        </select>
        <div className="tabs" role="tablist" aria-label="Framework">
          {EXPORT_TARGETS.map((t) => (
            <button
              key={t.id}
              type="button"
              role="tab"
              className="tab"
              id={`${uid}-tab-${t.id}`}
              aria-selected={t.id === target}
              aria-controls={`${uid}-panel`}
              title={t.label}
              onClick={() => {
                setTarget(t.id);
                setStatus('');
              }}
            >
              {TAB_LABEL[t.id]}
            </button>
          ))}
        </div>
        <div className="button-row">
          <button type="button" data-testid="code-copy" disabled={code === null} onClick={() => void copy()}>
            Copy
          </button>
          <button
            type="button"
            data-testid="code-download"
            disabled={code === null}
            onClick={() => {
              if (code === null) return;
              downloadText(filename, code, 'text/x-python');
              setStatus(`Saved ${filename}`);
            }}
          >
            Download .py
          </button>
        </div>
      </div>
      <p className="status" aria-live="polite">
        {status}
      </p>
      <div id={`${uid}-panel`} role="tabpanel" aria-labelledby={`${uid}-tab-${target}`}>
        {code !== null ? (
          <pre className="code-export-code" data-testid="code-export-code" tabIndex={0}>
            <code>{code}</code>
          </pre>
        ) : (
          <p className="field-error" role="alert">
            {'error' in result ? result.error : ''}
          </p>
        )}
      </div>
    </section>
  );
}
