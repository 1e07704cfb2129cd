/**
 * The Trainer page: one MLP with one activation, trained live in the worker. The page holds the
 * settings (in the URL) and the latest results the worker sent; it never trains or evaluates
 * the network itself.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import { datasetInfo } from '../../core/data/datasets';
import { healthSummary, learningRateAdvice, runHealth } from '../../core/compare/runHealth';
import type { BackendInfo, ViewSpec } from '../../worker/protocol';
import type { PageProps } from '../pageProps';
import { PlotView } from '../plot/PlotView';
import { activationCatalog } from '../formula/activationCatalog';
import { PickerWithMyFormulas } from '../formula/PickerWithMyFormulas';
import { useSearchItems } from '../search/useSearchItems';
import { CurrentActivation } from './CurrentActivation';
import { useTheme } from '../theme/theme';
import { ActivationSettings } from '../experiment/ActivationSettings';
import { BackendLabel } from '../experiment/BackendLabel';
import { DecisionCanvas } from '../experiment/DecisionCanvas';
import { DataControls, ModelControls } from '../experiment/ExperimentControls';
import { LearnedShapes } from '../experiment/LearnedShapes';
import { MetricsTable } from './MetricsTable';
import { EMPTY_LIVE, reduceTrainLive, type TrainLive } from './trainLive';
import { counterPosition } from './trainCounter';
import { metricsFigure } from '../experiment/trainFigures';
import { formatTrainQuery, parseTrainQuery, trainSetup } from '../state/trainState';
import { UnitMaps } from './UnitMaps';
import { useTrainWorker } from '../experiment/useTrainWorker';
import { RunFilePanel } from '../runs/RunFilePanel';
import { useRunFileRouting, type PageMessage } from '../runs/useRunFileRouting';
import { LinkProblemsNotice } from '../shell/LinkProblemsNotice';
import { Notice } from '../shell/Notice';
import { useQueryState } from '../state/useQueryState';
import '../experiment/experimentPage.css';
import { taskKind } from '../../core/tasks/taskProbe';
import { TaskView } from '../tasks/TaskView';
import { drawsDecisionMap } from '../tasks/decisionMap';
import { InvalidFieldsScope, invalidFieldsReason, useInvalidFields } from '../experiment/invalidFields';
import { LayerLenses } from '../experiment/LayerLenses';

const SPEEDS = [1, 5, 20, 100];

/**
 * How often the worker reports. Every report repaints charts and canvases, and on a 2-core machine
 * without a GPU that painting competes with training for the CPU: at 150 / 400 ms the page drew
 * a frame every ~200 ms while training on cpu, at 500 / 1000 ms every 17–33 ms (median; measure
 * with AP_MEASURE=1 in tests/browser/train.test.ts). The worker throttles its lens messages alike.
 */
function viewFor(dim: number): ViewSpec {
  return dim === 1
    ? { gridSize: 200, unitGridSize: 80, unitRun: 0, progressEveryMs: 500, drawEveryMs: 1000 }
    : { gridSize: 64, unitGridSize: 24, unitRun: 0, progressEveryMs: 500, drawEveryMs: 1000 };
}

const parseTrainLink = (query: string) => parseTrainQuery(query, activationCatalog);

function randomSeed(current: number): number {
  let s = current;
  while (s === current) s = Math.floor(Math.random() * 2 ** 31);
  return s;
}

export function TrainPage({ query, setQuery }: PageProps) {
  const theme = useTheme();
  const invalid = useInvalidFields();
  const { state, update, problems, dismissProblems } = useQueryState(query, setQuery, parseTrainLink, formatTrainQuery);
  const [backend, setBackend] = useState<BackendInfo | null>(null);
  const [live, setLive] = useState<TrainLive>(EMPTY_LIVE);
  const { running, error, lenses } = live;
  const [speed, setSpeed] = useState(5);
  const [logLoss, setLogLoss] = useState(true);

  const onPageMessage = useCallback((msg: PageMessage) => {
    if (msg.type === 'backend') setBackend(msg.backend);
    setLive((l) => reduceTrainLive(l, msg));
  }, []);

  const { listenerRef, onMessage } = useRunFileRouting(onPageMessage);
  const setup = useMemo(() => trainSetup(state), [state]);
  const { send, generation } = useTrainWorker(state.backend, setup, onMessage);

  // (Re)configure when the settings change or a new worker starts; a short delay lets a slider
  // drag settle instead of rebuilding the network on every pixel.
  const setupKey = JSON.stringify(setup);
  const sentKey = useRef<string | null>(null);
  const sentGeneration = useRef(0);
  useEffect(() => {
    if (generation === 0 || (sentKey.current === setupKey && sentGeneration.current === generation)) return;
    const dim = datasetInfo(setup.dataset.name).dim;
    const timer = setTimeout(() => {
      sentKey.current = setupKey;
      sentGeneration.current = generation;
      send({ type: 'configure', setup, view: viewFor(dim) });
      send({ type: 'setSpeed', stepsPerTick: speed });
    }, 150);
    return () => clearTimeout(timer);
  }, [setupKey, setup, generation, send, speed]);

  const changeSpeed = (s: number) => {
    setSpeed(s);
    send({ type: 'setSpeed', stepsPerTick: s });
  };

  const newSeed = () => {
    const seed = randomSeed(state.seed);
    const next = { ...state, seed };
    // The worker rebuilds with the new seed itself; mark that setup as sent.
    sentKey.current = JSON.stringify(trainSetup(next));
    update({ seed });
    send({ type: 'newSeed', seeds: [seed] });
  };

  const ready = backend !== null && live.dataset !== null;
  const shown = counterPosition(live.step, live.epoch, live.stepsPerEpoch, live.diverged);
  const { items, pending } = useSearchItems();
  const selectedIds = useMemo(() => new Set([state.activation.id]), [state.activation.id]);
  const chooseActivation = useCallback((id: string) => update({ activation: { id, params: {}, options: {} }, learn: {} }), [update]);
  const health = useMemo(() => runHealth(live.history, live.diverged), [live.history, live.diverged]);
  const figure = useMemo(() => metricsFigure(live.history, theme, logLoss), [live.history, theme, logLoss]);

  // A field whose text does not parse keeps its last valid value: training now would use a number
  // the person no longer sees, so Train waits until the field is fixed.
  const blocked = invalidFieldsReason(invalid.errors);

  return (
    <div className="train-grid" data-testid="train-page">
      <InvalidFieldsScope report={invalid.report}>
      <div className="sidebar">
        <DataControls state={state} onChange={update} />
        <fieldset className="panel">
          <legend>Activation (every hidden layer)</legend>
          <CurrentActivation sel={state.activation} />
          <ActivationSettings sel={state.activation} learn={state.learn} learned={live.learned} onChange={(activation, learn) => update({ activation, learn })} />
        </fieldset>
        <PickerWithMyFormulas
          items={items}
          factsPending={pending}
          selectedIds={selectedIds}
          canAdd
          onAdd={chooseActivation}
          legend="Choose another activation"
          actionLabel="Use"
        />
        <ModelControls state={state} onChange={update} />
      </div>
      </InvalidFieldsScope>

      <div className="train-main">
        <div className="train-toolbar" role="toolbar" aria-label="Training">
          <button
            type="button"
            className="primary"
            data-testid="play"
            disabled={!ready || live.diverged !== null || (!running && blocked !== null)}
            aria-describedby={blocked !== null && !running ? 'train-blocked' : undefined}
            title={blocked ?? undefined}
            onClick={() => send({ type: running ? 'pause' : 'start' })}
          >
            {running ? '❚❚ Pause' : '▶ Train'}
          </button>
          <button type="button" data-testid="step" disabled={!ready || running || live.diverged !== null || blocked !== null} onClick={() => send({ type: 'step', steps: 1 })}>
            Step
          </button>
          <button type="button" data-testid="reset" disabled={!ready} onClick={() => send({ type: 'reset' })} title="Back to the same initial weights">
            Reset
          </button>
          <button type="button" data-testid="new-seed" disabled={!ready} onClick={newSeed} title="Draw new initial weights">
            New seed
          </button>
          <label>
            speed{' '}
            <select value={speed} onChange={(e) => changeSpeed(Number(e.currentTarget.value))} aria-label="Steps per update">
              {SPEEDS.map((s) => (
                <option key={s} value={s}>
                  {s} step{s > 1 ? 's' : ''}/update
                </option>
              ))}
            </select>
          </label>
          <span className="counter" data-testid="counter" data-step={shown.step} data-epoch={shown.epoch} data-ready={ready ? 1 : 0}>
            epoch {shown.epoch.toFixed(live.stepsPerEpoch > 1 ? 1 : 0)} · step {shown.step} · seed {state.seed}
            {live.msPerEpoch !== null && <span data-testid="ms-per-epoch" data-value={live.msPerEpoch}> · {live.msPerEpoch.toFixed(1)} ms/epoch</span>}
          </span>
          <BackendLabel backend={backend} />
        </div>
        {blocked !== null && !running && (
          <p className="field-error" id="train-blocked" data-testid="train-blocked">
            {blocked}
          </p>
        )}

        <LinkProblemsNotice problems={problems} onDismiss={dismissProblems} />
        {health.kind === 'diverged' && (
          <Notice tone="error" testId="diverged">
            <p>
              <strong>{healthSummary(health)}</strong> {learningRateAdvice(health, state.optimizer, state.lr)} The network shown is its last good state; press
              Reset (or lower the learning rate) to train again.
            </p>
          </Notice>
        )}
        {(health.kind === 'unstable' || health.kind === 'not-learning') && (
          <Notice tone="warning" testId="run-health">
            <p data-kind={health.kind}>
              <strong>{healthSummary(health)}</strong> {learningRateAdvice(health, state.optimizer, state.lr)}
            </p>
          </Notice>
        )}
        {error && (
          <Notice tone="error" testId="train-error" onDismiss={() => setLive((l) => ({ ...l, error: null }))}>
            <p>{error}</p>
          </Notice>
        )}

        {live.dataset && taskKind(live.dataset.name) && (
          <section className="train-card" aria-labelledby="task-title">
            <h2 id="task-title">Task view: {live.dataset.name}</h2>
            <TaskView dataset={live.dataset} data={live.task} />
          </section>
        )}
        <div className="train-row">
          <section className="train-card" aria-labelledby="boundary-title" hidden={live.dataset !== null && !drawsDecisionMap(live.dataset)}>
            <h2 id="boundary-title">{live.dataset?.dim === 1 ? 'Fitted curve' : 'Decision boundary'}</h2>
            {live.dataset && drawsDecisionMap(live.dataset) ? (
              <>
                <DecisionCanvas
                  dataset={live.dataset}
                  image={live.image}
                  size={360}
                  label={live.dataset.dim === 1 ? 'Network output over x with the data' : 'Predicted class over the input plane with the data points'}
                />
                <p className="legend-line">Filled: training points · hollow: test points{live.dataset.dim === 2 ? ' · shade: predicted class, paler where unsure' : ''}</p>
              </>
            ) : (
              <p className="loading">Preparing data…</p>
            )}
          </section>
          <section className="train-card" aria-labelledby="metrics-title">
            <h2 id="metrics-title">Loss and accuracy</h2>
            <MetricsTable metrics={live.metrics} />
            <label className="legend-line">
              <input type="checkbox" checked={logLoss} onChange={(e) => setLogLoss(e.currentTarget.checked)} /> log-scale loss
            </label>
            <div className="sized-plot" style={{ '--plot-h': '280px' } as CSSProperties}>
              <PlotView figure={figure} ariaLabel="Training and test loss and accuracy over epochs" />
            </div>
          </section>
        </div>

        <div className="train-row">
          <section className="train-card" aria-labelledby="units-title">
            <h2 id="units-title">Hidden units</h2>
            {live.dataset && live.dataset.dim > 2 ? (
              <p className="empty">Hidden-unit maps draw 1-D and 2-D inputs; for the {live.dataset.dim} inputs of {live.dataset.name} see the first-layer weights in the task view.</p>
            ) : live.units && live.dataset ? (
              <UnitMaps layers={live.units.layers} gridSize={live.units.gridSize} dim={live.dataset.dim} />
            ) : (
              <p className="loading">…</p>
            )}
          </section>
          <section className="train-card" aria-labelledby="shapes-title">
            <h2 id="shapes-title">Activation per layer: now vs. at the start</h2>
            <LearnedShapes sel={state.activation} learn={state.learn} learned={live.learned} />
          </section>
        </div>
        <LayerLenses history={lenses} lr={state.lr} optimizer={state.optimizer} />
        <RunFilePanel mode="train" send={send} listenerRef={listenerRef} canSave={ready} />
      </div>
    </div>
  );
}
