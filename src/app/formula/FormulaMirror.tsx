/**
 * The formula text again under the input, with the problem's characters underlined (or a caret
 * where something is missing), so the position in the message is visible at a glance.
 */
export function FormulaMirror({ text, position, length }: { text: string; position: number; length: number }) {
  const at = Math.min(Math.max(0, position), text.length);
  const end = Math.min(text.length, at + Math.max(0, length));
  return (
    <div className="formula-mirror" aria-hidden="true" data-testid="formula-mirror">
      {text.slice(0, at)}
      {end > at ? <span className="formula-bad">{text.slice(at, end)}</span> : <span className="formula-missing">▴</span>}
      {text.slice(end)}
    </div>
  );
}
