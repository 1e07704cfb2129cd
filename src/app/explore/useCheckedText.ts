/**
 * The text of a box that edits a value: what is typed stays as typed, only text the parser
 * accepts is committed, and a value changed from outside (slider, reset, link, loaded file)
 * replaces the text. Our own commit is not echoed back, so typing "0.0" on the way to "0.05"
 * is not rewritten to "0".
 */
import { useState } from 'react';

export interface CheckedText {
  text: string;
  /** Why the text is not accepted; null when it is. */
  error: string | null;
  /** The box's onChange: keeps the text and commits it when it parses to a different value. */
  change(text: string): void;
}

/** `parse` returns the value or a sentence saying what is wrong with the text. */
export function useCheckedText<T extends number | object>(value: T, format: (v: T) => string, parse: (text: string) => T | string, onCommit: (v: T) => void): CheckedText {
  const current = format(value);
  const [text, setText] = useState(current);
  const [error, setError] = useState<string | null>(null);
  // The value the text stands for; a different `value` came from outside (React's "adjust state
  // when a prop changes" pattern, done during render).
  const [shown, setShown] = useState(current);
  if (shown !== current) {
    setShown(current);
    setText(current);
    setError(null);
  }
  const change = (t: string) => {
    setText(t);
    const v = parse(t);
    if (typeof v === 'string') {
      setError(v);
      return;
    }
    setError(null);
    const next = format(v);
    if (next !== current) {
      setShown(next);
      onCommit(v);
    }
  };
  return { text, error, change };
}
