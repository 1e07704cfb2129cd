"""Test-only stand-in for `torch`, over numpy float32, with a small reverse-mode autograd: just
the calls the exported run scripts make (src/core/codegen/pytorch-run.ts and the activation
modules of src/core/codegen/pytorch.ts for the activations the tests export). It lets the tests
RUN a generated script where real torch is not installed. Arithmetic is float32 as in torch; the
summation order differs from both torch and tf.js, which is within the script's stated tolerance."""
import contextlib

import numpy as np

from . import autograd, nn  # noqa: F401

float32 = np.float32
long = np.int64
bool_ = np.bool_

_GRAD_ENABLED = [True]


@contextlib.contextmanager
def no_grad():
    _GRAD_ENABLED.append(False)
    try:
        yield
    finally:
        _GRAD_ENABLED.pop()


def _unbroadcast(g, shape):
    """Sum a broadcast gradient back down to `shape`."""
    while g.ndim > len(shape):
        g = g.sum(0)
    for axis, size in enumerate(shape):
        if size == 1 and g.shape[axis] != 1:
            g = g.sum(axis, keepdims=True)
    return g.reshape(shape)


def _arr(v):
    if isinstance(v, Tensor):
        return v.a
    return v


def _as_float(a):
    a = np.asarray(a)
    return a.astype(np.float32) if a.dtype == np.float64 else a


class Tensor:
    def __init__(self, a, parents=(), requires_grad=False):
        self.a = np.asarray(a)
        self.parents = parents  # ((tensor, vjp), ...)
        self.requires_grad = requires_grad or any(p.requires_grad for p, _ in parents)

    # --- graph construction ---
    @staticmethod
    def make(a, links):
        """A result tensor; `links` pairs each input with its vector-Jacobian product."""
        live = tuple((t, f) for t, f in links if isinstance(t, Tensor) and t.requires_grad) if _GRAD_ENABLED[-1] else ()
        return Tensor(_as_float(a) if np.asarray(a).dtype != np.bool_ else a, live)

    def requires_grad_(self, flag=True):
        self.requires_grad = flag
        return self

    # --- data access ---
    @property
    def shape(self):
        return self.a.shape

    @property
    def dtype(self):
        return self.a.dtype

    def dim(self):
        return self.a.ndim

    def __float__(self):
        return float(self.a)

    def __bool__(self):
        return bool(self.a)

    def __len__(self):
        return len(self.a)

    def __repr__(self):
        return f"tensor({self.a!r})"

    def to(self, dtype):
        return Tensor(self.a.astype(dtype), self.parents, self.requires_grad) if self.a.dtype != dtype else self

    def detach(self):
        return Tensor(self.a)

    def clone(self):
        return Tensor(self.a.copy(), self.parents, self.requires_grad)

    def all(self):
        return Tensor(np.all(self.a))

    def long(self):
        return Tensor(self.a.astype(np.int64))

    def reshape(self, *shape):
        shape = shape[0] if len(shape) == 1 and isinstance(shape[0], tuple) else shape
        old = self.a.shape
        return Tensor.make(self.a.reshape(shape), [(self, lambda g: g.reshape(old))])

    def squeeze(self, axis):
        old = self.a.shape
        return Tensor.make(np.squeeze(self.a, axis), [(self, lambda g: g.reshape(old))])

    def __getitem__(self, idx):
        idx = _arr(idx)
        a = self.a

        def vjp(g):
            out = np.zeros_like(a)
            np.add.at(out, idx, g)
            return out
        return Tensor.make(a[idx], [(self, vjp)])

    # --- arithmetic with gradients ---
    def __add__(self, o):
        oa = _arr(o)
        return Tensor.make(self.a + oa, [(self, lambda g: _unbroadcast(g, self.a.shape)), (o, lambda g: _unbroadcast(g, np.shape(oa)))])

    __radd__ = __add__

    def __sub__(self, o):
        oa = _arr(o)
        return Tensor.make(self.a - oa, [(self, lambda g: _unbroadcast(g, self.a.shape)), (o, lambda g: _unbroadcast(-g, np.shape(oa)))])

    def __rsub__(self, o):
        return Tensor.make(_arr(o) - self.a, [(self, lambda g: _unbroadcast(-g, self.a.shape))])

    def __mul__(self, o):
        oa = _arr(o)
        return Tensor.make(self.a * oa, [(self, lambda g: _unbroadcast(g * oa, self.a.shape)), (o, lambda g: _unbroadcast(g * self.a, np.shape(oa)))])

    __rmul__ = __mul__

    def __truediv__(self, o):
        oa = _arr(o)
        return Tensor.make(self.a / oa, [(self, lambda g: _unbroadcast(g / oa, self.a.shape)), (o, lambda g: _unbroadcast(-g * self.a / (oa * oa), np.shape(oa)))])

    def __rtruediv__(self, o):
        return Tensor.make(_arr(o) / self.a, [(self, lambda g: _unbroadcast(-g * _arr(o) / (self.a * self.a), self.a.shape))])

    def __neg__(self):
        return Tensor.make(-self.a, [(self, lambda g: -g)])

    def __pow__(self, k):
        return Tensor.make(self.a ** k, [(self, lambda g: g * k * self.a ** (k - 1))])

    def __matmul__(self, o):
        return Tensor.make(self.a @ o.a, [(self, lambda g: g @ o.a.swapaxes(-1, -2)), (o, lambda g: self.a.swapaxes(-1, -2) @ g)])

    def sum(self, axis=None, keepdim=False):
        shape = self.a.shape
        out = self.a.sum(axis=axis, keepdims=keepdim)

        def vjp(g):
            if axis is not None and not keepdim:
                g = np.expand_dims(g, axis)
            return np.broadcast_to(g, shape).astype(np.float32)
        return Tensor.make(out, [(self, vjp)])

    def mean(self):
        n = self.a.size
        return Tensor.make(self.a.mean(dtype=np.float32), [(self, lambda g: np.broadcast_to(g / np.float32(n), self.a.shape).astype(np.float32))])

    def argmax(self, axis):
        return Tensor(self.a.argmax(axis))

    # --- comparisons and in-place updates (no gradients) ---
    def __gt__(self, o):
        return Tensor(self.a > _arr(o))

    def __lt__(self, o):
        return Tensor(self.a < _arr(o))

    def __ge__(self, o):
        return Tensor(self.a >= _arr(o))

    def __le__(self, o):
        return Tensor(self.a <= _arr(o))

    def __eq__(self, o):
        return Tensor(self.a == _arr(o))

    def __ne__(self, o):
        return Tensor(self.a != _arr(o))

    def __and__(self, o):
        return Tensor(self.a & _arr(o))

    def __or__(self, o):
        return Tensor(self.a | _arr(o))

    def __invert__(self):
        return Tensor(~self.a)

    __hash__ = object.__hash__

    def copy_(self, o):
        self.a[...] = _arr(o)
        return self

    def clamp_(self, lo, hi):
        np.clip(self.a, lo, hi, out=self.a)
        return self


def tensor(value, dtype=None):
    a = np.array(value, dtype=dtype if dtype is not None else None)
    if dtype is None and a.dtype == np.float64:
        a = a.astype(np.float32)
    return Tensor(a)


def zeros_like(t):
    return Tensor(np.zeros_like(t.a))


def isfinite(t):
    return Tensor(np.isfinite(t.a))


def _elementwise(fn, dfn=None):
    def op(t):
        out = fn(t.a)
        return Tensor.make(out, [(t, lambda g: g * dfn(t.a, out))] if dfn else [])
    return op


exp = _elementwise(np.exp, lambda x, y: y)
log = _elementwise(np.log, lambda x, y: 1 / x)
sqrt = _elementwise(np.sqrt, lambda x, y: 0.5 / y)
square = _elementwise(np.square, lambda x, y: 2 * x)
abs = _elementwise(np.abs, lambda x, y: np.sign(x).astype(np.float32))
relu = _elementwise(lambda x: np.maximum(x, np.float32(0)), lambda x, y: (x > 0).astype(np.float32))
tanh = _elementwise(np.tanh, lambda x, y: 1 - y * y)
sigmoid = _elementwise(lambda x: (1 / (1 + np.exp(-x))).astype(np.float32), lambda x, y: y * (1 - y))
log1p = _elementwise(np.log1p)
expm1 = _elementwise(np.expm1)
sin = _elementwise(np.sin)
atan = _elementwise(np.arctan)
sinh = _elementwise(np.sinh)
cosh = _elementwise(np.cosh)
tan = _elementwise(np.tan)
floor = _elementwise(np.floor)
ceil = _elementwise(np.ceil)
cos = _elementwise(np.cos)
sign = _elementwise(lambda x: np.sign(x).astype(np.float32))



def where(c, a, b):
    return Tensor(np.where(_arr(c), _as_float(_arr(a)), _as_float(_arr(b))).astype(np.float32))


def clamp(x, min=None, max=None):
    return Tensor(np.clip(x.a, min, max).astype(np.float32))


def maximum(a, b):
    return Tensor(np.maximum(a.a, b.a))


def minimum(a, b):
    return Tensor(np.minimum(a.a, b.a))


def log_softmax(z, axis):
    m = z.a.max(axis, keepdims=True)
    shifted = z.a - m
    out = shifted - np.log(np.exp(shifted).sum(axis, keepdims=True))
    soft = np.exp(out)
    return Tensor.make(out, [(z, lambda g: g - soft * g.sum(axis, keepdims=True))])
from . import special  # noqa: E402,F401  (needs Tensor defined above)
