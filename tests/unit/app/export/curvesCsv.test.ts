import { describe, expect, it } from 'vitest';
import { curvesCsv } from '../../../../src/app/export/curvesCsv';
import { sampleCurves } from '../../../../src/app/explore/sampleCurves';

describe('curvesCsv', () => {
  it('writes x then f, df, d2f per curve (and s for modifiers) at full precision', () => {
    const sq = sampleCurves({ f: (x) => x * x, df: (x) => 2 * x, d2f: () => 2 }, -1, 1, 3);
    const step = sampleCurves({ f: (x) => Math.max(0, x), df: (x) => (x > 0 ? 1 : 0), d2f: () => 0, surrogate: (x) => (x > -0.5 ? 1 : 0) }, -1, 1, 3);
    const csv = curvesCsv([
      { label: 'square', samples: sq },
      { label: 'relu(a=1,b=2)', samples: step },
    ]);
    expect(csv).toBe(
      'x,square f,square df,square d2f,"relu(a=1,b=2) f","relu(a=1,b=2) df","relu(a=1,b=2) d2f","relu(a=1,b=2) s"\n' +
        '-1,1,-2,2,0,0,0,0\n' +
        '0,0,0,2,0,0,0,1\n' +
        '1,1,2,2,1,1,0,1\n',
    );
  });

  it('leaves gaps empty and keeps 17 significant digits', () => {
    const c = sampleCurves({ f: (x) => Math.log(x), df: (x) => 1 / x, d2f: () => 0.1 + 0.2 }, 0, 1, 2);
    const rows = curvesCsv([{ label: 'log', samples: c }]).trim().split('\n');
    expect(rows[1]).toBe('0,,,0.30000000000000004');
  });
});
