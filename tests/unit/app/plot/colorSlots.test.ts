import { describe, expect, it } from 'vitest';
import { assignSlots, slotKeys } from '../../../../src/app/plot/colorSlots';
import { curveColor, curveDash, PALETTE_SIZE } from '../../../../src/app/plot/palette';
import { linePath } from '../../../../src/app/plot/fastRedraw';
import { arrowStep, sliderScale } from '../../../../src/app/explore/sliderScale';

describe('colour slots', () => {
  it('keep each curve’s slot when another is removed, and fill the gap with the next new one', () => {
    const first = assignSlots(new Map(), slotKeys(['relu', 'gelu', 'golu', 'mish']));
    expect([...first.values()]).toEqual([0, 1, 2, 3]);
    const removed = assignSlots(first, slotKeys(['relu', 'golu', 'mish']));
    expect(removed.get('golu')).toBe(2);
    expect(removed.get('mish')).toBe(3);
    const added = assignSlots(removed, slotKeys(['relu', 'golu', 'mish', 'elu']));
    expect(added.get('elu')).toBe(1);
  });

  it('tell copies of one activation apart', () => {
    expect(slotKeys(['relu', 'gelu', 'relu'])).toEqual(['relu', 'gelu', 'relu#2']);
  });

  it('palette: twelve distinct colours per theme, then dashes', () => {
    for (const theme of ['light', 'dark'] as const) {
      expect(new Set(Array.from({ length: PALETTE_SIZE }, (_, i) => curveColor(i, theme))).size).toBe(12);
    }
    expect(curveDash(11)).toBe('solid');
    expect(curveDash(12)).toBe('dash');
    expect(curveColor(12, 'light')).toBe(curveColor(0, 'light'));
  });
});

describe('fast redraw path', () => {
  it('maps points through the axes and breaks the line at gaps', () => {
    const xa = { c2p: (v: number) => 10 * v };
    const ya = { c2p: (v: number) => 100 - v };
    expect(linePath([0, 1, 2, 3], [1, NaN, 2, 3], xa, ya)).toBe('M0.00,99.00M20.00,98.00L30.00,97.00');
  });
});

describe('slider arrow keys', () => {
  it('move 1/100 of the range, 1/1000 with Shift, one integer on integer sliders', () => {
    const linear = sliderScale({ name: 'beta', default: 1, min: 0, max: 10 } as never);
    expect(arrowStep('ArrowRight', false, linear)).toBe(10);
    expect(arrowStep('ArrowLeft', true, linear)).toBe(-1);
    expect(arrowStep('a', false, linear)).toBeNull();
    const integer = sliderScale({ name: 'd', default: 3, min: 1, max: 8, integer: true } as never);
    expect(arrowStep('ArrowUp', false, integer)).toBe(1);
  });
});
