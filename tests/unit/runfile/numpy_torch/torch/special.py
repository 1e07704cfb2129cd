"""The fake torch.special: erf and the standard normal CDF, elementwise on float32."""
import math

import numpy as np

from . import Tensor

_erf = np.vectorize(math.erf, otypes=[np.float64])


def erf(t):
    return Tensor(_erf(t.a).astype(np.float32))


def ndtr(t):
    return Tensor((0.5 * (1.0 + _erf(t.a.astype(np.float64) / math.sqrt(2.0)))).astype(np.float32))
