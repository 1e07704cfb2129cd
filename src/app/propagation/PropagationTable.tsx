/** One row per activation: its fixed point, χ₁, phase, depth scale, edge of chaos and gain at this initialisation. */
import type { PointResult } from './protocol';
import { isFailure } from './usePropagation';

export interface PropagationRow {
  key: string;
  label: string;
  color: string;
  result: PointResult | { error: string } | undefined;
}

const num = (v: number | undefined, digits = 4): string => (v === undefined ? '—' : !Number.isFinite(v) ? (v > 0 ? '∞' : '—') : Number(v.toPrecision(digits)).toString());

// One word in the table (it has seven columns, on a phone too); the meaning is said once below it.
const PHASE_WORDS: Record<PointResult['phase'], string> = {
  ordered: 'ordered',
  critical: 'edge of chaos',
  chaotic: 'chaotic',
};

export function PropagationTable({ rows, sigmaB }: { rows: PropagationRow[]; sigmaB: number }) {
  return (
    <>
      <div className="table-scroll" role="region" aria-label="Signal propagation by activation" tabIndex={0}>
        <table className="propagation-table" data-testid="propagation-table">
          <thead>
            <tr>
              <th scope="col">Activation</th>
              <th scope="col">q*</th>
              <th scope="col">χ₁</th>
              <th scope="col">Phase</th>
              <th scope="col">ξ (layers)</th>
              <th scope="col">Critical σ_w at σ_b = {sigmaB}</th>
              <th scope="col" title="g with g²·E[f(z)²] = 1: weights N(0, g²/fan-in) keep unit variance">Variance gain</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} data-activation={r.label}>
                <th scope="row">
                  <span className="swatch" style={{ background: r.color }} aria-hidden="true" /> {r.label}
                </th>
                {r.result === undefined ? (
                  <td colSpan={6} className="loading">
                    computing…
                  </td>
                ) : isFailure(r.result) ? (
                  <td colSpan={6} className="field-error">
                    {r.result.error}
                  </td>
                ) : (
                  <>
                    <td data-label="q*">{num(r.result.qStar)}{r.result.converged ? '' : ' (not converged)'}</td>
                    <td data-testid="chi1" data-label="χ₁">{num(r.result.chi1, 5)}</td>
                    <td data-label="Phase">{PHASE_WORDS[r.result.phase]}</td>
                    <td data-label="ξ (layers)">{num(r.result.depthScale, 3)}</td>
                    <td data-label={`Critical σ_w at σ_b = ${sigmaB}`}>{r.result.criticalSigmaW === undefined ? 'none up to 2.83' : num(r.result.criticalSigmaW, 5)}</td>
                    <td data-label="Variance gain">{num(r.result.varianceGain, 5)}</td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="hint propagation-phases">Ordered: signals and gradients shrink with depth. Chaotic: gradients grow with depth.</p>
    </>
  );
}
