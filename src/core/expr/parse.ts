/**
 * A safe parser for formulas in mathjs-like syntax. It builds our own whitelisted expression
 * tree directly; nothing is evaluated while parsing, and every name must be a known function,
 * a declared variable or parameter, or the constants pi and e.
 *
 * Precedence, lowest first: c ? a : b (right-assoc), or, and, not, comparisons (not chained),
 * + -, * /, unary ±, ^ (right-assoc, binds tighter than unary minus: -x^2 = -(x^2)).
 * A comparison used as a number becomes 1/0; a number used as a condition means "≠ 0".
 */
import type { CmpOp, Node } from './ast';
import { ExprError } from './errors';
import { ARITY, lookupFunction } from './functions';
import { mlParameterProblem } from '../math/special';
import { expandedSize, MAX_EXPANDED_NODES } from './size';
import { tokenize, type Token } from './tokenize';

export interface ParseOptions {
  /** Variables: ['x'], or ['a', 'u'] for gated blocks. */
  vars: string[];
  /** Declared parameter names. */
  params: string[];
  /**
   * Extra functions (the registry's activations by name), expanded at parse time. Built-in
   * function names take precedence. A hook may throw ExprError; other errors are wrapped.
   */
  functions?: Record<string, (args: Node[]) => Node>;
}

const MAX_NESTING_DEPTH = 64;

const CONSTANTS: Record<string, number> = { pi: Math.PI, e: Math.E };
const CMP_OPS: ReadonlySet<string> = new Set(['>', '<', '>=', '<=', '==', '!=']);
const KEYWORDS: ReadonlySet<string> = new Set(['and', 'or', 'not']);

function isBoolean(n: Node): boolean {
  return n.kind === 'cmp' || n.kind === 'logic' || n.kind === 'not';
}

/** A comparison used in arithmetic counts as 1 or 0. */
function asNumber(n: Node): Node {
  return isBoolean(n) ? { kind: 'cond', test: n, then: { kind: 'num', value: 1 }, else: { kind: 'num', value: 0 } } : n;
}

/** A number used as a condition means "is not zero". */
function asBoolean(n: Node): Node {
  return isBoolean(n) ? n : { kind: 'cmp', op: '!=', left: n, right: { kind: 'num', value: 0 } };
}

/** The value of a number literal, possibly negated; undefined for anything else. */
function literalValue(n: Node): number | undefined {
  if (n.kind === 'num') return n.value;
  return n.kind === 'neg' && n.arg.kind === 'num' ? -n.arg.value : undefined;
}

function quote(t: Token): string {
  return t.kind === 'eof' ? 'end of formula' : `"${t.text}"`;
}

class Parser {
  private i = 0;
  private depth = 0;
  private readonly tokens: Token[];
  private readonly symbols: ReadonlySet<string>;
  private readonly opts: ParseOptions;

  constructor(src: string, opts: ParseOptions) {
    this.tokens = tokenize(src);
    this.opts = opts;
    this.symbols = new Set([...opts.vars, ...opts.params]);
  }

  parseAll(): Node {
    if (this.peek().kind === 'eof') throw new ExprError('Formula is empty', 0, 0);
    const node = asNumber(this.ternary());
    const t = this.peek();
    if (t.kind !== 'eof') this.unexpected(t);
    return node;
  }

  private peek(): Token {
    return this.tokens[this.i];
  }

  private next(): Token {
    return this.tokens[this.i++];
  }

  private isOp(text: string): boolean {
    const t = this.peek();
    return t.kind === 'op' && t.text === text;
  }

  private isWord(word: string): boolean {
    const t = this.peek();
    return t.kind === 'ident' && t.text === word;
  }

  private expect(text: string): Token {
    const t = this.peek();
    if (t.kind !== 'op' || t.text !== text) {
      throw new ExprError(`Expected "${text}" but found ${quote(t)} at position ${t.pos}`, t.pos, Math.max(1, t.text.length));
    }
    return this.next();
  }

  private unexpected(t: Token): never {
    if (t.kind === 'eof') throw new ExprError(`Unexpected end of formula at position ${t.pos}`, t.pos, 0);
    throw new ExprError(`Unexpected ${quote(t)} at position ${t.pos}`, t.pos, t.text.length);
  }

  /** Guards recursion so hostile input (10,000 parentheses) fails cleanly instead of overflowing. */
  private enter(t: Token): void {
    if (++this.depth > MAX_NESTING_DEPTH) {
      throw new ExprError(`Formula is nested too deeply (more than ${MAX_NESTING_DEPTH} levels) at position ${t.pos}`, t.pos);
    }
  }

  private leave(): void {
    this.depth--;
  }

  private ternary(): Node {
    this.enter(this.peek());
    const test = this.or();
    let result = test;
    if (this.isOp('?')) {
      this.next();
      const a = asNumber(this.ternary());
      this.expect(':');
      const b = asNumber(this.ternary());
      result = { kind: 'cond', test: asBoolean(test), then: a, else: b };
    }
    this.leave();
    return result;
  }

  private or(): Node {
    let left = this.and();
    while (this.isWord('or') || this.isOp('||')) {
      this.next();
      left = { kind: 'logic', op: 'or', left: asBoolean(left), right: asBoolean(this.and()) };
    }
    return left;
  }

  private and(): Node {
    let left = this.not();
    while (this.isWord('and') || this.isOp('&&')) {
      this.next();
      left = { kind: 'logic', op: 'and', left: asBoolean(left), right: asBoolean(this.not()) };
    }
    return left;
  }

  private not(): Node {
    if (this.isWord('not') || this.isOp('!')) {
      const t = this.next();
      this.enter(t);
      const arg = asBoolean(this.not());
      this.leave();
      return { kind: 'not', arg };
    }
    return this.comparison();
  }

  private comparison(): Node {
    const left = this.additive();
    const t = this.peek();
    if (t.kind === 'op' && CMP_OPS.has(t.text)) {
      this.next();
      const right = this.additive();
      const t2 = this.peek();
      if (t2.kind === 'op' && CMP_OPS.has(t2.text)) {
        throw new ExprError(`Chained comparisons are not supported at position ${t2.pos}; combine them with "and"`, t2.pos, t2.text.length);
      }
      return { kind: 'cmp', op: t.text as CmpOp, left: asNumber(left), right: asNumber(right) };
    }
    return left;
  }

  private additive(): Node {
    let left = this.multiplicative();
    while (this.isOp('+') || this.isOp('-')) {
      const op = this.next().text as '+' | '-';
      left = { kind: 'bin', op, left: asNumber(left), right: asNumber(this.multiplicative()) };
    }
    return left;
  }

  private multiplicative(): Node {
    let left = this.unary();
    for (;;) {
      if (this.isOp('*') || this.isOp('/')) {
        const op = this.next().text as '*' | '/';
        left = { kind: 'bin', op, left: asNumber(left), right: asNumber(this.unary()) };
        continue;
      }
      const t = this.peek();
      const juxtaposed = t.kind === 'num' || (t.kind === 'ident' && !KEYWORDS.has(t.text)) || (t.kind === 'op' && t.text === '(');
      if (juxtaposed) {
        throw new ExprError(`Missing operator before ${quote(t)} at position ${t.pos} (implicit multiplication is not supported; write "*")`, t.pos, t.text.length);
      }
      return left;
    }
  }

  private unary(): Node {
    if (this.isOp('-') || this.isOp('+')) {
      const t = this.next();
      this.enter(t);
      const arg = asNumber(this.unary());
      this.leave();
      return t.text === '-' ? { kind: 'neg', arg } : arg;
    }
    return this.power();
  }

  private power(): Node {
    const base = this.primary();
    if (this.isOp('^')) {
      const t = this.next();
      this.enter(t);
      const exponent = asNumber(this.unary());
      this.leave();
      return { kind: 'bin', op: '^', left: asNumber(base), right: exponent };
    }
    return base;
  }

  private primary(): Node {
    const t = this.next();
    if (t.kind === 'num') return { kind: 'num', value: t.value as number };
    if (t.kind === 'op' && t.text === '(') {
      const inner = this.ternary();
      this.expect(')');
      return inner;
    }
    if (t.kind === 'ident') {
      if (this.isOp('(')) return this.call(t);
      if (KEYWORDS.has(t.text)) this.unexpected(t);
      if (this.symbols.has(t.text)) return { kind: 'sym', name: t.text };
      if (Object.hasOwn(CONSTANTS, t.text)) return { kind: 'num', value: CONSTANTS[t.text] };
      if (lookupFunction(t.text) || this.hook(t.text)) {
        throw new ExprError(`"${t.text}" is a function; call it as ${t.text}(…) (position ${t.pos})`, t.pos, t.text.length);
      }
      const allowed = [...this.opts.vars, ...this.opts.params].join(', ');
      throw new ExprError(`Unknown symbol "${t.text}" at position ${t.pos}; allowed: ${allowed}`, t.pos, t.text.length);
    }
    return this.unexpected(t);
  }

  private hook(name: string): ((args: Node[]) => Node) | undefined {
    const fns = this.opts.functions;
    return fns && Object.hasOwn(fns, name) ? fns[name] : undefined;
  }

  private call(name: Token): Node {
    const fn = lookupFunction(name.text);
    const hook = fn ? undefined : this.hook(name.text);
    if (!fn && !hook) throw new ExprError(`Unknown function "${name.text}" at position ${name.pos}`, name.pos, name.text.length);
    this.expect('(');
    const args: Node[] = [];
    if (!this.isOp(')')) {
      for (;;) {
        args.push(asNumber(this.ternary()));
        if (!this.isOp(',')) break;
        this.next();
      }
    }
    const close = this.expect(')');
    const span = close.pos + 1 - name.pos;
    if (hook) {
      try {
        return hook(args);
      } catch (e) {
        if (e instanceof ExprError) throw new ExprError(e.message, name.pos, span);
        throw new ExprError(`${name.text}: ${e instanceof Error ? e.message : String(e)}`, name.pos, span);
      }
    }
    const canonical = fn as NonNullable<typeof fn>;
    const arity = ARITY[canonical];
    if (arity === 'n') {
      if (args.length < 2) {
        throw new ExprError(`${name.text} expects at least 2 arguments, got ${args.length} (position ${name.pos})`, name.pos, span);
      }
      return args.slice(1).reduce<Node>((acc, a) => ({ kind: 'call', fn: canonical, args: [acc, a] }), args[0]);
    }
    if (args.length !== arity) {
      const noun = arity === 1 ? 'argument' : 'arguments';
      throw new ExprError(`${name.text} expects ${arity} ${noun}, got ${args.length} (position ${name.pos})`, name.pos, span);
    }
    if (canonical === 'mlE' || canonical === 'mlE1' || canonical === 'mlE2') {
      // Constant orders are checked here, with a position; parameters out of range give NaN.
      const [alpha, beta] = args.slice(1).map(literalValue);
      if (alpha !== undefined && beta !== undefined) {
        const problem = mlParameterProblem(alpha, beta);
        if (problem) throw new ExprError(`${problem} (position ${name.pos})`, name.pos, span);
      }
    }
    return { kind: 'call', fn: canonical, args };
  }
}

/** Parse a formula into an expression tree; throws ExprError (only) on any problem. */
export function parseFormula(src: string, opts: ParseOptions): Node {
  if (typeof src !== 'string') throw new ExprError('Formula must be text', 0, 0);
  const node = new Parser(src, opts).parseAll();
  if (expandedSize(node) > MAX_EXPANDED_NODES) {
    throw new ExprError(
      `Formula is too large once its activation calls are expanded (more than ${MAX_EXPANDED_NODES} operations); nest fewer calls`,
      0,
      src.length,
    );
  }
  return node;
}
