# High-precision references for tests/unit/theory/meanField.test.ts (mpmath, 30 digits).
# Run: /usr/bin/python3 tests/unit/theory/meanFieldReference.py
# Prints E_z[f(sqrt(q) z)^2] and E_z[f'(sqrt(q) z)^2] for z ~ N(0,1), the integral split at 0.
from mpmath import mp, mpf, quad, exp, sqrt, erf, tanh, log1p, expm1, pi, inf, diff
mp.dps = 30
phi = lambda z: exp(-z * z / 2) / sqrt(2 * pi)
Phi = lambda x: (1 + erf(x / sqrt(2))) / 2
softplus = lambda x: log1p(exp(x)) if x < 30 else x + log1p(exp(-x))
L, A = mpf('1.0507009873554804934193349852946'), mpf('1.6732632423543772848170429916717')
fs = {
    'gelu': (lambda x: x * Phi(x), lambda x: Phi(x) + x * phi(x)),
    'golu': (lambda x: x * exp(-exp(-x)), lambda x: exp(-exp(-x)) * (1 + x * exp(-x))),
    'mish': (lambda x: x * tanh(softplus(x)), None),
    'tanh': (tanh, lambda x: 1 - tanh(x) ** 2),
    'selu': (lambda x: L * x if x > 0 else L * A * expm1(x), lambda x: L if x > 0 else L * A * exp(x)),
}
for name, (f, df) in fs.items():
    if df is None:
        df = lambda x, f=f: diff(f, x)
    for q in ['0.25', '1', '4']:
        s = sqrt(mpf(q))
        m2 = quad(lambda z: f(s * z) ** 2 * phi(z), [-inf, 0, inf])
        d2 = quad(lambda z: df(s * z) ** 2 * phi(z), [-inf, 0, inf])
        print(f"['{name}', {q}, {mp.nstr(m2, 20)}, {mp.nstr(d2, 20)}],")
