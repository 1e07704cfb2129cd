/** The latest train/test loss and accuracy as numbers. */
import type { RunMetrics } from '../../core/train/trainer';

function fmt(v: number | null | undefined, digits: number): string {
  if (v === null || v === undefined) return '—';
  if (!Number.isFinite(v)) return String(v);
  return Math.abs(v) >= 1e4 ? v.toExponential(3) : v.toFixed(digits);
}

export function MetricsTable({ metrics }: { metrics: RunMetrics | null }) {
  return (
    <table className="metrics-table" data-testid="metrics">
      <thead>
        <tr>
          <td />
          <th scope="col">train</th>
          <th scope="col">test</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <th scope="row">loss</th>
          <td data-testid="train-loss" data-value={metrics?.trainLoss ?? ''}>{fmt(metrics?.trainLoss, 4)}</td>
          <td data-testid="test-loss" data-value={metrics?.testLoss ?? ''}>{fmt(metrics?.testLoss, 4)}</td>
        </tr>
        {metrics?.trainAcc !== null && (
          <tr>
            <th scope="row">accuracy</th>
            <td data-testid="train-acc">{fmt(metrics?.trainAcc, 3)}</td>
            <td data-testid="test-acc">{fmt(metrics?.testAcc, 3)}</td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
