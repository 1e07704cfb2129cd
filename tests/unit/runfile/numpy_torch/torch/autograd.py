"""The fake torch's autograd: custom Functions and torch.autograd.grad over the tensor graph."""
import numpy as np


class _Ctx:
    def save_for_backward(self, *tensors):
        self.saved_tensors = tensors


class Function:
    @classmethod
    def apply(cls, *args):
        from . import Tensor, no_grad
        ctx = _Ctx()
        ctx.needs_input_grad = tuple(isinstance(a, Tensor) and a.requires_grad for a in args)
        with no_grad():
            out = cls.forward(ctx, *args)
        cache = {}  # one backward call per forward, shared by every input's vjp

        def vjp_for(i):
            def vjp(g):
                if 'grads' not in cache:
                    with no_grad():
                        cache['grads'] = cls.backward(ctx, Tensor(g))
                return np.asarray(cache['grads'][i].a, dtype=np.float32)
            return vjp
        return Tensor.make(out.a, [(a, vjp_for(i)) for i, a in enumerate(args)])


def grad(output, inputs):
    """Gradients of a scalar output with respect to `inputs`, by reverse topological order."""
    from . import Tensor
    order, seen = [], set()

    def visit(t):
        if id(t) in seen:
            return
        seen.add(id(t))
        for parent, _ in t.parents:
            visit(parent)
        order.append(t)
    visit(output)
    grads = {id(output): np.ones_like(output.a, dtype=np.float32)}
    for t in reversed(order):
        g = grads.get(id(t))
        if g is None:
            continue
        for parent, vjp in t.parents:
            contribution = np.asarray(vjp(g), dtype=np.float32)
            grads[id(parent)] = grads[id(parent)] + contribution if id(parent) in grads else contribution
    return tuple(Tensor(grads.get(id(x), np.zeros_like(x.a))) for x in inputs)
