import { describe, expect, it } from 'vitest';
import { buildFigure } from '../../../../src/app/plot/buildFigure';
import { sampleCurves } from '../../../../src/app/explore/sampleCurves';
import { curveColor } from '../../../../src/app/plot/palette';

const relu = sampleCurves({ f: (x) => Math.max(0, x), df: (x) => (x > 0 ? 1 : 0), d2f: () => 0 }, -2, 2, 5);
const helu = sampleCurves(
  { f: (x) => Math.max(0, x), df: (x) => (x > 0 ? 1 : 0), d2f: () => 0, surrogate: (x) => (x > -1 ? 1 : 0) },
  -2,
  2,
  5,
);
const view = { show: { f: true, df: true, d2f: true }, layout: 'stacked' as const, marks: false, xMin: -2, xMax: 2, theme: 'light' as const };

describe('buildFigure', () => {
  it('stacked: one panel per curve kind sharing the x axis, one legend entry per activation', () => {
    const fig = buildFigure([{ label: 'ReLU', color: curveColor(0, 'light'), samples: relu, isModifier: false }], view);
    expect(fig.data.map((d) => (d as { yaxis: string }).yaxis)).toEqual(['y', 'y2', 'y3']);
    expect(fig.data.map((d) => (d as { showlegend: boolean }).showlegend)).toEqual([true, false, false]);
    const l = fig.layout as Record<string, { domain: number[] }>;
    expect(l.yaxis.domain[1]).toBe(1);
    expect(l.yaxis3.domain[0]).toBe(0);
    expect(l.yaxis.domain[0]).toBeGreaterThan(l.yaxis2.domain[1]);
    expect(fig.layout.hovermode).toBe('x unified');
  });

  it('overlay: one panel, f solid, f′ dashed, f″ dotted', () => {
    const fig = buildFigure([{ label: 'ReLU', color: '#000000', samples: relu, isModifier: false }], { ...view, layout: 'overlay' });
    expect(fig.data.map((d) => (d as { yaxis: string }).yaxis)).toEqual(['y', 'y', 'y']);
    expect(fig.data.map((d) => (d as { line: { dash: string } }).line.dash)).toEqual(['solid', 'dash', 'dot']);
  });

  it('modifiers: dashed f′, a thick step surrogate on the f′ panel and shading where s ≠ f′', () => {
    const fig = buildFigure([{ label: 'HeLU', color: '#0072B2', samples: helu, isModifier: true }], { ...view, show: { f: true, df: true, d2f: false } });
    const s = fig.data[2] as { name: string; yaxis: string; line: { shape: string; width: number } };
    expect(s.name).toBe('HeLU surrogate s(x)');
    expect(s.yaxis).toBe('y2');
    expect(s.line.shape).toBe('hv');
    expect((fig.data[1] as { line: { dash: string } }).line.dash).toBe('dash');
    // Grid −2, −1, 0, 1, 2: s ≠ f′ only at x = 0 (s = 1, f′ = 0) → [−0.5, 0.5].
    expect(fig.layout.shapes).toEqual([expect.objectContaining({ x0: -0.5, x1: 0.5, yref: 'y2 domain' })]);
  });

  it('palette: colours are distinct for the first twelve curves in both themes', () => {
    for (const theme of ['light', 'dark'] as const) {
      const colours = Array.from({ length: 12 }, (_, i) => curveColor(i, theme));
      expect(new Set(colours).size).toBe(12);
    }
  });
});
