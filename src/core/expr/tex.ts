/**
 * Expression tree → TeX (for KaTeX). Parentheses only where precedence needs them; nested
 * conditionals in the else branch flatten into one `cases` block; tie annotations from
 * differentiation are not shown (they only decide exact ties at kinks).
 */
import type { CmpOp, FnName, Node } from './ast';

export interface TexOptions {
  /** Overrides for symbol names, e.g. { lam1: '\\lambda_1' }. */
  symbolTex?: Record<string, string>;
}

const GREEK = new Set([
  'alpha', 'beta', 'gamma', 'delta', 'zeta', 'eta', 'theta', 'iota', 'kappa', 'lambda', 'mu', 'nu',
  'xi', 'pi', 'rho', 'sigma', 'tau', 'upsilon', 'chi', 'psi', 'omega',
  'Gamma', 'Delta', 'Theta', 'Lambda', 'Xi', 'Pi', 'Sigma', 'Upsilon', 'Phi', 'Psi', 'Omega',
]);
const SPECIAL_SYMBOLS: Record<string, string> = { eps: '\\varepsilon', epsilon: '\\varepsilon', phi: '\\varphi', lam: '\\lambda' };

/** alpha → \alpha, omega0 → \omega_0, a0 → a_0, c12 → c_{12}, lambda_1 → \lambda_{1}, lo → \mathrm{lo}. */
export function symbolToTex(name: string, overrides?: Record<string, string>): string {
  if (overrides && Object.hasOwn(overrides, name)) return overrides[name];
  const m = /^([A-Za-z]+?)_?(\d+)$/.exec(name) ?? /^([A-Za-z]+)_([A-Za-z0-9]+)$/.exec(name);
  const base = m ? m[1] : name;
  const sub = m ? m[2] : undefined;
  let t: string;
  if (Object.hasOwn(SPECIAL_SYMBOLS, base)) t = SPECIAL_SYMBOLS[base];
  else if (GREEK.has(base)) t = `\\${base}`;
  else if (base.length === 1) t = base;
  else t = `\\mathrm{${base}}`;
  if (sub === undefined) return t;
  return sub.length === 1 ? `${t}_${sub}` : `${t}_{${sub}}`;
}

function numberToTex(v: number): string {
  if (v === Math.PI) return '\\pi';
  if (v === Math.E) return 'e';
  if (v === Infinity) return '\\infty';
  if (v === -Infinity) return '-\\infty';
  if (Number.isNaN(v)) return '\\mathrm{NaN}';
  const small = v !== 0 && (Math.abs(v) < 1e-4 || Math.abs(v) >= 1e7);
  const s = small ? v.toExponential() : String(v);
  const m = /^(-?[\d.]+)e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const exp = Number(m[2]);
  return m[1] === '1' ? `10^{${exp}}` : `${m[1]} \\cdot 10^{${exp}}`;
}

const CMP_TEX: Record<CmpOp, string> = { '>': '>', '<': '<', '>=': '\\ge', '<=': '\\le', '==': '=', '!=': '\\ne' };

/** Functions printed as an operator name followed by a parenthesised argument list. */
const NAMED: Partial<Record<FnName, string>> = {
  log: '\\ln', sign: '\\operatorname{sgn}', step: 'H', max: '\\max', min: '\\min',
  sin: '\\sin', cos: '\\cos', tan: '\\tan', tanh: '\\tanh', sinh: '\\sinh', cosh: '\\cosh',
  atan: '\\arctan', erf: '\\operatorname{erf}', Phi: '\\Phi', phi: '\\varphi', sigmoid: '\\sigma',
  softplus: '\\operatorname{sp}', logsigmoid: '\\ln\\sigma',
};

// Precedence: higher binds tighter.
const P_COND = 0, P_OR = 1, P_AND = 2, P_NOT = 3, P_CMP = 4, P_ADD = 5, P_MUL = 6, P_NEG = 7, P_POW = 8, P_ATOM = 9;

interface Printed {
  tex: string;
  prec: number;
}

function paren(tex: string): string {
  return `\\left(${tex}\\right)`;
}

/** Longest TeX printed: far above any registry derivative (f″ of chebyshev is ~6,100 characters). */
export const MAX_TEX_LENGTH = 20_000;

class TexTooLong extends Error {}

class TexPrinter {
  /** Shared subtrees are printed once (they are still written out at every use). */
  private readonly memo = new Map<Node, Printed>();

  constructor(private readonly opts: TexOptions) {}

  /** Print `n`, parenthesised when its precedence is below `min`. */
  at(n: Node, min: number): string {
    const p = this.print(n);
    return p.prec < min ? paren(p.tex) : p.tex;
  }

  print(n: Node): Printed {
    const hit = this.memo.get(n);
    if (hit) return hit;
    const p = this.printRaw(n);
    if (p.tex.length > MAX_TEX_LENGTH) throw new TexTooLong();
    this.memo.set(n, p);
    return p;
  }

  private printRaw(n: Node): Printed {
    switch (n.kind) {
      case 'num':
        return { tex: numberToTex(n.value), prec: n.value < 0 ? P_NEG : P_ATOM };
      case 'sym':
        return { tex: symbolToTex(n.name, this.opts.symbolTex), prec: P_ATOM };
      case 'neg':
        return { tex: `-${this.at(n.arg, P_MUL)}`, prec: P_NEG };
      case 'bin':
        return this.binary(n);
      case 'call':
        return this.call(n);
      case 'cmp':
        return { tex: `${this.at(n.left, P_ADD)} ${CMP_TEX[n.op]} ${this.at(n.right, P_ADD)}`, prec: P_CMP };
      case 'logic':
        return n.op === 'and'
          ? { tex: `${this.at(n.left, P_AND)} \\land ${this.at(n.right, P_AND)}`, prec: P_AND }
          : { tex: `${this.at(n.left, P_OR)} \\lor ${this.at(n.right, P_OR)}`, prec: P_OR };
      case 'not':
        return { tex: `\\lnot ${this.at(n.arg, P_NOT + 1)}`, prec: P_NOT };
      case 'cond':
        return { tex: this.cases(n), prec: P_COND };
    }
  }

  private binary(n: Extract<Node, { kind: 'bin' }>): Printed {
    switch (n.op) {
      case '+': {
        const right = n.right.kind === 'neg' ? paren(this.print(n.right).tex) : this.at(n.right, P_ADD);
        return { tex: `${this.at(n.left, P_ADD)} + ${right}`, prec: P_ADD };
      }
      case '-':
        return { tex: `${this.at(n.left, P_ADD)} - ${this.at(n.right, P_MUL)}`, prec: P_ADD };
      case '*': {
        const left = this.at(n.left, P_MUL);
        const rp = this.print(n.right);
        const right = rp.prec < P_MUL || rp.prec === P_NEG ? paren(rp.tex) : rp.tex;
        // Juxtapose unless the right factor starts with a digit (2 · 3, x · 0.5).
        const sep = /^[\d.]/.test(right) ? ' \\cdot ' : ' ';
        return { tex: `${left}${sep}${right}`, prec: P_MUL };
      }
      case '/': {
        // −a/b prints as −\frac{a}{b}, not \frac{−a}{b}.
        const l = n.left;
        const negNum = l.kind === 'neg' ? l.arg : l.kind === 'num' && l.value < 0 ? { kind: 'num' as const, value: -l.value } : undefined;
        if (negNum) return { tex: `-\\frac{${this.print(negNum).tex}}{${this.print(n.right).tex}}`, prec: P_NEG };
        return { tex: `\\frac{${this.print(l).tex}}{${this.print(n.right).tex}}`, prec: P_ATOM };
      }
      case '^': {
        const base = this.print(n.left);
        const fracOrExp = base.tex.startsWith('\\frac') || base.tex.startsWith('e^') || base.tex.includes('^');
        const b = base.prec < P_ATOM || fracOrExp ? paren(base.tex) : base.tex;
        return { tex: `${b}^{${this.print(n.right).tex}}`, prec: P_POW };
      }
    }
  }

  private args(n: Extract<Node, { kind: 'call' }>): string {
    return paren(n.args.map((a) => this.print(a).tex).join(', '));
  }

  private call(n: Extract<Node, { kind: 'call' }>): Printed {
    const u = n.args[0];
    switch (n.fn) {
      case 'exp':
        return { tex: `e^{${this.print(u).tex}}`, prec: P_POW };
      case 'expm1':
        return { tex: `\\left(e^{${this.print(u).tex}} - 1\\right)`, prec: P_ATOM };
      case 'log1p':
        return { tex: `\\ln\\left(1 + ${this.print(u).tex}\\right)`, prec: P_ATOM };
      case 'sqrt':
        return { tex: `\\sqrt{${this.print(u).tex}}`, prec: P_ATOM };
      case 'abs':
        return { tex: `\\left|${this.print(u).tex}\\right|`, prec: P_ATOM };
      case 'ceil':
        return { tex: `\\left\\lceil ${this.print(u).tex} \\right\\rceil`, prec: P_ATOM };
      case 'floor':
        return { tex: `\\left\\lfloor ${this.print(u).tex} \\right\\rfloor`, prec: P_ATOM };
      case 'mlE':
      case 'mlE1':
      case 'mlE2': {
        const primes = n.fn === 'mlE' ? '' : n.fn === 'mlE1' ? "'" : "''";
        const [z, a, b] = n.args.map((x) => this.print(x).tex);
        return { tex: `E${primes}_{${a},${b}}\\left(${z}\\right)`, prec: P_ATOM };
      }
      default:
        return { tex: `${NAMED[n.fn] ?? `\\operatorname{${n.fn}}`}${this.args(n)}`, prec: P_ATOM };
    }
  }

  private cases(n: Extract<Node, { kind: 'cond' }>): string {
    const rows: string[] = [];
    let cur: Node = n;
    while (cur.kind === 'cond') {
      rows.push(`${this.print(cur.then).tex} & \\text{if } ${this.print(cur.test).tex}`);
      cur = cur.else;
    }
    rows.push(`${this.print(cur).tex} & \\text{otherwise}`);
    return `\\begin{cases} ${rows.join(' \\\\ ')} \\end{cases}`;
  }
}

/**
 * TeX of `node`, or a note in its place when it would pass MAX_TEX_LENGTH characters (nested
 * registry calls make derivatives of millions of characters, which no page can typeset).
 */
export function toTex(node: Node, opts: TexOptions = {}): string {
  try {
    return new TexPrinter(opts).print(node).tex;
  } catch (e) {
    if (!(e instanceof TexTooLong)) throw e;
    return `\\text{(too long to show: over ${MAX_TEX_LENGTH.toLocaleString('en-US')} characters of TeX)}`;
  }
}
