/**
 * The Compare page: K activations × S seeds trained together in ONE batched engine in the worker,
 * streamed per epoch; overlaid mean ± band loss curves, a summary table, small multiples, and
 * CSV / JSON / permalink export. The page keeps settings (URL) and results; it never trains.
 */
import { runIndex } from '../../core/compare/runIndex';
import { CompareTaskView } from '../tasks/CompareTaskView';
import { useCallback, useMemo, useState, type CSSProperties } from 'react';
import type { BackendInfo, DatasetPoints } from '../../worker/protocol';
import { downloadText } from '../export/download';
import type { PageProps } from '../pageProps';
import { curveColor } from '../plot/palette';
import { PlotView } from '../plot/PlotView';
import { PickerWithMyFormulas } from '../formula/PickerWithMyFormulas';
import { useSearchItems } from '../search/useSearchItems';
import { activationCatalog } from '../formula/activationCatalog';
import { useTheme } from '../theme/theme';
import { BackendLabel } from '../experiment/BackendLabel';
import { DecisionCanvas } from '../experiment/DecisionCanvas';
import { DataControls, ModelControls, NumberField } from '../experiment/ExperimentControls';
import { LearnedShapes } from '../experiment/LearnedShapes';
import { useTrainWorker } from '../experiment/useTrainWorker';
import { compareFigure, hasAccuracy } from './compareFigure';
import { displayLabel } from './displayLabel';
import { curvesCsv, summaryCsv } from './compareResult';
import { taskProbe } from '../../core/tasks/taskProbe';
import { summarizeTask, taskMetricsJson } from '../../core/tasks/taskSummary';
import { curveGroups, newRun, reduceCompareRun, shownResult, stopRun, type RunData } from './compareRun';
import { CompareLenses } from './CompareLenses';
import {
  BAND_KINDS,
  compareNetwork,
  compareSetup,
  formatCompareQuery,
  MAX_ACTIVATIONS,
  MAX_EPOCHS,
  MAX_SEEDS,
  parseCompareQuery,
  parseTarget,
  seedsOf,
  type BandKind,
  type CompareState,
  type TargetSetting,
} from '../state/compareState';
import { ComparedList } from './ComparedList';
import { DiscardConfirm, type PendingDiscard } from './DiscardConfirm';
import { useLeaveGuard } from '../shell/leaveGuard';
import { ResultsTable } from './ResultsTable';
import { RunFilePanel } from '../runs/RunFilePanel';
import { useRunFileRouting, type PageMessage } from '../runs/useRunFileRouting';
import { LinkProblemsNotice } from '../shell/LinkProblemsNotice';
import { InvalidFieldsScope, invalidFieldsReason, useInvalidFields } from '../experiment/invalidFields';
import { Notice } from '../shell/Notice';
import { useQueryState } from '../state/useQueryState';
import { formatRoute } from '../state/route';
import { useCheckedText } from '../explore/useCheckedText';
import { CheckedTextField } from '../experiment/CheckedTextField';
import '../experiment/experimentPage.css';
import './compare.css';
import { PresetGallery } from './presets/PresetGallery';
import { ClaimVerdictPanel } from './presets/ClaimVerdictPanel';
import { presetState } from './presets/presetState';
import { drawsDecisionMap } from '../tasks/decisionMap';
import type { ClaimPreset } from '../../core/compare/presets';

const BAND_LABEL: Record<BandKind, string> = { std: '± std', se: '± standard error', minmax: 'min–max' };

const parseCompareLink = (query: string) => parseCompareQuery(query, activationCatalog);

/** The seed shown in the small multiples stays one of the seeds. */
function keepShownSeed(s: CompareState): CompareState {
  return s.shownSeed > s.seeds ? { ...s, shownSeed: 1 } : s;
}

const formatTarget = (t: TargetSetting): string => `${t.kind}:${t.value}`;

function stamp(): string {
  return new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
}

export function ComparePage({ query, setQuery }: PageProps) {
  const theme = useTheme();
  const invalid = useInvalidFields();
  const { initial, state, update, problems, dismissProblems } = useQueryState(query, setQuery, parseCompareLink, formatCompareQuery, keepShownSeed);
  const [backend, setBackend] = useState<BackendInfo | null>(null);
  const [run, setRun] = useState<RunData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [stopNote, setStopNote] = useState<string | null>(null);
  const [link, setLink] = useState<string | null>(null);
  const [pendingDiscard, setPendingDiscard] = useState<PendingDiscard | null>(null);
  const { items, pending } = useSearchItems();
  const target = useCheckedText(state.target, formatTarget, parseTarget, (t) => update({ target: t }));

  const onPageMessage = useCallback((msg: PageMessage) => {
    if (msg.type === 'backend') setBackend(msg.backend);
    if (msg.type === 'error') setError(msg.message);
    setRun((r) => r && reduceCompareRun(r, msg));
  }, []);

  const { listenerRef, onMessage } = useRunFileRouting(onPageMessage);
  const { send } = useTrainWorker(state.backend, compareNetwork(state), onMessage);
  const running = run?.status === 'running';

  /**
   * A new backend means a new worker (useTrainWorker), which ends a running comparison: say so
   * and keep its results so far, instead of waiting for a worker that is gone.
   */
  const changeSettings = (patch: Partial<CompareState>) => {
    if (running && run && patch.backend !== undefined && patch.backend !== state.backend) {
      const to = patch.backend;
      setPendingDiscard({
        message: `Changing the backend to ${to} restarts the training worker, which stops the comparison running now (epoch ${run.epoch} of ${run.epochs}). Its results so far are kept.`,
        confirmLabel: `Stop the run and switch to ${to}`,
        onConfirm: () => {
          setRun((r) => r && stopRun(r));
          setStopNote(`The comparison was cancelled after epoch ${run.epoch}: changing the backend restarts the training worker. The results so far are kept; press Run to start again on ${to}.`);
          update(patch);
        },
      });
      return;
    }
    update(patch);
  };

  // Back/Forward to another comparison setup, or closing the tab, would stop a running comparison.
  useLeaveGuard(() => (running && run ? `The comparison still running (epoch ${run.epoch} of ${run.epochs}) will be stopped.` : null));

  const startWith = useCallback((s: CompareState, presetId: string | null) => {
    setError(null);
    setStopNote(null);
    setRun(newRun(s, presetId));
    send({ type: 'compareStart', setup: compareSetup(s, { gridSize: 40, unitGridSize: 0, unitRun: 0, progressEveryMs: 0, drawEveryMs: 700 }) });
  }, [send]);
  const start = useCallback(() => startWith(state, null), [state, startWith]);
  const runPreset = (p: ClaimPreset) => {
    const s = presetState(p, state);
    update(s);
    startWith(s, p.id);
  };

  // A link never starts training in the receiver's browser: an old link with run=1 shows the setup
  // and says that running is the receiver's choice.
  const [linkAskedRun, setLinkAskedRun] = useState(initial.autorun);

  const result = useMemo(() => (run ? shownResult(run, backend?.name ?? 'unknown') : null), [run, backend]);

  const labels = useMemo(() => (run ? run.state.activations.map(displayLabel) : []), [run]);

  const figures = useMemo(() => {
    if (!run) return null;
    const groups = curveGroups(run, labels);
    return {
      loss: compareFigure(groups, state.band, state.logScale, theme, 'loss'),
      // Regression has no accuracy: no chart rather than an empty one.
      accuracy: hasAccuracy(groups) ? compareFigure(groups, state.band, false, theme, 'accuracy') : null,
    };
  }, [run, labels, state.band, state.logScale, theme]);

  const exportCsv = () => result && downloadText(`comparison-${stamp()}.csv`, summaryCsv(result), 'text/csv');
  const exportCurvesCsv = () => result && downloadText(`comparison-curves-${stamp()}.csv`, curvesCsv(result), 'text/csv');
  const exportJson = () => result && downloadText(`comparison-${stamp()}.json`, JSON.stringify({ ...result, ...taskJson(run) }, null, 2) + '\n', 'application/json');
  const copyLink = async () => {
    const url = `${location.href.split('#')[0]}${formatRoute({ page: 'compare', query: formatCompareQuery(state) })}`;
    setLink(url);
    try {
      await navigator.clipboard.writeText(url);
    } catch {
      // Clipboard can be blocked; the link is shown in the box to copy by hand.
    }
  };

  // A field whose text does not parse keeps its last valid value: Run waits until it is fixed.
  const blocked = invalidFieldsReason(invalid.errors);
  const shownIndex = state.shownSeed - 1;
  const doneText = run
    ? run.status === 'running'
      ? `epoch ${run.epoch} / ${run.epochs}`
      : `${run.status}: ${run.epoch} epoch${run.epoch === 1 ? '' : 's'} in ${(run.elapsedMs / 1000).toFixed(1)} s`
    : 'not run yet';

  return (
    <div className="train-grid compare-grid" data-testid="compare-page">
      {/* Outside both columns and sticky: Run stays reachable however far the settings scroll. */}
      <div className="train-toolbar compare-toolbar" role="toolbar" aria-label="Comparison">
        {running ? (
          <button type="button" className="primary" data-testid="compare-cancel" onClick={() => send({ type: 'compareCancel' })}>
            ■ Cancel
          </button>
        ) : (
          <button type="button" className="primary" data-testid="compare-run" disabled={backend === null || blocked !== null} title={blocked ?? undefined} aria-describedby={blocked !== null ? 'compare-blocked' : undefined} onClick={start}>
            ▶ Run {state.activations.length} × {state.seeds}
          </button>
        )}
        {run && <progress className="progress-bar" max={run.epochs} value={run.epoch} aria-label="Epochs done" />}
        <span className="counter" data-testid="compare-status" data-status={run?.status ?? 'idle'}>
          {doneText}
        </span>
        <button type="button" data-testid="export-csv" disabled={!result || running} onClick={exportCsv}>
          CSV
        </button>
        <button
          type="button"
          data-testid="export-curves-csv"
          disabled={!result || running}
          onClick={exportCurvesCsv}
          title="Per-epoch curves, one value per row: activation, seed, epoch, metric, value"
        >
          Curves CSV
        </button>
        <button type="button" data-testid="export-json" disabled={!result || running} onClick={exportJson}>
          JSON
        </button>
        <button type="button" data-testid="permalink" onClick={() => void copyLink()}>
          Copy permalink
        </button>
        <BackendLabel backend={backend} />
      </div>
      <InvalidFieldsScope report={invalid.report}>
      <div className="sidebar">
        <fieldset className="panel">
          <legend>Activations ({state.activations.length})</legend>
          <PickerWithMyFormulas
            items={items}
            factsPending={pending}
            selectedIds={new Set(state.activations.map((a) => a.sel.id))}
            canAdd={!running && state.activations.length < MAX_ACTIVATIONS}
            cannotAddReason={
              running
                ? 'a comparison is running; add activations when it ends (or Cancel it)'
                : `a comparison holds at most ${MAX_ACTIVATIONS} activations; remove one to add another`
            }
            onAdd={(id) => update({ activations: [...state.activations, { sel: { id, params: {}, options: {} }, learn: {} }] })}
          />
          <ComparedList items={state.activations} onChange={(activations) => update({ activations })} disabled={running} />
        </fieldset>
        <DataControls state={state} onChange={changeSettings} />
        <ModelControls state={state} onChange={changeSettings} />
        <fieldset className="panel experiment-panel">
          <legend>Comparison</legend>
          <div className="field-row">
            <NumberField label="Seeds" testId="seeds" value={state.seeds} range={[1, MAX_SEEDS]} integer onCommit={(seeds) => update({ seeds })} />
            <NumberField label="Epochs" testId="epochs" value={state.epochs} range={[1, MAX_EPOCHS]} integer onCommit={(epochs) => update({ epochs })} />
          </div>
          <CheckedTextField label="Target on the test set (acc:0.95 = test accuracy ≥ 0.95; loss:0.1 = test loss ≤ 0.1)" testId="target" field={target} />
        </fieldset>
      </div>
      </InvalidFieldsScope>

      <div className="train-main">
        {blocked !== null && !running && (
          <p className="field-error" id="compare-blocked" data-testid="compare-blocked">
            {blocked}
          </p>
        )}
        {link && <input className="link-box" readOnly value={link} aria-label="Permalink to this comparison" onFocus={(e) => e.currentTarget.select()} />}

        {pendingDiscard && running && <DiscardConfirm pending={pendingDiscard} onKeep={() => setPendingDiscard(null)} />}
        <LinkProblemsNotice problems={problems} onDismiss={dismissProblems} />
        {linkAskedRun && !run && (
          <Notice tone="warning" testId="compare-link-setup" onDismiss={() => setLinkAskedRun(false)}>
            <p>This link shows a comparison's setup. Nothing trains until you press Run.</p>
          </Notice>
        )}
        {stopNote && (
          <Notice tone="warning" testId="compare-stopped" onDismiss={() => setStopNote(null)}>
            <p>{stopNote}</p>
          </Notice>
        )}
        {error && (
          <Notice tone="error" testId="compare-error">
            <p>{error}</p>
          </Notice>
        )}

        <PresetGallery onRun={runPreset} disabled={running || backend === null} active={run?.presetId ?? null} />
        {run && run.presetId && result && (
          <ClaimVerdictPanel presetId={run.presetId} summary={result.summary} finished={run.status === 'complete'} />
        )}

        {!run && <p className="empty">Choose activations and press Run: every activation × seed trains together in one batched computation.</p>}

        {run && figures && (
          <section className="train-card" aria-label="Loss and accuracy curves">
            <div className="check-row">
              <label>
                band{' '}
                <select value={state.band} data-testid="band" onChange={(e) => update({ band: e.currentTarget.value as BandKind })}>
                  {BAND_KINDS.map((b) => (
                    <option key={b} value={b}>
                      {BAND_LABEL[b]}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                <input type="checkbox" checked={state.logScale} onChange={(e) => update({ logScale: e.currentTarget.checked })} /> log-scale loss
              </label>
            </div>
            <div className="sized-plot" style={{ '--plot-h': '340px' } as CSSProperties}>
              <PlotView figure={figures.loss} ariaLabel="Mean train and test loss per activation with bands over seeds" />
            </div>
            {figures.accuracy && (
              <div className="sized-plot" style={{ '--plot-h': '340px' } as CSSProperties} data-testid="compare-accuracy">
                <PlotView figure={figures.accuracy} ariaLabel="Mean train and test accuracy per activation with bands over seeds" />
              </div>
            )}
          </section>
        )}

        {run && result && (
          <section className="train-card" aria-label="Results">
            <ResultsTable
              summary={result.summary}
              labels={labels}
              targetText={run.state.target.kind === 'acc' ? `first epoch with test accuracy ≥ ${run.state.target.value}` : `first epoch with test loss ≤ ${run.state.target.value}`}
              caption={
                `${run.state.activations.length} activations × ${run.state.seeds} seeds on ${run.state.dataset}, after ${run.epoch} epochs; ` +
                `mean ± std over non-diverged runs. All runs trained together: ${(run.elapsedMs / 1000).toFixed(1)} s wall time` +
                (Number.isFinite(result.timing.msPerEpoch) ? `, ${result.timing.msPerEpoch.toFixed(1)} ms per epoch` : '') +
                ` on ${backend?.name ?? '?'}.`
              }
            />
          </section>
        )}

        {run && run.dataset && run.taskPredictions && (
          <section className="train-card" aria-label="Task view">
            <CompareTaskView
              dataset={run.dataset}
              predictions={run.taskPredictions}
              diverged={run.divergence.map((d) => d !== null)}
              labels={labels}
              seeds={run.state.seeds}
              shownSeed={Math.min(shownIndex, run.state.seeds - 1)}
            />
          </section>
        )}

        {run && run.dataset && (
          <section aria-label="Per activation">
            <div className="check-row">
              <label>
                seed shown{' '}
                <select value={state.shownSeed} data-testid="shown-seed" onChange={(e) => update({ shownSeed: Number(e.currentTarget.value) })}>
                  {seedsOf(run.state).map((s) => (
                    <option key={s} value={s}>
                      {s}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            <div className="multiples">
              {run.state.activations.map((a, k) => {
                const i = runIndex(k, Math.min(shownIndex, run.state.seeds - 1), run.state.seeds);
                const g = run.grids;
                const d = run.divergence[i];
                return (
                  <div key={k} className="multiple" data-multiple={a.sel.id} style={{ borderTopColor: curveColor(k, theme) }}>
                    <h3>{labels[k]}</h3>
                    {d && <p className="field-error">diverged at step {d.step} (last good state shown)</p>}
                    {drawsDecisionMap(run.dataset as DatasetPoints) && (
                      <DecisionCanvas
                        dataset={run.dataset as DatasetPoints}
                        image={g ? { gridSize: g.gridSize, extent: g.extent, outputDim: g.outputDim, values: g.values[i] } : null}
                        size={200}
                        label={`${labels[k]}, seed ${state.shownSeed}: prediction over the inputs`}
                      />
                    )}
                    <LearnedShapes sel={a.sel} learn={a.learn} learned={run.params?.[i] ?? null} height={190} />
                  </div>
                );
              })}
            </div>
          </section>
        )}
        {result && <CompareLenses runs={result.runs} names={labels} />}
        <RunFilePanel mode="compare" send={send} listenerRef={listenerRef} canSave={run !== null && run.status !== 'running' && run.histories.some((h) => h.length > 0)} />
      </div>
    </div>
  );
}

/** A task set's own metrics for the JSON export (the same shape as `compare --json`), or nothing. */
function taskJson(run: RunData | null): { task?: ReturnType<typeof taskMetricsJson> } {
  const probe = run?.dataset ? taskProbe(run.dataset) : null;
  if (!run || !run.dataset || !probe || !run.taskPredictions) return {};
  const diverged = run.divergence.map((d) => d !== null);
  return { task: taskMetricsJson(summarizeTask(run.dataset.name, probe, run.taskPredictions, diverged, run.state.activations.length, run.state.seeds)) };
}
