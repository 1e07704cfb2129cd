import { describe, expect, it } from 'vitest';
import { logTicks } from '../../../../src/app/plot/logTicks';

describe('logTicks', () => {
  it('labels 1, 2, 5 in each decade with the magnitude written out', () => {
    expect(logTicks([0.013, 0.7])).toEqual({ tickvals: [0.02, 0.05, 0.1, 0.2, 0.5], ticktext: ['0.02', '0.05', '0.1', '0.2', '0.5'] });
  });
  it('uses powers of ten only beyond three decades', () => {
    expect(logTicks([1e-6, 2])?.tickvals).toEqual([1e-6, 1e-5, 1e-4, 0.001, 0.01, 0.1, 1]);
    expect(logTicks([1e-6, 2])?.ticktext[0]).toBe('1×10^-6');
  });
  it('leaves a narrow range to Plotly, and a range without positive data', () => {
    expect(logTicks([0.31, 0.33])).toBeNull();
    expect(logTicks([0, -1, NaN])).toBeNull();
  });
});
