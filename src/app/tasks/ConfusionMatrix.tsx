/** A 10 × 10 confusion matrix (rows: true digit, columns: predicted), shaded by count. */
export function ConfusionMatrix({ confusion, label = 'Confusion matrix: rows true digit, columns predicted digit' }: { confusion: Int32Array; label?: string }) {
  const rowMax = Math.max(1, ...confusion);
  return (
    <table className="confusion" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">true ↓ / pred →</th>
          {Array.from({ length: 10 }, (_, k) => (
            <th key={k} scope="col">{k}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {Array.from({ length: 10 }, (_, t) => (
          <tr key={t}>
            <th scope="row">{t}</th>
            {Array.from({ length: 10 }, (_, p) => {
              const c = confusion[t * 10 + p];
              const a = c / rowMax;
              return (
                <td key={p} className={t === p ? 'diag' : c > 0 ? 'off' : ''} style={{ background: c > 0 ? (t === p ? `rgba(46,139,87,${0.15 + 0.6 * a})` : `rgba(192,57,43,${0.2 + 0.6 * a})`) : undefined }}>
                  {c || ''}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
