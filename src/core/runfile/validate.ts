/**
 * Reading untrusted run files: every field is checked against the schema and against the rest of
 * the file (weights shaped for the architecture, labels within the classes, parameters of the
 * named activation within their ranges, permutations that are permutations), so a file that loads
 * can be retrained and exported without further checks. Problems throw RunFileError with the
 * JSONPath of the first offending value.
 */
import { compileActivation } from '../activation/compile';
import type { CompiledActivation } from '../activation/types';
import { datasetInfo, datasetNames, MAX_POINTS } from '../data/datasets';
import { customId, decodeCustomId, isCustomId } from '../custom/encoding';
import { customEntry, customIdProblem } from '../custom/compileCustom';
import type { CustomActivation, CustomParam } from '../custom/types';
import { validateCustom } from '../custom/validate';
import { getEntry, suggestEntry } from '../registry/index';
import type { ActivationEntry } from '../registry/types';
import { layerWidths, MAX_HIDDEN_LAYERS } from '../train/architecture';
import { INIT_SCHEMES, schemeTakes } from '../train/init';
import { OPTIMIZERS } from '../train/choices';
import {
  array, at, boolean, fail, field, float32, matrix, number, numberOrNull, numbers, object, oneOf, record, string, type Json,
} from './jsonChecks';
import {
  COMPARISON_SCHEMA, RUN_FILE_VERSION, RUN_SCHEMA,
  type ComparisonFile, type RunFile, type RunFileConfig, type RunFileData,
} from './schema';
import { RunFileError } from './errors';

/** Semantic version (major.minor.patch, optional pre-release and build parts of safe characters). */
const SEMVER = /^\d{1,9}\.\d{1,9}\.\d{1,9}(?:-[0-9A-Za-z.-]{1,40})?(?:\+[0-9A-Za-z.-]{1,40})?$/;
/** What Date.prototype.toISOString writes (UTC, optional milliseconds). */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;
/** tf.js backends a run can have been measured on. */
const ACTIVATION_FIELDS = ['id', 'params', 'options', 'learnable', 'custom'];
const RECORDED_BACKENDS = ['cpu', 'wasm', 'webgl', 'webgpu'] as const;

function checkHeader(o: Record<string, Json>, path: string, schema: string): void {
  const found = field(o, 'schema', path);
  if (found !== schema) {
    const other = found === RUN_SCHEMA ? 'a run file' : found === COMPARISON_SCHEMA ? 'a comparison file' : null;
    fail(at(path, 'schema'), other ? `this is ${other}, expected "${schema}"` : `expected "${schema}", found ${JSON.stringify(found)}: not an Activation Playground file`);
  }
  const format = number(field(o, 'version', path), at(path, 'version'), { integer: true, min: 1 });
  if (format > RUN_FILE_VERSION) {
    fail(at(path, 'version'), `written by a newer Activation Playground (file format version ${format}; this build reads up to version ${RUN_FILE_VERSION}). Update the playground to open it.`);
  }
  // These three are copied into exported scripts: held to strict patterns here (and escaped there).
  const version = string(field(o, 'projectVersion', path), at(path, 'projectVersion'));
  if (!SEMVER.test(version)) fail(at(path, 'projectVersion'), `${JSON.stringify(version.slice(0, 40))} is not a version number such as "0.1.0"`);
  const created = string(field(o, 'createdAt', path), at(path, 'createdAt'));
  if (!ISO_DATE.test(created) || !Number.isFinite(Date.parse(created))) {
    fail(at(path, 'createdAt'), `${JSON.stringify(created.slice(0, 40))} is not an ISO 8601 UTC time such as "2026-11-30T12:00:00.000Z"`);
  }
  oneOf(field(o, 'backend', path), at(path, 'backend'), RECORDED_BACKENDS);
}

/** A typed formula as a run file holds it ({name, formula, params: [{name, default, min, max, learnable}]}). */
function checkCustomShape(v: Json, path: string): CustomActivation {
  const o = object(v, path);
  const name = string(field(o, 'name', path), at(path, 'name'));
  const formula = string(field(o, 'formula', path), at(path, 'formula'));
  const params = array(field(o, 'params', path), at(path, 'params')).map((pv, i): CustomParam => {
    const pPath = at(at(path, 'params'), i);
    const p = object(pv, pPath);
    return {
      name: string(field(p, 'name', pPath), at(pPath, 'name')),
      default: number(field(p, 'default', pPath), at(pPath, 'default')),
      min: number(field(p, 'min', pPath), at(pPath, 'min')),
      max: number(field(p, 'max', pPath), at(pPath, 'max')),
      learnable: boolean(field(p, 'learnable', pPath), at(pPath, 'learnable')),
    };
  });
  return { name, formula, params };
}

/**
 * The entry the activation spec names. A typed formula is either in the id itself (`my.…`) or in
 * `custom`; then the id must be that formula's own id, so retraining, the label and the export
 * all use the one formula the file shows.
 */
function activationEntry(o: Record<string, Json>, id: string, path: string): ActivationEntry {
  if (o.custom !== undefined) {
    const cPath = at(path, 'custom');
    const def = checkCustomShape(o.custom, cPath);
    const problem = validateCustom(def)[0];
    if (problem) fail(problem.field.split('.').reduce<string>((p, k) => at(p, /^\d+$/.test(k) ? Number(k) : k), cPath), problem.message);
    const ownId = customId(def);
    if (id !== ownId) fail(at(path, 'id'), `"${id.slice(0, 40)}" is not the id of the typed formula in custom (${JSON.stringify(def.formula.slice(0, 60))}, id "${ownId.slice(0, 40)}…")`);
    return customEntry(def);
  }
  if (isCustomId(id)) {
    const problem = customIdProblem(id);
    if (problem) fail(at(path, 'id'), problem);
    return customEntry(decodeCustomId(id));
  }
  const entry = getEntry(id);
  if (!entry) {
    const guess = suggestEntry(id);
    fail(at(path, 'id'), `unknown activation "${id.slice(0, 60)}"${guess ? ` (did you mean "${guess.id}"?)` : ''}`);
  }
  return entry;
}

function checkActivation(v: Json, path: string): CompiledActivation {
  const o = object(v, path);
  const id = string(field(o, 'id', path), at(path, 'id'));
  for (const key of Object.keys(o)) {
    if (!ACTIVATION_FIELDS.includes(key)) fail(at(path, key), `unknown field; an activation has ${ACTIVATION_FIELDS.join(', ')}`);
  }
  const entry = activationEntry(o, id, path);
  const params = o.params === undefined ? new Map<string, number>() : record(o.params, at(path, 'params'), number);
  const options = o.options === undefined ? new Map<string, string>() : record(o.options, at(path, 'options'), string);
  const learnable = o.learnable === undefined ? new Map<string, boolean>() : record(o.learnable, at(path, 'learnable'), boolean);
  const specs = entry.options ?? [];
  for (const name of options.keys()) {
    if (!specs.some((s) => s.name === name)) fail(at(at(path, 'options'), name), `"${entry.id}" has no option "${name.slice(0, 40)}"`);
  }
  let compiled: CompiledActivation;
  try {
    compiled = compileActivation(entry, Object.fromEntries(options));
  } catch (e) {
    fail(at(path, 'options'), (e as Error).message.split('\n')[0]);
  }
  const known = new Map(compiled.params.map((p) => [p.name, p]));
  for (const [name, value] of params) {
    const spec = known.get(name);
    if (!spec) fail(at(at(path, 'params'), name), `"${entry.id}" has no parameter "${name.slice(0, 40)}"`);
    if (value < spec.min || value > spec.max) fail(at(at(path, 'params'), name), `${value} is outside [${spec.min}, ${spec.max}]`);
  }
  for (const [name, on] of learnable) {
    const spec = known.get(name);
    if (!spec) fail(at(at(path, 'learnable'), name), `"${entry.id}" has no parameter "${name.slice(0, 40)}"`);
    if (on && spec.learnable === 'no') fail(at(at(path, 'learnable'), name), `parameter ${name} of "${entry.id}" is fixed and cannot be trained`);
  }
  return compiled;
}

function checkConfig(v: Json, path: string): { config: RunFileConfig; compiled: CompiledActivation } {
  const o = object(v, path);
  const dsPath = at(path, 'dataset');
  const ds = object(field(o, 'dataset', path), dsPath);
  oneOf(field(ds, 'name', dsPath), at(dsPath, 'name'), datasetNames());
  number(field(ds, 'n', dsPath), at(dsPath, 'n'), { integer: true, min: 2, max: MAX_POINTS });
  number(field(ds, 'noise', dsPath), at(dsPath, 'noise'), { min: 0, max: 10 });
  number(field(ds, 'testFraction', dsPath), at(dsPath, 'testFraction'), { min: 0, max: 0.9 });
  number(field(ds, 'seed', dsPath), at(dsPath, 'seed'));

  const hidden = array(field(o, 'hidden', path), at(path, 'hidden'));
  if (hidden.length < 1 || hidden.length > MAX_HIDDEN_LAYERS) fail(at(path, 'hidden'), `expected 1 to ${MAX_HIDDEN_LAYERS} hidden layer widths, found ${hidden.length}`);
  hidden.forEach((h, i) => number(h, at(at(path, 'hidden'), i), { integer: true, min: 1, max: 1024 }));

  const compiled = checkActivation(field(o, 'activation', path), at(path, 'activation'));
  number(field(o, 'seed', path), at(path, 'seed'), { integer: true });
  const init = oneOf(field(o, 'init', path), at(path, 'init'), INIT_SCHEMES);
  if (init === 'siren') number(field(o, 'sirenOmega0', path), at(path, 'sirenOmega0'), { above: 0 });
  else if (o.sirenOmega0 !== undefined) fail(at(path, 'sirenOmega0'), 'only the siren init has ω0');
  const takes = schemeTakes(init);
  if (takes.sigmaW) number(field(o, 'initSigmaW', path), at(path, 'initSigmaW'), { above: 0, max: 100 });
  else if (o.initSigmaW !== undefined) fail(at(path, 'initSigmaW'), 'only the gaussian init has σ_w (the others work it out or fix it)');
  if (takes.sigmaB) number(field(o, 'initSigmaB', path), at(path, 'initSigmaB'), { min: 0, max: 100 });
  else if (o.initSigmaB !== undefined) fail(at(path, 'initSigmaB'), 'only the gaussian and edge-of-chaos inits have σ_b');

  const optPath = at(path, 'optimizer');
  const opt = object(field(o, 'optimizer', path), optPath);
  oneOf(field(opt, 'name', optPath), at(optPath, 'name'), OPTIMIZERS);
  number(field(opt, 'lr', optPath), at(optPath, 'lr'), { above: 0 });
  for (const k of ['momentum', 'beta1', 'beta2']) number(field(opt, k, optPath), at(optPath, k), { min: 0, below: 1 });
  number(field(opt, 'eps', optPath), at(optPath, 'eps'), { above: 0 });
  number(field(opt, 'l2', optPath), at(optPath, 'l2'), { min: 0 });

  number(field(o, 'batchSize', path), at(path, 'batchSize'), { integer: true, min: 1 });
  number(field(o, 'epochs', path), at(path, 'epochs'), { integer: true, min: 1, max: 100_000 });
  return { config: o as unknown as RunFileConfig, compiled };
}

function checkData(v: Json, path: string, config: RunFileConfig): RunFileData {
  const o = object(v, path);
  const info = datasetInfo(config.dataset.name);
  const expect = (key: string, want: Json): void => {
    const got = field(o, key, path);
    if (got !== want) fail(at(path, key), `is ${JSON.stringify(got)} but dataset "${info.name}" has ${key} ${JSON.stringify(want)}`);
  };
  expect('task', info.task);
  expect('dim', info.dim);
  expect('classes', info.classes);
  expect('outputDim', info.task === 'multiclass' ? info.classes : 1);
  const sizes = (['train', 'test'] as const).map((name) => {
    const sPath = at(path, name);
    const s = object(field(o, name, path), sPath);
    const x = array(field(s, 'x', sPath), at(sPath, 'x'));
    matrix(x, at(sPath, 'x'), x.length, info.dim, 'one row per point');
    const y = numbers(field(s, 'y', sPath), at(sPath, 'y'), x.length, 'one target per row of x');
    if (info.task !== 'regression') {
      y.forEach((c, i) => {
        if (!Number.isInteger(c) || c < 0 || c >= info.classes) fail(at(at(sPath, 'y'), i), `class label ${c} is not one of 0..${info.classes - 1}`);
      });
    }
    return x.length;
  });
  if (sizes[0] < 1) fail(at(at(path, 'train'), 'x'), 'the training set is empty');
  if (sizes[0] + sizes[1] !== config.dataset.n) {
    fail(path, `train (${sizes[0]}) + test (${sizes[1]}) points do not add up to config.dataset.n = ${config.dataset.n}`);
  }
  if (config.batchSize > sizes[0]) fail('$.config.batchSize', `${config.batchSize} exceeds the ${sizes[0]} training points (full batch is written as the training-set size)`);
  return o as unknown as RunFileData;
}

function checkState(v: Json, path: string, config: RunFileConfig, data: RunFileData, compiled: CompiledActivation): void {
  const o = object(v, path);
  const gated = compiled.vars.length === 2;
  const widths = layerWidths({ inputDim: data.dim, hidden: config.hidden, outputDim: data.outputDim, gated });
  const layers = array(field(o, 'layers', path), at(path, 'layers'), widths.length - 1, `${config.hidden.length} hidden layers + output`);
  layers.forEach((lv, l) => {
    const lPath = at(at(path, 'layers'), l);
    const layer = object(lv, lPath);
    const [fanIn, fanOut] = [widths[l], widths[l + 1]];
    matrix(field(layer, 'W', lPath), at(lPath, 'W'), fanIn, fanOut, `layer ${l + 1} is ${fanIn} × ${fanOut}`);
    numbers(field(layer, 'b', lPath), at(lPath, 'b'), fanOut, `layer ${l + 1} has ${fanOut} outputs`);
    const isGatedHidden = gated && l < widths.length - 2;
    for (const key of ['V', 'c']) {
      if (!isGatedHidden && layer[key] !== undefined) fail(at(lPath, key), `only gated hidden layers have ${key}`);
    }
    if (isGatedHidden) {
      matrix(field(layer, 'V', lPath), at(lPath, 'V'), fanIn, fanOut, `layer ${l + 1} is ${fanIn} × ${fanOut}`);
      numbers(field(layer, 'c', lPath), at(lPath, 'c'), fanOut, `layer ${l + 1} has ${fanOut} outputs`);
    }
  });
  const names = compiled.params.map((p) => p.name);
  const apPath = at(path, 'activationParams');
  const perLayer = array(field(o, 'activationParams', path), apPath, config.hidden.length, 'one record per hidden layer');
  perLayer.forEach((rv, l) => {
    const rec = record(rv, at(apPath, l), float32);
    for (const name of names) if (!rec.has(name)) fail(at(at(apPath, l), name), 'missing activation parameter');
    for (const name of rec.keys()) {
      if (!names.includes(name)) fail(at(at(apPath, l), name), `"${compiled.entry.id}" has no parameter "${name.slice(0, 40)}"`);
    }
  });
  const learnPath = at(path, 'learnable');
  array(field(o, 'learnable', path), learnPath).forEach((n, i) => {
    const name = string(n, at(learnPath, i));
    if (!names.includes(name)) fail(at(learnPath, i), `"${compiled.entry.id}" has no parameter "${name.slice(0, 40)}"`);
  });
}

function checkBatchOrder(v: Json, path: string, config: RunFileConfig, nTrain: number): void {
  const o = object(v, path);
  const kind = oneOf(field(o, 'kind', path), at(path, 'kind'), ['permutations', 'full-batch'] as const);
  const full = config.batchSize >= nTrain;
  if (kind === 'full-batch') {
    if (!full) fail(at(path, 'kind'), `full-batch, but config.batchSize ${config.batchSize} is smaller than the ${nTrain} training points`);
    return;
  }
  if (full) fail(at(path, 'kind'), 'permutations given for a full-batch run');
  string(field(o, 'algorithm', path), at(path, 'algorithm'));
  number(field(o, 'seed', path), at(path, 'seed'), { integer: true });
  const pPath = at(path, 'permutations');
  const perms = array(field(o, 'permutations', path), pPath, config.epochs, 'one per epoch');
  const seen = new Uint8Array(nTrain);
  perms.forEach((pv, e) => {
    const p = numbers(pv, at(pPath, e), nTrain, 'one index per training point');
    seen.fill(0);
    p.forEach((i, k) => {
      if (!Number.isInteger(i) || i < 0 || i >= nTrain || seen[i]) fail(at(at(pPath, e), k), `${i} is not a new index in 0..${nTrain - 1}: not a permutation`);
      seen[i] = 1;
    });
  });
}

function checkHistory(v: Json, path: string, config: RunFileConfig, task: string): void {
  const h = array(v, path);
  if (h.length < 1 || h.length > config.epochs + 1) fail(path, `expected 1 to ${config.epochs + 1} epoch records (epoch 0 = before training), found ${h.length}`);
  h.forEach((ev, i) => {
    const ePath = at(path, i);
    const e = object(ev, ePath);
    const epoch = number(field(e, 'epoch', ePath), at(ePath, 'epoch'), { integer: true });
    if (epoch !== i) fail(at(ePath, 'epoch'), `expected epoch ${i}, found ${epoch}`);
    numberOrNull(field(e, 'trainLoss', ePath), at(ePath, 'trainLoss'));
    numberOrNull(field(e, 'testLoss', ePath), at(ePath, 'testLoss'));
    for (const k of ['trainAcc', 'testAcc']) {
      const acc = numberOrNull(field(e, k, ePath), at(ePath, k));
      if (acc !== null && (task === 'regression' || acc < 0 || acc > 1)) fail(at(ePath, k), task === 'regression' ? 'regression runs have no accuracy (null)' : `accuracy ${acc} is outside [0, 1]`);
    }
    if (e.lenses !== undefined) checkLenses(e.lenses, at(ePath, 'lenses'), config.hidden.length);
  });
}

const LAYER_LENS_FIELDS = ['width', 'dead', 'sparsity', 'preMean', 'preStd', 'gradNorm'];

function checkLenses(v: Json, path: string, hiddenLayers: number): void {
  const o = object(v, path);
  number(field(o, 'points', path), at(path, 'points'), { integer: true, min: 1 });
  const layers = array(field(o, 'layers', path), at(path, 'layers'), hiddenLayers, 'one per hidden layer');
  layers.forEach((lv, l) => {
    const lPath = at(at(path, 'layers'), l);
    const lens = object(lv, lPath);
    for (const key of Object.keys(lens)) if (!LAYER_LENS_FIELDS.includes(key)) fail(at(lPath, key), `unknown field; a layer's lenses are ${LAYER_LENS_FIELDS.join(', ')}`);
    number(field(lens, 'width', lPath), at(lPath, 'width'), { integer: true, min: 1 });
    for (const k of ['dead', 'sparsity']) number(field(lens, k, lPath), at(lPath, k), { min: 0, max: 1 });
    numberOrNull(field(lens, 'preMean', lPath), at(lPath, 'preMean'));
    for (const k of ['preStd', 'gradNorm']) {
      const x = numberOrNull(field(lens, k, lPath), at(lPath, k));
      if (x !== null && x < 0) fail(at(lPath, k), `${x} is negative`);
    }
  });
  const g = numberOrNull(field(o, 'outputGradNorm', path), at(path, 'outputGradNorm'));
  if (g !== null && g < 0) fail(at(path, 'outputGradNorm'), `${g} is negative`);
}

function checkDivergence(v: Json, path: string): void {
  if (v === null) return;
  const d = object(v, path);
  number(field(d, 'epoch', path), at(path, 'epoch'), { integer: true, min: 1 });
  number(field(d, 'step', path), at(path, 'step'), { integer: true, min: 1 });
  string(field(d, 'message', path), at(path, 'message'));
}

/** Checks parsed JSON and returns it typed as a RunFile; throws RunFileError naming the problem. */
export function validateRunFile(json: Json, path = '$'): RunFile {
  const o = object(json, path);
  checkHeader(o, path, RUN_SCHEMA);
  const { config, compiled } = checkConfig(field(o, 'config', path), at(path, 'config'));
  const data = checkData(field(o, 'data', path), at(path, 'data'), config);
  checkState(field(o, 'initial', path), at(path, 'initial'), config, data, compiled);
  checkBatchOrder(field(o, 'batchOrder', path), at(path, 'batchOrder'), config, data.train.x.length);
  checkHistory(field(o, 'history', path), at(path, 'history'), config, data.task);
  checkDivergence(field(o, 'diverged', path), at(path, 'diverged'));
  return o as unknown as RunFile;
}

export function validateComparisonFile(json: Json): ComparisonFile {
  const o = object(json, '$');
  checkHeader(o, '$', COMPARISON_SCHEMA);
  oneOf(field(o, 'status', '$'), '$.status', ['complete', 'cancelled'] as const);
  const runs = array(field(o, 'runs', '$'), '$.runs');
  if (runs.length === 0) fail('$.runs', 'a comparison needs at least one run');
  runs.forEach((r, i) => validateRunFile(r, at('$.runs', i)));
  array(field(o, 'summary', '$'), '$.summary').forEach((s, i) => {
    const row = object(s, at('$.summary', i));
    string(field(row, 'label', at('$.summary', i)), at(at('$.summary', i), 'label'));
  });
  return o as unknown as ComparisonFile;
}

/** File text → a run file or a comparison file (by its schema), with JSON syntax errors as RunFileError. */
export function parseRunFileText(text: string): RunFile | ComparisonFile {
  let json: Json;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new RunFileError('$', `not valid JSON (${(e as Error).message})`);
  }
  const schema = typeof json === 'object' && json !== null ? (json as Record<string, Json>).schema : undefined;
  return schema === COMPARISON_SCHEMA ? validateComparisonFile(json) : validateRunFile(json);
}
