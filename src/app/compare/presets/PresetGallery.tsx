/**
 * The gallery of paper claims on the Compare page: each card names the claim, its paper (from
 * the registry's sources), the activations, the task and the settings, and runs the preset as a
 * seeded multi-seed comparison. The page owns the run; this only shows presets and sends intents.
 */
import { CLAIM_PRESETS, presetPaper, type ClaimPreset } from '../../../core/compare/presets';
import { ruleText } from '../../../core/compare/claim';
import { activationLabel } from '../../../core/compare/summary';
import './presets.css';

function settingsText(p: ClaimPreset): string {
  const c = p.config;
  const seeds = typeof c.seeds === 'number' ? c.seeds : c.seeds.length;
  const depth = c.hidden.length;
  const net = depth > 3 && c.hidden.every((w) => w === c.hidden[0]) ? `${depth} hidden layers of ${c.hidden[0]}` : `hidden ${c.hidden.join('-')}`;
  return [
    `${c.dataset.name}, ${c.dataset.n} points (test ${c.dataset.testFraction ?? 0.2})`,
    net,
    `${c.optimizer ?? 'adam'} lr ${c.lr}`,
    c.batchSize ? `batch ${c.batchSize}` : 'full batch',
    `init ${c.init ?? 'he-normal'}`,
    `${c.epochs} epochs`,
    `${seeds} seeds`,
  ].join(' · ');
}

function decisionText(p: ClaimPreset): string {
  const labels = p.config.activations.map(activationLabel);
  const metric = p.rule.metric === 'testLoss' ? 'mean test loss' : 'mean test accuracy';
  return `Decided on ${metric} over seeds: ${labels[p.rule.subject]} ${p.rule.against.map((j) => ruleText(p.rule, labels[j])).join(' and ')}.`;
}

export function PresetGallery({ onRun, disabled, active }: { onRun: (p: ClaimPreset) => void; disabled: boolean; active: string | null }) {
  return (
    <details className="train-card preset-gallery" data-testid="preset-gallery" open>
      <summary>Paper claims — one click runs the comparison behind each</summary>
      <ul className="preset-list">
        {CLAIM_PRESETS.map((p) => {
          const paper = presetPaper(p);
          return (
            <li key={p.id} className={`preset-card${active === p.id ? ' active' : ''}`} data-preset={p.id}>
              <h3>{p.title}</h3>
              <p className="preset-claim">{p.claim}</p>
              {paper && (
                <p className="preset-paper">
                  {paper.authors} ({paper.year}), <cite>{paper.title}</cite>
                  {paper.arxiv && (
                    <>
                      {', '}
                      <a href={`https://arxiv.org/abs/${paper.arxiv}`} target="_blank" rel="noreferrer">
                        arXiv:{paper.arxiv}
                      </a>
                    </>
                  )}
                </p>
              )}
              <p className="preset-acts">{p.config.activations.map(activationLabel).join(' vs ')}</p>
              <p className="preset-settings">{settingsText(p)}</p>
              <p className="preset-rule">{decisionText(p)}</p>
              <p className="preset-note">{p.note}</p>
              <button type="button" data-testid={`preset-run-${p.id}`} disabled={disabled} onClick={() => onRun(p)}>
                ▶ Run this claim
              </button>
            </li>
          );
        })}
      </ul>
    </details>
  );
}
