"""The fake torch.nn.functional: the few functions the run scripts call."""
import numpy as np


def softplus(t):
    from .. import Tensor
    x = t.a
    out = (np.maximum(x, 0) + np.log1p(np.exp(-np.abs(x)))).astype(np.float32)
    e = np.exp(-np.abs(x))
    sig = np.where(x >= 0, 1 / (1 + e), e / (1 + e)).astype(np.float32)
    return Tensor.make(out, [(t, lambda g: g * sig)])


def one_hot(t, classes):
    from .. import Tensor
    return Tensor(np.eye(classes, dtype=np.int64)[t.a])
