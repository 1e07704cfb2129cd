/**
 * A whole training run as one standalone Python file that needs only torch: the activation (the
 * PyTorch export of ./pytorch.ts, whose backward is the playground's own f′ and ∂f/∂p), the same
 * MLP started from the run file's initial weights, the same data points, the same optimiser
 * formulas (written out, not torch.optim, whose Adam puts ε and L2 differently), the same
 * mini-batch order and number of epochs, all in float32. It prints its per-epoch metrics beside
 * the playground's and the largest relative difference of the two loss curves.
 */
import { compileActivation } from '../activation/compile';
import { customEntry, entryFor } from '../custom/compileCustom';
import { resolveEntry } from '../registry/index';
import { validateRunFile } from '../runfile/validate';
import type { RunFile, RunFileEpoch } from '../runfile/schema';
import { CHAOTIC_THRESHOLD, type RunSensitivity } from '../runfile/sensitivity';
import { planExport } from './export-plan';
import { pyDocText } from './python-doc';
import { exportPyTorch } from './pytorch';
import { CodegenError } from './python-expr';

/** Expected agreement of the loss curves, by backend (see the script's docstring for why). */
export function expectedTolerance(backend: string): number {
  return backend === 'cpu' || backend === 'wasm' ? 1e-4 : 1e-3;
}

/**
 * A script's rounding differs from the playground's by ~1e-7 at every step, where the 1-ulp nudge
 * perturbs only the start: allow this factor over the run's measured sensitivity (and never less
 * than the backend's blanket bound). Measured: up to 16x on a sensitive chebyshev run while it
 * turns chaotic (tests/unit/codegen/runSensitivityTorch.test.ts); 10 was not enough.
 */
const SENSITIVITY_MARGIN = 100;

/**
 * A second engine's retrain (RunSensitivity.engines) already carries per-step rounding: allow
 * this factor over its spread. Measured on a 32-layer SELU run under Adam: PyTorch parts from the
 * playground by 1.9e-4 at epoch 1 where wasm parts by 1.9e-3 (the 1-ulp nudge: 3.6e-7).
 */
const ENGINE_MARGIN = 3;

/**
 * The loss agreement the script states per epoch: max(backend bound, margin × the run's own 1-ulp
 * sensitivity through that epoch); null from the epoch where the run is chaotic (no agreement
 * can be expected there, whatever the reproduction). Without a measurement: the backend bound.
 */
export function expectedSchedule(file: RunFile, sensitivity?: RunSensitivity): (number | null)[] {
  const floor = expectedTolerance(file.backend);
  return file.history.map((h, e) => {
    if (!sensitivity) return floor;
    const s = sensitivity.epochs[e];
    if (!s || (sensitivity.chaoticFrom !== null && h.epoch >= sensitivity.chaoticFrom)) return null;
    const engines = sensitivity.engines ? ENGINE_MARGIN * (sensitivity.engines.lossThrough[e] ?? Infinity) : 0;
    return Math.max(floor, Number(Math.max(SENSITIVITY_MARGIN * s.lossThrough, engines).toPrecision(2)));
  });
}

/** The schedule compacted into "within X through epoch K" steps, for the docstring. */
function scheduleText(schedule: (number | null)[]): string {
  const parts: string[] = [];
  for (let e = 0; e < schedule.length; e++) {
    const b = schedule[e];
    if (b === null) break;
    if (e + 1 < schedule.length && schedule[e + 1] === b) continue;
    parts.push(`within ${b.toPrecision(2)} through epoch ${e}`);
  }
  return parts.join(', ');
}

/** What the recording backend computed, in words (cpu: the batched CPU kernels; see cpu/denseOp.ts). */
function backendArithmetic(backend: string): string {
  switch (backend) {
    case 'cpu':
      return 'the playground ran on the tf.js "cpu" backend, whose batched CPU kernels keep weights and activations in float32 but accumulate the dense sums and hold the activation derivatives in float64 (src/core/cpu/denseOp.ts, derivativeStore.ts).';
    case 'wasm':
      return 'the playground ran on the tf.js "wasm" backend: float32 throughout.';
    default:
      return `the playground ran on the tf.js "${backend}" backend (a GPU): float32 throughout, with the GPU's own exp, log and tanh.`;
  }
}

/** A Python literal for a JSON-like value of numbers, strings, booleans, null, lists and dicts. */
function py(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`Cannot embed the non-finite number ${value}`);
    return String(value);
  }
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(py).join(', ')}]`;
  return `{${Object.entries(value as Record<string, unknown>).map(([k, v]) => `${JSON.stringify(k)}: ${py(v)}`).join(', ')}}`;
}

/** A long list literal, one item (row) per line, so the file stays diffable and readable. */
function pyRows(name: string, rows: unknown[], comment: string): string {
  if (rows.length === 0) return `${name} = []  # ${comment}`;
  return [`# ${comment}`, `${name} = [`, ...rows.map((r) => `    ${py(r)},`), ']'].join('\n');
}

function historyRows(history: RunFileEpoch[]): unknown[] {
  return history.map((h) => ({ epoch: h.epoch, train_loss: h.trainLoss, test_loss: h.testLoss, train_acc: h.trainAcc, test_acc: h.testAcc }));
}

function agreementText(tolerance: number, sensitivity: RunSensitivity | undefined, schedule: (number | null)[]): string {
  const why = `Both sides start from the same weights, data and batch order, but not bit for
bit: torch and tf.js sum in a different order inside matmul and mean, their float32 exp, log and
tanh differ in the last bit, and the cpu backend accumulates in float64. Training carries these
~1e-7 differences along and amplifies them as much as the run itself amplifies a change of its start.`;
  if (!sensitivity) {
    return `Expected agreement (not measured for this run): the largest relative difference between this
script's loss curve and the playground's should be about ${tolerance} or below (${tolerance === 1e-4 ? 'CPU/WASM backend' : 'GPU backend'}),
unless the run is chaotic. ${why} Export with the run's sensitivity measured (the page does;
CLI: export-run --sensitivity) for a bound that holds for this run, epoch by epoch.`;
  }
  const g = (v: number): string => (Number.isFinite(v) ? v.toPrecision(2) : 'not finite');
  const chaos = sensitivity.chaoticFrom;
  const measured = `Measured for this run (${sensitivity.backend} backend): retrained from its initial weights
each moved one float32 ulp up, the playground's own loss curve moves by up to ${g(sensitivity.maxLoss)} (relative)${sensitivity.maxAccuracy === null ? '' : `, accuracy by up to ${g(sensitivity.maxAccuracy)}`};
it stays within 1e-4 through epoch ${sensitivity.reproducibleThrough}.${
    sensitivity.engines
      ? `
Retrained unnudged on ${sensitivity.engines.backend} (another engine, whose float32 rounding differs at
every step), it moves by up to ${g(sensitivity.engines.maxLoss)}${sensitivity.engines.partFrom !== null ? ` and parts by over ${CHAOTIC_THRESHOLD} from epoch ${sensitivity.engines.partFrom}` : ''}.`
      : ''
  }`;
  const tail =
    chaos === null
      ? ''
      : sensitivity.epochs[chaos].loss > CHAOTIC_THRESHOLD
        ? ` Beyond epoch ${chaos - 1} this run is chaotic: a 1-ulp nudge of the initial weights moves its
loss by ${g(sensitivity.epochs[chaos].loss)} at epoch ${chaos} (over the ${CHAOTIC_THRESHOLD} threshold), so no agreement is expected there.`
        : ` Beyond epoch ${chaos - 1} this run is chaotic: two engines' rounding alone parts its loss by
more than ${CHAOTIC_THRESHOLD} by epoch ${chaos}, so no agreement is expected there.`;
  return `Expected agreement of the loss curves (relative, per epoch; EXPECTED_BOUND below):
${scheduleText(schedule) || 'none (chaotic from epoch 0)'}.${tail}
${measured}
The bound is ${SENSITIVITY_MARGIN} x that measured sensitivity${sensitivity.engines ? ` or ${ENGINE_MARGIN} x the second engine's spread, whichever is larger,` : ','} and never below ${tolerance} (${tolerance === 1e-4 ? 'CPU/WASM backend' : 'GPU backend'}). ${why}`;
}

function docstring(file: RunFile, className: string, tolerance: number, sensitivity: RunSensitivity | undefined, schedule: (number | null)[]): string {
  const c = file.config;
  const o = c.optimizer;
  const opt =
    o.name === 'adam'
      ? `Adam (lr ${o.lr}, beta1 ${o.beta1}, beta2 ${o.beta2}, eps ${o.eps} added to sqrt(v_hat))`
      : o.name === 'momentum'
        ? `SGD with momentum (lr ${o.lr}, v <- ${o.momentum}*v + g; p <- p - lr*v)`
        : `plain SGD (lr ${o.lr})`;
  const act = [c.activation.id, ...Object.entries(c.activation.options ?? {}).map(([k, v]) => `${k}=${v}`)].join(' ');
  const text = `Activation Playground run, reproduced in PyTorch. Needs only torch; run: python3 <this file> [--float64]

Activation: ${act} (class ${className}; one module per hidden layer, each with its own parameters).
Network: ${file.data.dim} -> ${c.hidden.join(' -> ')} -> ${file.data.outputDim} (${file.initial.layers.length} dense layers), initial weights embedded below.
Data: ${c.dataset.name}, ${file.data.train.y.length} training and ${file.data.test.y.length} test points, embedded below.
Training: ${opt}; L2 ${o.l2} on weight matrices only (g <- g + l2*W); batch size ${c.batchSize}${c.batchSize >= file.data.train.y.length ? ' (full batch)' : ', batches in the embedded per-epoch order'}; ${c.epochs} epochs planned, ${file.history.length - 1} recorded.
Loss: ${file.data.task === 'binary' ? 'sigmoid cross-entropy from logits' : file.data.task === 'multiclass' ? 'softmax cross-entropy' : 'squared error'}, averaged over the batch.
Recorded by Activation Playground ${file.projectVersion} on the tf.js "${file.backend}" backend, ${file.createdAt}.

What each side computes: ${backendArithmetic(file.backend)} This script runs in
float32 by default (python3 <this file> --float64 for a float64 reference).

${agreementText(tolerance, sensitivity, schedule)}
`;
  // Names, versions and dates come from the file: escaped, whatever the validator let through.
  return `r"""${pyDocText(text)}"""`;
}

const RUN_CODE = `# python3 <this file> --float64 runs everything in float64 (parameters, data, arithmetic): the
# reference to hold float32 runs against, and closer to the cpu backend's float64 accumulation.
FLOAT64 = "--float64" in sys.argv[1:]
DTYPE = torch.float64 if FLOAT64 else torch.float32


def _tensor(value):
    """A tensor in the run's dtype (float32 unless --float64)."""
    return torch.tensor(value, dtype=DTYPE)


def _targets(labels):
    """The engine's targets: one column for binary and regression, one-hot rows for multiclass."""
    y = _tensor(labels)
    if RUN_TASK == "multiclass":
        return F.one_hot(y.long(), RUN_CLASSES).to(DTYPE)
    return y.reshape(-1, 1)


def _inputs(rows):
    return _tensor(rows).reshape(len(rows), RUN_DIM)


def build_network():
    """Dense layers (W: fan_in x fan_out, a = h @ W + b) from the embedded initial weights, and
    one activation module per hidden layer with that layer's parameter values."""
    layers = [{key: _tensor(value).requires_grad_(True) for key, value in layer.items()} for layer in RUN_INITIAL_LAYERS]
    activations = [RUN_ACTIVATION_CLASS(**params) for params in RUN_ACTIVATION_PARAMS]
    if FLOAT64:
        activations = [module.double() for module in activations]
    return layers, activations


def forward(x, layers, activations):
    h = x
    for index, layer in enumerate(layers):
        a = h @ layer["W"] + layer["b"]
        if index == len(layers) - 1:
            return a
        if "V" in layer:  # gated block: o(a, u) with u = h @ V + c
            h = activations[index](a, h @ layer["V"] + layer["c"])
        else:
            h = activations[index](a)
    return h


def per_sample_loss(z, y):
    if RUN_TASK == "binary":
        # max(z, 0) - z*y + log(1 + exp(-|z|)): never overflows, as in the playground.
        return (torch.relu(z) - z * y + F.softplus(-torch.abs(z))).sum(-1)
    if RUN_TASK == "multiclass":
        return -(y * torch.log_softmax(z, -1)).sum(-1)
    return torch.square(z - y).sum(-1)


def per_sample_correct(z, y):
    if RUN_TASK == "binary":
        return ((z > 0) == (y > 0.5)).to(DTYPE).squeeze(-1)
    if RUN_TASK == "multiclass":
        return (z.argmax(-1) == y.argmax(-1)).to(DTYPE)
    return None


def evaluate(x, y, layers, activations):
    """Mean loss and accuracy over a whole split (None where undefined)."""
    n = x.shape[0]
    if n == 0:
        return None, None
    with torch.no_grad():
        z = forward(x, layers, activations)
        loss = float(per_sample_loss(z, y).sum()) / n
        correct = per_sample_correct(z, y)
    return loss, (None if correct is None else float(correct.sum()) / n)


def trainables(layers, activations):
    """(tensor, gets L2) pairs: weight matrices decay; biases and activation parameters do not."""
    out = []
    for layer in layers:
        for key in ("W", "b", "V", "c"):
            if key in layer:
                out.append((layer[key], key in ("W", "V")))
    for module in activations:
        out.extend((p, False) for p in module.parameters())
    return out


def optimizer_step(params, grads, state):
    """The playground's update rules, operation for operation (constants as tensors in the run's dtype)."""
    opt = RUN_OPTIMIZER
    state["t"] += 1
    t = state["t"]
    lr = _tensor(opt["lr"])
    for i, ((p, decay), g) in enumerate(zip(params, grads)):
        if decay and opt["l2"] > 0:
            g = g + p * _tensor(opt["l2"])
        if opt["name"] == "sgd":
            p.copy_(p - g * lr)
        elif opt["name"] == "momentum":
            v = state.setdefault(("v", i), torch.zeros_like(p))
            v.copy_(v * _tensor(opt["momentum"]) + g)
            p.copy_(p - v * lr)
        else:
            m = state.setdefault(("m", i), torch.zeros_like(p))
            v = state.setdefault(("v", i), torch.zeros_like(p))
            m.copy_(m * _tensor(opt["beta1"]) + g * _tensor(1 - opt["beta1"]))
            v.copy_(v * _tensor(opt["beta2"]) + torch.square(g) * _tensor(1 - opt["beta2"]))
            m_hat = m / _tensor(1 - opt["beta1"] ** t)
            v_hat = v / _tensor(1 - opt["beta2"] ** t)
            p.copy_(p - (m_hat * lr) / (torch.sqrt(v_hat) + _tensor(opt["eps"])))


def epoch_batches(epoch, n):
    """Index tensors of this epoch's mini-batches (None: the whole training set, in order)."""
    if RUN_BATCH_ORDER is None:
        return [None]
    order = RUN_BATCH_ORDER[epoch - 1]
    return [torch.tensor(order[start:start + RUN_BATCH_SIZE], dtype=torch.long) for start in range(0, n, RUN_BATCH_SIZE)]


def max_relative_difference(ours, theirs):
    """Largest |ours - theirs| / max(|theirs|, 1e-12) over epochs where both are numbers."""
    worst = 0.0
    for a, b in zip(ours, theirs):
        if a is None or b is None:
            continue
        if not (math.isfinite(a) and math.isfinite(b)):
            return math.inf
        worst = max(worst, abs(a - b) / max(abs(b), 1e-12))
    return worst


def _fmt(v):
    return "      -     " if v is None else f"{v:12.7g}"


def train_epoch(epoch, x_train, y_train, layers, activations, params, state):
    """One epoch of mini-batch steps; False (and no update) when a batch loss is not finite."""
    for idx in epoch_batches(epoch, x_train.shape[0]):
        xb, yb = (x_train, y_train) if idx is None else (x_train[idx], y_train[idx])
        loss = per_sample_loss(forward(xb, layers, activations), yb).mean()
        if not torch.isfinite(loss):
            return False
        grads = torch.autograd.grad(loss, [p for p, _ in params])
        with torch.no_grad():
            optimizer_step(params, grads, state)
            for module in activations:
                module.clamp_parameters()
    return True


def main():
    x_train, y_train = _inputs(RUN_TRAIN_X), _targets(RUN_TRAIN_Y)
    x_test, y_test = _inputs(RUN_TEST_X), _targets(RUN_TEST_Y)
    layers, activations = build_network()
    params = trainables(layers, activations)
    state = {"t": 0}
    history = []
    print("epoch   train_loss    test_loss    train_acc     test_acc  playground_train_loss")
    frozen = False
    for epoch in range(len(PLAYGROUND_HISTORY)):
        if epoch > 0 and not frozen:
            last_good = [p.detach().clone() for p, _ in params]
            ok = train_epoch(epoch, x_train, y_train, layers, activations, params, state)
            if ok:
                loss, _ = evaluate(x_train, y_train, layers, activations)
                ok = math.isfinite(loss) and all(bool(torch.isfinite(p).all()) for p, _ in params)
            if not ok:
                # As the playground does: restore the state of the end of the previous epoch and
                # freeze the run; later epochs repeat its metrics.
                with torch.no_grad():
                    for (p, _), saved in zip(params, last_good):
                        p.copy_(saved)
                frozen = True
                print(f"Diverged in epoch {epoch}: the loss became NaN or infinite; restored to the end of epoch {epoch - 1} and stopped.")
        train_loss, train_acc = evaluate(x_train, y_train, layers, activations)
        test_loss, test_acc = evaluate(x_test, y_test, layers, activations)
        history.append({"train_loss": train_loss, "test_loss": test_loss})
        ref = PLAYGROUND_HISTORY[epoch]["train_loss"]
        print(f"{epoch:5d} {_fmt(train_loss)} {_fmt(test_loss)} {_fmt(train_acc)} {_fmt(test_acc)} {_fmt(ref)}")
    diff = max(
        max_relative_difference([h["train_loss"] for h in history], [h["train_loss"] for h in PLAYGROUND_HISTORY]),
        max_relative_difference([h["test_loss"] for h in history], [h["test_loss"] for h in PLAYGROUND_HISTORY]),
    )
    # Per epoch, against the bound this run's own sensitivity gives (None: chaotic, not checked).
    def at(e):
        return max(max_relative_difference([history[e][k]], [PLAYGROUND_HISTORY[e][k]]) for k in ("train_loss", "test_loss"))

    checked = [e for e, bound in enumerate(EXPECTED_BOUND) if bound is not None and e < len(history)]
    over = [e for e in checked if at(e) > EXPECTED_BOUND[e]]
    checked_diff = max((at(e) for e in checked), default=0.0)
    verdict = "within" if not over else f"ABOVE at epoch {over[0]} of"
    if FLOAT64:
        print("(float64 mode: the expected bound is stated for float32; float64 shows how far the run's float32 rounding alone moves it.)")
    last = checked[-1] if checked else -1
    chaotic = "" if last == len(history) - 1 else f"; epochs {last + 1}.. are chaotic and not checked"
    print(f"Through epoch {last}: largest relative difference {checked_diff:.3g} ({verdict} the expected per-epoch bound{chaotic}).")
    print(f"Largest relative difference of the loss curves vs the playground: {diff:.3g} ({verdict} the expected agreement).")
    return diff


if __name__ == "__main__":
    main()`;

/**
 * The run as a standalone PyTorch script. Validates the file first (RunFileError on bad input);
 * throws CodegenError when the activation cannot be exported (e.g. Mittag-Leffler entries).
 */
export function exportRunPyTorch(input: unknown, options: { sensitivity?: RunSensitivity } = {}): string {
  const file = validateRunFile(input);
  const c = file.config;
  // The validator made id and custom agree; a typed formula is exported as itself.
  const entry = c.activation.custom ? customEntry(c.activation.custom) : (entryFor(c.activation.id) ?? resolveEntry(c.activation.id));
  // A stochastic entry trains with masks drawn from the playground's own seeded stream, per step,
  // layer and element; a script without those draws would train its evaluation rule instead and
  // claim to repeat a run it does not. Refused, as Mittag-Leffler entries are.
  if (entry.family === 'stochastic') {
    throw new CodegenError(
      `${entry.id} trains with a fresh random mask per element drawn from the playground's seeded generator, ` +
        'which the PyTorch script cannot reproduce (it would train the evaluation rule instead). ' +
        'Keep the run file to retrain it here, or export the activation itself (its evaluation rule).',
    );
  }
  const compiled = compileActivation(entry, c.activation.options ?? {});
  const learnable = Object.fromEntries(compiled.params.map((p) => [p.name, file.initial.learnable.includes(p.name)]));
  const paramValues = file.initial.activationParams[0];
  const opts = { paramValues, learnable };
  const plan = planExport(compiled, opts);
  const pyName = new Map(plan.params.map((p) => [p.name, p.py]));
  const perLayerParams = file.initial.activationParams.map((rec) =>
    Object.fromEntries(Object.entries(rec).map(([name, v]) => [pyName.get(name) ?? name, v])),
  );
  const tolerance = expectedTolerance(file.backend);
  const { sensitivity } = options;
  if (sensitivity && sensitivity.epochs.length !== file.history.length) {
    throw new CodegenError(`the sensitivity covers ${sensitivity.epochs.length} epochs (with epoch 0), the run ${file.history.length}: it was measured for another run`);
  }
  const schedule = expectedSchedule(file, sensitivity);
  const { optimizer } = c;

  return [
    docstring(file, plan.className, tolerance, sensitivity, schedule),
    'import math',
    'import sys',
    '',
    '# ---- The activation: Activation Playground\'s PyTorch export of this entry ----',
    '',
    exportPyTorch(compiled, opts).trimEnd(),
    '',
    '',
    '# ---- The run (every value below is float32, written as the shortest decimal that reads back exactly) ----',
    '',
    `RUN_ACTIVATION_CLASS = ${plan.className}`,
    `RUN_TASK = ${py(file.data.task)}`,
    `RUN_DIM = ${file.data.dim}`,
    `RUN_CLASSES = ${file.data.classes}`,
    `RUN_BATCH_SIZE = ${c.batchSize}`,
    `RUN_OPTIMIZER = ${py({ name: optimizer.name, lr: optimizer.lr, momentum: optimizer.momentum, beta1: optimizer.beta1, beta2: optimizer.beta2, eps: optimizer.eps, l2: optimizer.l2 })}`,
    `EXPECTED_TOLERANCE = ${tolerance}  # the backend's blanket bound (floor of EXPECTED_BOUND)`,
    `# Per epoch: the loss agreement this run's own sensitivity allows (None: chaotic there, not checked).`,
    `EXPECTED_BOUND = ${py(schedule)}`,
    '# Per hidden layer: the activation parameters (Python names), trained where LEARNABLE says so.',
    `RUN_ACTIVATION_PARAMS = ${py(perLayerParams)}`,
    pyRows('RUN_INITIAL_LAYERS', file.initial.layers, 'Initial dense layers: W as fan_in rows of fan_out values, b per output (V, c: gated blocks).'),
    pyRows('RUN_TRAIN_X', file.data.train.x, 'Training inputs, one row per point.'),
    `RUN_TRAIN_Y = ${py(file.data.train.y)}`,
    pyRows('RUN_TEST_X', file.data.test.x, 'Test inputs, one row per point.'),
    `RUN_TEST_Y = ${py(file.data.test.y)}`,
    file.batchOrder.kind === 'permutations'
      ? pyRows('RUN_BATCH_ORDER', file.batchOrder.permutations, 'Per epoch: the order in which the training points are visited, cut into consecutive batches.')
      : 'RUN_BATCH_ORDER = None  # full batch: every step uses the whole training set',
    pyRows('PLAYGROUND_HISTORY', historyRows(file.history), "The playground's metrics after each epoch (epoch 0 = before training)."),
    '',
    '',
    RUN_CODE,
    '',
  ].join('\n');
}
