/** After a preset's comparison: did the claim's direction hold here, with the numbers that decide it. */
import { judgeClaim } from '../../../core/compare/claim';
import { findPreset } from '../../../core/compare/presets';
import type { ActivationSummary } from '../../../core/compare/summary';
import { activationLabel } from '../../../core/compare/summary';

export function ClaimVerdictPanel({ presetId, summary, finished }: { presetId: string; summary: ActivationSummary[]; finished: boolean }) {
  const preset = findPreset(presetId);
  if (!preset) return null;
  const verdict = judgeClaim(preset.rule, summary, preset.config.activations.map(activationLabel));
  return (
    <section className={`train-card claim-verdict ${verdict.outcome}`} data-testid="claim-verdict" data-outcome={verdict.outcome} aria-label="Claim verdict">
      <h2>
        {preset.title}: {finished ? (verdict.outcome === 'held' ? 'held here' : verdict.outcome === 'failed' ? 'did not hold here' : 'undecided') : 'running…'}
      </h2>
      <p className="preset-claim">{preset.claim}</p>
      <p>{finished ? verdict.sentence : `So far: ${verdict.sentence}`}</p>
    </section>
  );
}
