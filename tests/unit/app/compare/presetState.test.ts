import { describe, expect, it } from 'vitest';
import { CLAIM_PRESETS } from '../../../../src/core/compare/presets';
import { presetState } from '../../../../src/app/compare/presets/presetState';
import { DEFAULT_COMPARE } from '../../../../src/app/state/compareState';

describe('a claim preset as Compare settings', () => {
  it('counts epochs to a target the claim is about: test accuracy for classification, the preset’s test loss for regression', () => {
    for (const p of CLAIM_PRESETS) {
      const s = presetState(p, DEFAULT_COMPARE);
      if (p.rule.metric === 'testAcc') expect(s.target).toEqual({ kind: 'acc', value: 0.95 });
      else {
        expect(p.targetLoss, p.id).toBeGreaterThan(0);
        expect(s.target).toEqual({ kind: 'loss', value: p.targetLoss });
      }
      expect(s.activations.map((a) => a.sel.id)).toEqual(p.config.activations.map((a) => a.id));
      expect(s.epochs).toBe(p.config.epochs);
      expect(s.backend).toBe(DEFAULT_COMPARE.backend);
    }
  });
});
