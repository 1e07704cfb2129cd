/**
 * Tokenizer for the formula language. It knows only the characters the language uses; anything
 * else (quotes, brackets, dots after names, assignment, unicode) is rejected here with a message
 * that says what construct is not allowed.
 */
import { ExprError } from './errors';

type TokenKind = 'num' | 'ident' | 'op' | 'eof';

export interface Token {
  kind: TokenKind;
  /** Operator or identifier text; the literal source for numbers. */
  text: string;
  value?: number;
  pos: number;
}

const MAX_FORMULA_LENGTH = 2000;

/** Longest first, so `>=` wins over `>`. */
const OPERATORS = ['>=', '<=', '==', '!=', '&&', '||', '+', '-', '*', '/', '^', '(', ')', ',', '?', ':', '>', '<', '!'];

const NUMBER = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/;
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*/;

function describeChar(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  return code < 0x20 || code > 0x7e ? `character U+${code.toString(16).toUpperCase().padStart(4, '0')}` : `"${ch}"`;
}

export function tokenize(src: string): Token[] {
  if (src.length > MAX_FORMULA_LENGTH) {
    throw new ExprError(`Formula is too long (${src.length} characters; at most ${MAX_FORMULA_LENGTH})`, MAX_FORMULA_LENGTH, src.length - MAX_FORMULA_LENGTH);
  }
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i];
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
      i++;
      continue;
    }
    const rest = src.slice(i);
    const num = NUMBER.exec(rest);
    if (num) {
      const text = num[0];
      const value = Number(text);
      if (!Number.isFinite(value)) throw new ExprError(`Number "${text}" is out of range`, i, text.length);
      tokens.push({ kind: 'num', text, value, pos: i });
      i += text.length;
      continue;
    }
    const id = IDENT.exec(rest);
    if (id) {
      tokens.push({ kind: 'ident', text: id[0], pos: i });
      i += id[0].length;
      if (src[i] === '.') throw new ExprError('Property access is not allowed', i);
      continue;
    }
    if (ch === '"' || ch === "'" || ch === '`') throw new ExprError('Strings are not allowed', i);
    if (ch === '[' || ch === ']' || ch === '{' || ch === '}') throw new ExprError('Matrices are not allowed', i);
    if (ch === '.') throw new ExprError('Property access is not allowed', i);
    const op = OPERATORS.find((o) => rest.startsWith(o));
    if (op) {
      tokens.push({ kind: 'op', text: op, pos: i });
      i += op.length;
      continue;
    }
    const width = (ch.codePointAt(0) ?? 0) > 0xffff ? 2 : 1;
    throw new ExprError(`Unexpected ${describeChar(String.fromCodePoint(src.codePointAt(i) ?? 0))} at position ${i}`, i, width);
  }
  tokens.push({ kind: 'eof', text: '', pos: src.length });
  return tokens;
}
