/**
 * "Your own activation": type a formula in x, declare its parameters, see problems underlined
 * before anything is evaluated, see f, f′, f″ in TeX with NaN/Infinity warnings, then plot it.
 * Plotting saves it to "my formulas" (localStorage), where the Trainer and Compare pickers find
 * it too; its `my.…` id carries the whole definition, so the page link shares it.
 */
import { useId, useMemo, useState } from 'react';
import { decodeCustomId, isCustomId } from '../../core/custom/encoding';
import { MAX_CUSTOM_PARAMS, type CustomActivation } from '../../core/custom/types';
import { checkDraft, draftOf, EXAMPLE_DRAFT, newDraftParam, undeclaredSymbol, type Draft, type DraftParam } from './formulaDraft';
import { FormulaMirror } from './FormulaMirror';
import { FormulaPreview } from './FormulaPreview';
import { myFormulaByName, myFormulaId, removeMyFormula, saveMyFormula, useMyFormulas } from './myFormulas';
import './formula.css';

export interface FormulaBoxProps {
  xMin: number;
  xMax: number;
  /** Ids shown in the plot now (to offer saving custom formulas that came with a link). */
  selectedIds: ReadonlySet<string>;
  canAdd: boolean;
  /** Show `id` in the plot; when `replaceId` is shown, put it in that place instead. */
  onPlot(id: string, replaceId?: string): void;
}

function linkedFormulas(ids: ReadonlySet<string>, saved: CustomActivation[]): CustomActivation[] {
  const savedIds = new Set(saved.map(myFormulaId));
  const out: CustomActivation[] = [];
  for (const id of ids) {
    if (!isCustomId(id) || savedIds.has(id)) continue;
    try {
      out.push(decodeCustomId(id));
    } catch {
      // A damaged id is reported by the page itself.
    }
  }
  return out;
}

export function FormulaBox({ xMin, xMax, selectedIds, canAdd, onPlot }: FormulaBoxProps) {
  const uid = useId();
  const { formulas, problems: storageProblems } = useMyFormulas();
  const [draft, setDraft] = useState<Draft>(() => (formulas[0] ? draftOf(formulas[0]) : EXAMPLE_DRAFT));
  const [status, setStatus] = useState('');
  const checked = useMemo(() => checkDraft(draft), [draft]);
  const problemAt = (field: string) => checked.problems.find((p) => p.field === field);
  const formulaProblem = problemAt('formula');
  const undeclared = undeclaredSymbol(checked.problems);
  const linked = useMemo(() => linkedFormulas(selectedIds, formulas), [selectedIds, formulas]);
  const values = useMemo(() => Object.fromEntries((checked.def?.params ?? []).map((p) => [p.name, p.default])), [checked.def]);

  const edit = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setStatus('');
  };
  const editParam = (i: number, patch: Partial<DraftParam>) => edit({ params: draft.params.map((p, k) => (k === i ? { ...p, ...patch } : p)) });

  const plot = () => {
    const def = checked.def;
    if (!def || !canAdd) return;
    const previous = myFormulaByName(def.name);
    saveMyFormula(def);
    const id = myFormulaId(def);
    const replaceId = previous && myFormulaId(previous) !== id && selectedIds.has(myFormulaId(previous)) ? myFormulaId(previous) : undefined;
    onPlot(id, replaceId);
    setStatus(replaceId ? `Updated “${def.name}” in the plot and in my formulas` : `Plotted “${def.name}” and saved it in my formulas`);
  };

  return (
    <fieldset className="panel formula-box" data-testid="formula-box">
      <legend>Your own activation</legend>
      <div className="formula-field">
        <label htmlFor={`${uid}-name`}>Name</label>
        <input id={`${uid}-name`} data-testid="formula-name" value={draft.name} onChange={(e) => edit({ name: e.currentTarget.value })} aria-invalid={problemAt('name') ? true : undefined} />
        {problemAt('name') && <p className="field-error">{problemAt('name')?.message}</p>}
      </div>
      <div className="formula-field">
        <label htmlFor={`${uid}-formula`}>f(x) =</label>
        <input
          id={`${uid}-formula`}
          data-testid="formula-input"
          className="formula-input"
          spellCheck={false}
          autoComplete="off"
          value={draft.formula}
          placeholder="a * x * sigmoid(b * x)"
          aria-invalid={formulaProblem ? true : undefined}
          aria-describedby={formulaProblem ? `${uid}-formula-error` : `${uid}-formula-help`}
          onChange={(e) => edit({ formula: e.currentTarget.value })}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              plot();
            }
          }}
        />
        {formulaProblem ? (
          <>
            {formulaProblem.position !== undefined && <FormulaMirror text={draft.formula} position={formulaProblem.position} length={formulaProblem.length ?? 1} />}
            <p className="field-error" id={`${uid}-formula-error`} role="alert" data-testid="formula-error">
              {formulaProblem.message}
            </p>
          </>
        ) : (
          <p className="status" id={`${uid}-formula-help`}>
            Variable x; functions such as exp, log, tanh, sigmoid, softplus, Phi, phi, erf, max, and registry activations by id (gelu(x)); conditions c ? a : b.
          </p>
        )}
        {undeclared && draft.params.length < MAX_CUSTOM_PARAMS && (
          <button type="button" className="small" onClick={() => edit({ params: [...draft.params, newDraftParam(undeclared)] })}>
            Declare “{undeclared}” as a parameter
          </button>
        )}
      </div>

      <div className="formula-params" role="group" aria-label="Parameters">
        {draft.params.length > 0 && (
          <div className="formula-param formula-param-head" aria-hidden="true">
            <span>name</span>
            <span>default</span>
            <span>min</span>
            <span>max</span>
            <span title="Trained with the weights">learn</span>
            <span />
          </div>
        )}
        {draft.params.map((p, i) => {
          const errors = ['name', 'default', 'min', 'max'].flatMap((k) => problemAt(`params.${i}.${k}`) ?? []);
          const label = p.name || `parameter ${i + 1}`;
          return (
            <div className="formula-param" key={i} data-testid={`formula-param-${i}`}>
              <input aria-label={`Name of parameter ${i + 1}`} value={p.name} onChange={(e) => editParam(i, { name: e.currentTarget.value })} />
              {(['default', 'min', 'max'] as const).map((k) => (
                <input key={k} aria-label={`${k} of ${label}`} inputMode="decimal" value={p[k]} onChange={(e) => editParam(i, { [k]: e.currentTarget.value })} />
              ))}
              <input type="checkbox" aria-label={`Train ${label} with the weights`} checked={p.learnable} onChange={(e) => editParam(i, { learnable: e.currentTarget.checked })} />
              <button type="button" className="small" aria-label={`Remove parameter ${label}`} onClick={() => edit({ params: draft.params.filter((_, k) => k !== i) })}>
                ✕
              </button>
              {errors.map((e) => (
                <p key={e.field} className="field-error">
                  {e.message}
                </p>
              ))}
            </div>
          );
        })}
        {problemAt('params') && <p className="field-error">{problemAt('params')?.message}</p>}
        <button type="button" className="small" disabled={draft.params.length >= MAX_CUSTOM_PARAMS} onClick={() => edit({ params: [...draft.params, newDraftParam(nextParamName(draft.params))] })}>
          + parameter
        </button>
      </div>

      {checked.compiled && <FormulaPreview compiled={checked.compiled} values={values} xMin={xMin} xMax={xMax} />}

      <div className="button-row">
        <button type="button" className="primary" data-testid="formula-plot" disabled={!checked.def || !canAdd} onClick={plot}>
          Plot and save
        </button>
      </div>
      <p className="status" aria-live="polite">
        {status}
        {!canAdd ? 'The plot is full; remove an activation to add this one.' : ''}
      </p>

      {linked.map((def) => (
        <p className="formula-linked" key={myFormulaId(def)}>
          “{def.name}” came with this link.{' '}
          <button type="button" className="small" onClick={() => saveMyFormula(def)}>
            Save to my formulas
          </button>
        </p>
      ))}
      {storageProblems.map((p) => (
        <p className="field-error" key={p}>
          {p}
        </p>
      ))}

      {formulas.length > 0 && (
        <details open className="my-formulas">
          <summary>My formulas ({formulas.length})</summary>
          <ul data-testid="my-formulas">
            {formulas.map((f) => {
              const id = myFormulaId(f);
              return (
                <li key={f.name}>
                  <span className="my-formula-text">
                    <strong>{f.name}</strong> <code>{f.formula}</code>
                  </span>
                  <span className="my-formula-actions">
                    <button type="button" className="small" disabled={!canAdd} onClick={() => onPlot(id)} aria-label={`Plot ${f.name}`}>
                      {selectedIds.has(id) ? '✓ plot' : '+ plot'}
                    </button>
                    <button type="button" className="small" onClick={() => setDraft(draftOf(f))} aria-label={`Edit ${f.name}`}>
                      edit
                    </button>
                    <button type="button" className="small" onClick={() => removeMyFormula(f.name)} aria-label={`Delete ${f.name} from my formulas`}>
                      ✕
                    </button>
                  </span>
                </li>
              );
            })}
          </ul>
        </details>
      )}
    </fieldset>
  );
}

/** a, b, c, … then p1, p2: the first name not yet declared. */
function nextParamName(params: DraftParam[]): string {
  const used = new Set(params.map((p) => p.name));
  for (const n of ['a', 'b', 'c', 'd', 'k', 'p1', 'p2', 'p3', 'p4']) if (!used.has(n)) return n;
  return `p${params.length + 1}`;
}
