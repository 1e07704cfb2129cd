/** The comparison's summary: one row per activation, mean ± std over its non-diverged runs. */
import type { ActivationSummary, Stats } from '../../core/compare/summary';
import { curveColor } from '../plot/palette';
import { useTheme } from '../theme/theme';

function pm(s: Stats | null, digits: number): string {
  if (!s) return '—';
  return `${s.mean.toFixed(digits)} ± ${s.std.toFixed(digits)}`;
}

export interface ResultsTableProps {
  summary: ActivationSummary[];
  labels: string[];
  targetText: string;
  caption: string;
}

export function ResultsTable({ summary, labels, targetText, caption }: ResultsTableProps) {
  const theme = useTheme();
  const hasAcc = summary.some((s) => s.trainAcc !== null);
  // A narrow screen scrolls the table inside its card (focusable, so keyboards can scroll it too).
  return (
    <div className="table-scroll" role="region" aria-label="Results table" tabIndex={0}>
    <table className="results-table" data-testid="results-table">
      <caption>
        {caption} Epochs to target: the {targetText}.
      </caption>
      <thead>
        <tr>
          <th scope="col">activation</th>
          <th scope="col">runs</th>
          <th scope="col">diverged</th>
          <th scope="col">train loss</th>
          <th scope="col">test loss</th>
          {hasAcc && <th scope="col">train acc</th>}
          {hasAcc && <th scope="col">test acc</th>}
          <th scope="col" title={targetText}>
            epochs to target
          </th>
        </tr>
      </thead>
      <tbody>
        {summary.map((s, k) => (
          <tr key={k} data-activation={s.activation.id}>
            <th scope="row" style={{ borderLeft: `4px solid ${curveColor(k, theme)}`, textAlign: 'left' }}>
              {labels[k] ?? s.label}
            </th>
            <td>{s.n}</td>
            <td data-diverged={s.diverged}>{s.diverged}</td>
            <td>{pm(s.trainLoss, 4)}</td>
            <td>{pm(s.testLoss, 4)}</td>
            {hasAcc && <td>{pm(s.trainAcc, 3)}</td>}
            {hasAcc && <td>{pm(s.testAcc, 3)}</td>}
            <td>
              {s.epochsToTarget ? pm(s.epochsToTarget, 1) : '—'} ({s.reachedTarget}/{s.n - s.diverged})
            </td>
          </tr>
        ))}
      </tbody>
    </table>
    </div>
  );
}
