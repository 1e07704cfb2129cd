/** People read α, β, ω₀; formulas and URLs use alpha, beta, omega0. */
const GREEK: ReadonlyMap<string, string> = new Map(Object.entries({
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', eps: 'ε', epsilon: 'ε', kappa: 'κ', lambda: 'λ',
  mu: 'μ', nu: 'ν', omega: 'ω', phi: 'φ', pi: 'π', rho: 'ρ', sigma: 'σ', tau: 'τ', theta: 'θ',
}));
const SUBSCRIPT_DIGITS = '₀₁₂₃₄₅₆₇₈₉';

export function paramLabel(name: string): string {
  const m = /^([A-Za-z]+?)(\d*)$/.exec(name);
  if (!m) return name;
  const head = GREEK.get(m[1]) ?? m[1];
  const sub = [...m[2]].map((d) => SUBSCRIPT_DIGITS[Number(d)]).join('');
  return head + sub;
}
