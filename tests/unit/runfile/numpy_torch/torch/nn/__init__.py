"""The fake torch.nn: Module with parameters and buffers, Parameter."""
from . import functional  # noqa: F401


def Parameter(t):
    from .. import Tensor
    return Tensor(t.a.copy(), requires_grad=True)


class Module:
    def __init__(self):
        object.__setattr__(self, '_params', {})

    def __setattr__(self, name, value):
        if getattr(value, 'requires_grad', False):
            self._params[name] = value
        object.__setattr__(self, name, value)

    def register_buffer(self, name, value):
        object.__setattr__(self, name, value)

    def parameters(self):
        return list(self._params.values())

    def __call__(self, *args):
        return self.forward(*args)
