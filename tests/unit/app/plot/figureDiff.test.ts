import { describe, expect, it } from 'vitest';
import { buildFigure, type PlotCurve } from '../../../../src/app/plot/buildFigure';
import { changedTraces, restyleUpdate } from '../../../../src/app/plot/figureDiff';
import { sampleCurves } from '../../../../src/app/explore/sampleCurves';

const view = { show: { f: true, df: true, d2f: true }, layout: 'stacked' as const, marks: false, xMin: -3, xMax: 3, theme: 'light' as const };
const swish = (beta: number) => sampleCurves({ f: (x) => x / (1 + Math.exp(-beta * x)), df: () => 0, d2f: () => 0 }, -3, 3, 11);
const relu = sampleCurves({ f: (x) => Math.max(0, x), df: (x) => (x > 0 ? 1 : 0), d2f: () => 0 }, -3, 3, 11);
const curves = (beta: number): PlotCurve[] => [
  { label: 'ReLU', color: '#0072B2', samples: relu, isModifier: false },
  { label: beta === 1 ? 'Swish' : `Swish (β=${beta})`, color: '#D55E00', samples: swish(beta), isModifier: false },
];

describe('changedTraces', () => {
  it('finds only the moved activation\'s three traces when a parameter changes', () => {
    const before = buildFigure(curves(1), view);
    const after = buildFigure(curves(2), view);
    expect(changedTraces(before, after)).toEqual([3, 4, 5]);
    const update = restyleUpdate(after, [3, 4, 5]);
    expect(update.name).toEqual(['Swish (β=2)', 'Swish (β=2)', 'Swish (β=2)']);
    expect(update.y[0]).toBe((after.data[3] as { y: unknown }).y);
  });

  it('asks for a full redraw when the layout or trace styling changes', () => {
    const same = curves(1);
    const before = buildFigure(same, view);
    expect(changedTraces(before, buildFigure(same, { ...view, xMax: 4 }))).toBeNull();
    expect(changedTraces(before, buildFigure(same, { ...view, theme: 'dark' }))).toBeNull();
    expect(changedTraces(before, buildFigure(same.slice(0, 1), view))).toBeNull();
    expect(changedTraces(before, buildFigure(same, { ...view, layout: 'overlay' }))).toBeNull();
    expect(changedTraces(before, buildFigure(same, view))).toEqual([]);
  });
});
