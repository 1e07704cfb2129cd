import { describe, expect, it } from 'vitest';
import { linePath, PATH_TOLERANCE_PX } from '../../../../src/app/plot/fastRedraw';

const xa = { c2p: (v: number) => 80 * (v + 5) }; // x in [−5, 5] → 0…800 px
const ya = { c2p: (v: number) => 300 - 100 * v };

/** The drawn path's points, one array per M-started piece. */
function pieces(d: string): [number, number][][] {
  return d
    .split('M')
    .filter(Boolean)
    .map((piece) => piece.split('L').map((p) => p.split(',').map(Number) as [number, number]));
}

function distToSegment([px, py]: [number, number], [ax, ay]: [number, number], [bx, by]: [number, number]): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function grid(n: number): number[] {
  return Array.from({ length: n }, (_, i) => -5 + (10 * i) / (n - 1));
}

describe('fast redraw path (simplified polyline)', () => {
  it('every sampled point lies within the tolerance of the drawn line, with far fewer points', () => {
    const xs = grid(2001);
    for (const f of [Math.tanh, (x: number) => x / (1 + Math.exp(-x)), (x: number) => Math.sin(3 * x), (x: number) => Math.exp(-x * x) * 2]) {
      const ys = xs.map(f);
      const [drawn] = pieces(linePath(xs, ys, xa, ya));
      expect(drawn.length).toBeLessThan(400);
      // Ends are kept exactly (to the path's 0.01 px rounding).
      expect(drawn[0][0]).toBeCloseTo(xa.c2p(xs[0]), 2);
      expect(drawn[drawn.length - 1][0]).toBeCloseTo(xa.c2p(5), 2);
      let worst = 0;
      let seg = 0;
      for (let i = 0; i < xs.length; i++) {
        const p: [number, number] = [xa.c2p(xs[i]), ya.c2p(ys[i])];
        while (seg < drawn.length - 2 && p[0] > drawn[seg + 1][0]) seg++;
        worst = Math.max(worst, distToSegment(p, drawn[seg], drawn[seg + 1]));
      }
      expect(worst).toBeLessThanOrEqual(PATH_TOLERANCE_PX + 0.02);
    }
  });

  it('a straight piece is two points; a kink keeps its corner; a vertical step keeps both ends', () => {
    const xs = grid(2001);
    expect(pieces(linePath(xs, xs.map((x) => 0.3 * x), xa, ya))[0]).toHaveLength(2);
    const relu = pieces(linePath(xs, xs.map((x) => Math.max(0, x)), xa, ya))[0];
    expect(relu).toHaveLength(3);
    expect(Math.hypot(relu[1][0] - 400, relu[1][1] - 300)).toBeLessThanOrEqual(PATH_TOLERANCE_PX + 0.5);
    const step = pieces(linePath([-1, 0, 0, 1], [0, 0, 1, 1], xa, ya))[0];
    expect(step).toEqual([[320, 300], [400, 300], [400, 200], [480, 200]]);
  });

  it('breaks the line at gaps', () => {
    const lin = { c2p: (v: number) => 10 * v };
    const down = { c2p: (v: number) => 100 - v };
    expect(linePath([0, 1, 2, 3], [1, NaN, 2, 3], lin, down)).toBe('M0.00,99.00M20.00,98.00L30.00,97.00');
    expect(pieces(linePath(grid(101), grid(101).map((x) => (Math.abs(x) < 1 ? NaN : x)), xa, ya))).toHaveLength(2);
  });
});
