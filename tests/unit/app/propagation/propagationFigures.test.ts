/**
 * The phase diagram's colours and pixels (issue 17): χ₁ = 1 is the neutral centre, χ₁ = ¼ and 4
 * the saturated ordered/chaotic ends (log₂ scale, written out here), rows are flipped so that the
 * largest σ_b² is the image's top row, and rows not yet computed stay transparent.
 */
import { describe, expect, it } from 'vitest';
import { chiColor, diagramPixels } from '../../../../src/app/propagation/propagationFigures';

describe('phase diagram colours', () => {
  it('centre at χ₁ = 1, saturated at ¼ and 4, halfway at ½ and 2', () => {
    expect(chiColor(1)).toEqual([247, 247, 247]);
    expect(chiColor(4)).toEqual([214, 96, 0]);
    expect(chiColor(100)).toEqual([214, 96, 0]);
    expect(chiColor(0.25)).toEqual([33, 102, 172]);
    expect(chiColor(0)).toEqual([33, 102, 172]);
    expect(chiColor(Infinity)).toEqual([214, 96, 0]);
    // log₂ 2 / 2 = ½: halfway from the centre to the chaotic end.
    expect(chiColor(2)).toEqual([Math.round(247 + (214 - 247) / 2), Math.round(247 + (96 - 247) / 2), Math.round(247 / 2)]);
    expect(chiColor(0.5)).toEqual([Math.round(247 + (33 - 247) / 2), Math.round(247 + (102 - 247) / 2), Math.round(247 + (172 - 247) / 2)]);
  });

  it('image rows run from the largest σ_b² down; missing rows are transparent', () => {
    const { width, height, rgba } = diagramPixels({ sw2: [1, 2, 3], sb2: [0, 0.5], chi1: [[0.25, 1, 4], null] });
    expect([width, height]).toEqual([3, 2]);
    // Row j = 0 (σ_b² = 0) is the bottom image row (y = 1); row j = 1 is missing, so y = 0 is clear.
    expect(Array.from(rgba.slice(0, 12))).toEqual(new Array(12).fill(0));
    expect(Array.from(rgba.slice(12, 24))).toEqual([33, 102, 172, 255, 247, 247, 247, 255, 214, 96, 0, 255]);
  });
});
