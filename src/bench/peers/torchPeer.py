"""The bench's training step in PyTorch, one thread: per activation a [S, ...] stack of its S seeds'
networks (torch.baddbmm), autograd through f, Adam written out as the engine applies it (eps added
to sqrt(v_hat)). Reads the problem (peerProblem.ts) as JSON from argv[1] and the activations from
the generated module argv[2]; prints one JSON line: per batch size, the least ms per step (wall and
process CPU) over the repeats."""
import importlib.util, json, sys, time

import torch
import torch.nn.functional as F

torch.set_num_threads(1)
cfg = json.load(open(sys.argv[1]))
spec = importlib.util.spec_from_file_location("peer_acts", sys.argv[2])
acts = importlib.util.module_from_spec(spec)
spec.loader.exec_module(acts)

n, dim, S = cfg["n"], cfg["dim"], len(cfg["seeds"])
X = torch.tensor(cfg["x"], dtype=torch.float32).reshape(n, dim)
Y = torch.tensor(cfg["y"], dtype=torch.float32).reshape(n, 1)
b1, b2, lr, eps = cfg["beta1"], cfg["beta2"], cfg["lr"], cfg["eps"]


def stack(a):
    """Trained tensors (W, b per layer, then trained activation parameters) and fixed ones."""
    trained, fixed, per_layer = [], [], []
    L = len(cfg["layers"][0])
    for l in range(L):
        W = torch.stack([torch.tensor(seed[l]["W"], dtype=torch.float32).reshape(seed[l]["fanIn"], seed[l]["fanOut"]) for seed in cfg["layers"]])
        b = torch.stack([torch.tensor(seed[l]["b"], dtype=torch.float32).reshape(1, seed[l]["fanOut"]) for seed in cfg["layers"]])
        trained += [W.requires_grad_(), b.requires_grad_()]
    for l in range(L - 1):
        ps = []
        for j, learn in enumerate(a["learnable"]):
            t = torch.tensor([v[l][j] for v in a["values"]], dtype=torch.float32).reshape(S, 1, 1)
            if learn:
                t.requires_grad_()
                trained.append(t)
            else:
                fixed.append(t)
            ps.append(t)
        per_layer.append(ps)
    return trained, per_layer


def forward(a, fn, trained, per_layer, x):
    L = len(cfg["layers"][0])
    h = x
    for l in range(L):
        z = torch.baddbmm(trained[2 * l + 1], h, trained[2 * l])
        h = z if l == L - 1 else fn(z, *per_layer[l])
    return h


def batch(bs, t):
    if bs >= n:
        return X.expand(S, n, dim), Y.expand(S, n, 1)
    per_epoch = -(-n // bs)
    epoch, start = t // per_epoch, (t % per_epoch) * bs
    idx = torch.tensor([o[start:start + bs] for o in cfg["orders"][epoch]], dtype=torch.long)
    return X[idx], Y[idx]


results = []
for bs, steps in cfg["batches"]:
    stacks = []
    for k, a in enumerate(cfg["activations"]):
        trained, per_layer = stack(a)
        stacks.append((a, getattr(acts, f"act_{k}"), trained, per_layer, [torch.zeros_like(w) for w in trained], [torch.zeros_like(w) for w in trained]))
    t = 0

    def run(count):
        global t
        for _ in range(count):
            x, y = batch(bs, t)
            bc1, bc2 = 1 - b1 ** (t + 1), 1 - b2 ** (t + 1)
            for a, fn, trained, per_layer, m, v in stacks:
                z = forward(a, fn, trained, per_layer, x)
                loss = (torch.relu(z) - z * y + F.softplus(-torch.abs(z))).mean((1, 2)).sum()
                grads = torch.autograd.grad(loss, trained)
                with torch.no_grad():
                    for w, g, mi, vi in zip(trained, grads, m, v):
                        mi.mul_(b1).add_(g, alpha=1 - b1)
                        vi.mul_(b2).addcmul_(g, g, value=1 - b2)
                        w.sub_((mi / bc1) * lr / ((vi / bc2).sqrt() + eps))
            t += 1

    run(1)
    best_wall = best_cpu = float("inf")
    for _ in range(cfg["repeats"]):
        w0, c0 = time.perf_counter(), time.process_time()
        run(steps)
        best_wall = min(best_wall, (time.perf_counter() - w0) * 1000 / steps)
        best_cpu = min(best_cpu, (time.process_time() - c0) * 1000 / steps)
    results.append({"batchSize": bs, "step": {"wallMs": best_wall, "cpuMs": best_cpu}})
print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(), "steps": results}))
