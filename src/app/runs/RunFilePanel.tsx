/**
 * The run-file panel of the Trainer and Compare pages: save the current run (or comparison) as a
 * run file or a PyTorch script, load a run file (file picker or drag and drop), see its
 * configuration and stored curves, and retrain it in the worker from its stored initial state
 * with the new curves laid over the stored ones. A file that does not validate is refused with
 * the RunFileError message and whatever was shown before stays.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type CSSProperties, type DragEvent, type RefObject } from 'react';
import type { EpochRecord } from '../../core/compare/summary';
import { exportRunPyTorch } from '../../core/codegen/pytorch-run';
import type { HistoryDifference } from '../../core/runfile/retrain';
import type { ComparisonFile, RunFile } from '../../core/runfile/schema';
import { sensitivityText, type RunSensitivity } from '../../core/runfile/sensitivity';
import { parseRunFileText } from '../../core/runfile/validate';
import type { FromWorker, ToWorker } from '../../worker/protocol';
import { downloadText } from '../export/download';
import { PlotView } from '../plot/PlotView';
import { Notice } from '../shell/Notice';
import { useTheme } from '../theme/theme';
import { configRows, isComparison, overlayFigure, runFileName, runLabel, runsOf } from './runFileView';
import './runFilePanel.css';

export type RunFileMessage = Extract<FromWorker, { type: 'runFileText' | 'retrainProgress' | 'retrainDone' | 'runFileError' }>;
export type RunFileListener = (msg: RunFileMessage) => void;

/** Pages route these worker messages to the panel (through a listener ref) instead of handling them. */
export function isRunFileMessage(msg: FromWorker): msg is RunFileMessage {
  return msg.type === 'runFileText' || msg.type === 'retrainProgress' || msg.type === 'retrainDone' || msg.type === 'runFileError';
}

interface Loaded {
  name: string;
  text: string;
  file: RunFile | ComparisonFile;
}

interface Retrain {
  id: number;
  run: number;
  history: EpochRecord[];
  done: { difference: HistoryDifference; backend: string; sensitivity: RunSensitivity } | null;
  error: string | null;
}

export interface RunFilePanelProps {
  /** 'train': one run to save (and as PyTorch); 'compare': the last comparison's runs. */
  mode: 'train' | 'compare';
  send: (msg: ToWorker) => void;
  listenerRef: RefObject<RunFileListener | null>;
  /** Something to save exists (the worker is configured / a comparison has finished). */
  canSave: boolean;
}

let nextRetrainId = 1;

export function RunFilePanel({ mode, send, listenerRef, canSave }: RunFilePanelProps) {
  const theme = useTheme();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [selected, setSelected] = useState(0);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  /** The verdict on the last exported PyTorch script's run (its measured 1-ulp sensitivity). */
  const [exportVerdict, setExportVerdict] = useState<string | null>(null);
  const [retrain, setRetrain] = useState<Retrain | null>(null);
  const [dragging, setDragging] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  const onMessage = useCallback((msg: RunFileMessage) => {
    switch (msg.type) {
      case 'runFileText':
        try {
          const file = JSON.parse(msg.text) as RunFile | ComparisonFile;
          if (msg.purpose === 'pytorch') {
            downloadText(runFileName(file, 'py'), exportRunPyTorch(file, { sensitivity: msg.sensitivity }), 'text/x-python');
            setExportVerdict(msg.sensitivity ? sensitivityText(msg.sensitivity) : null);
          } else downloadText(runFileName(file), msg.text, 'application/json');
          setSaveError(null);
        } catch (e) {
          setSaveError(e instanceof Error ? e.message : String(e));
        }
        break;
      case 'runFileError':
        if (msg.id === null) setSaveError(msg.message);
        else setRetrain((r) => (r && r.id === msg.id ? { ...r, error: msg.message } : r));
        break;
      case 'retrainProgress':
        setRetrain((r) => (r && r.id === msg.id ? { ...r, history: [...r.history, msg.record] } : r));
        break;
      case 'retrainDone':
        setRetrain((r) => (r && r.id === msg.id ? { ...r, history: msg.history, done: { difference: msg.difference, backend: msg.backend, sensitivity: msg.sensitivity } } : r));
        break;
    }
  }, []);

  useEffect(() => {
    listenerRef.current = onMessage;
    return () => {
      if (listenerRef.current === onMessage) listenerRef.current = null;
    };
  }, [listenerRef, onMessage]);

  const load = async (f: File | undefined) => {
    if (!f) return;
    let text: string;
    try {
      text = await f.text();
    } catch (e) {
      setLoadError(`Could not read ${f.name}: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    try {
      const file = parseRunFileText(text);
      setLoaded({ name: f.name, text, file });
      setSelected(0);
      setRetrain(null);
      setLoadError(null);
    } catch (e) {
      // The file is refused; what was loaded before stays on screen.
      setLoadError(`${f.name} was not loaded. ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setDragging(false);
    void load(e.dataTransfer.files[0]);
  };

  const runs = loaded ? runsOf(loaded.file) : [];
  const run = runs[selected] ?? null;
  const shownRetrain = retrain && retrain.run === selected ? retrain : null;
  const figure = useMemo(() => {
    const r = loaded ? runsOf(loaded.file)[selected] : undefined;
    return r ? overlayFigure(r.history, retrain && retrain.run === selected ? retrain.history : null, theme) : null;
  }, [loaded, selected, retrain, theme]);

  const startRetrain = () => {
    if (!loaded) return;
    const id = nextRetrainId++;
    setRetrain({ id, run: selected, history: [], done: null, error: null });
    send({ type: 'retrain', id, text: loaded.text, run: selected });
  };

  const diff = shownRetrain?.done?.difference ?? null;
  return (
    <section className="train-card run-files" aria-labelledby={`run-files-title-${mode}`} data-testid="run-files">
      <h2 id={`run-files-title-${mode}`}>Run files</h2>
      <div className="run-files-actions">
        {mode === 'train' ? (
          <>
            <button type="button" data-testid="run-download" disabled={!canSave} onClick={() => send({ type: 'exportRun', purpose: 'download' })} title="The run so far: configuration, data, initial weights, batch order and metrics of every completed epoch">
              Download run
            </button>
            <button type="button" data-testid="run-pytorch" disabled={!canSave} onClick={() => send({ type: 'exportRun', purpose: 'pytorch' })} title="A standalone PyTorch script that repeats this run">
              PyTorch script
            </button>
          </>
        ) : (
          <button type="button" data-testid="runs-download" disabled={!canSave} onClick={() => send({ type: 'exportComparison' })} title="Every run of the last comparison with the summary table">
            Download runs
          </button>
        )}
        <div
          className={`run-drop${dragging ? ' dragging' : ''}`}
          data-testid="run-drop"
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
        >
          <button type="button" onClick={() => inputRef.current?.click()}>
            Load run file…
          </button>
          <span className="legend-line"> or drop a .json file here</span>
          <input
            ref={inputRef}
            type="file"
            accept=".json,application/json"
            data-testid="run-file-input"
            aria-label="Load run file"
            hidden
            onChange={(e) => {
              void load(e.currentTarget.files?.[0]);
              e.currentTarget.value = '';
            }}
          />
        </div>
      </div>

      {exportVerdict && (
        <p className="legend-line" data-testid="run-pytorch-sensitivity">
          PyTorch script saved. {exportVerdict} The script states the agreement to expect epoch by epoch from this.
        </p>
      )}
      {saveError && (
        <Notice tone="error" testId="run-save-error" onDismiss={() => setSaveError(null)}>
          <p>{saveError}</p>
        </Notice>
      )}
      {loadError && (
        <Notice tone="error" testId="run-file-error" onDismiss={() => setLoadError(null)}>
          <p>{loadError}</p>
        </Notice>
      )}

      {loaded && run && (
        <div className="run-file-view" data-testid="run-file-view" data-name={loaded.name}>
          <p className="legend-line">
            <strong>{loaded.name}</strong>: {isComparison(loaded.file) ? `a comparison of ${runs.length} runs (${loaded.file.status})` : 'one run'}
          </p>
          {runs.length > 1 && (
            <div className="field">
              <label htmlFor={`run-file-select-${mode}`}>Run</label>
              <select id={`run-file-select-${mode}`} data-testid="run-file-select" value={selected} onChange={(e) => setSelected(Number(e.currentTarget.value))}>
                {runs.map((r, i) => (
                  <option key={i} value={i}>
                    {runLabel(r)}
                  </option>
                ))}
              </select>
            </div>
          )}
          <table className="run-file-config" data-testid="run-file-config">
            <tbody>
              {configRows(run).map(([k, v]) => (
                <tr key={k}>
                  <th scope="row">{k}</th>
                  <td>{v}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="run-files-actions">
            <button type="button" className="primary" data-testid="run-retrain" disabled={shownRetrain !== null && shownRetrain.done === null && shownRetrain.error === null} onClick={startRetrain}>
              Retrain
            </button>
            {shownRetrain && !shownRetrain.done && !shownRetrain.error && (
              <span className="legend-line" data-testid="run-retrain-progress">
                retraining from the stored initial state… epoch {Math.max(0, shownRetrain.history.length - 1)} of {run.history.length - 1}
              </span>
            )}
            {diff && shownRetrain?.done && (
              <span className="legend-line" data-testid="run-difference" data-value={diff.maxRelativeLoss} data-backend={shownRetrain.done.backend}>
                Retrained on {shownRetrain.done.backend} (recorded on {run.backend}): largest relative loss difference{' '}
                <strong>{diff.maxRelativeLoss === 0 ? '0 (identical)' : diff.maxRelativeLoss.toExponential(2)}</strong>
                {diff.at && diff.maxRelativeLoss > 0 ? ` (${diff.at.metric === 'trainLoss' ? 'train' : 'test'} loss, epoch ${diff.at.epoch})` : ''}
                {Number.isFinite(diff.maxAccuracy) && diff.maxAccuracy > 0 ? `, accuracy differs by up to ${diff.maxAccuracy.toPrecision(3)}` : ''} over {diff.epochs} epochs
              </span>
            )}
          </div>
          {shownRetrain?.done && (
            <p className="legend-line" data-testid="run-sensitivity" data-chaotic-from={shownRetrain.done.sensitivity.chaoticFrom ?? ''}>
              {sensitivityText(shownRetrain.done.sensitivity)} A reproduction elsewhere (another backend, PyTorch) can be expected to agree only as far as this.
            </p>
          )}
          {shownRetrain?.error && (
            <div className="notice notice-error" role="alert" data-testid="run-retrain-error">
              <p>{shownRetrain.error}</p>
            </div>
          )}
          {figure && (
            <div className="sized-plot" style={{ '--plot-h': '260px' } as CSSProperties} data-testid="run-overlay" data-traces={figure.data.length}>
              <PlotView figure={figure} ariaLabel="Stored loss curves of the loaded run, with the retrained curves laid over them" />
            </div>
          )}
        </div>
      )}
    </section>
  );
}
