/** The Compare page's result object and its summary CSV, against statistics worked out by hand. */
import { describe, expect, it } from 'vitest';
import { comparisonResult, runResults, summaryCsv, curvesCsv, type RunsSoFar } from '../../../../src/app/compare/compareResult';
import { DEFAULT_COMPARE, type CompareState } from '../../../../src/app/state/compareState';
import type { EpochRecord } from '../../../../src/core/compare/summary';

const state: CompareState = {
  ...DEFAULT_COMPARE,
  activations: [
    { sel: { id: 'relu', params: {}, options: {} }, learn: {} },
    { sel: { id: 'swish', params: { beta: 2 }, options: {} }, learn: { beta: true } },
  ],
  seeds: 2,
  epochs: 2,
  target: { kind: 'acc', value: 0.8 },
};

const rec = (epoch: number, trainLoss: number, testLoss: number, trainAcc: number, testAcc: number): EpochRecord => ({ epoch, trainLoss, testLoss, trainAcc, testAcc });

// Run order: relu/1, relu/2, swish/1, swish/2 (activation-major). swish/2 diverged.
const runs: RunsSoFar = {
  histories: [
    [rec(0, 1, 1, 0.5, 0.5), rec(1, 0.5, 0.6, 0.7, 0.75), rec(2, 0.25, 0.5, 0.85, 0.8)],
    [rec(0, 1, 1, 0.5, 0.5), rec(1, 0.5, 0.4, 0.9, 0.9), rec(2, 0.75, 1.5, 0.75, 0.7)],
    [rec(0, 1, 1, 0.5, 0.5), rec(1, 0.2, 0.3, 0.95, 0.9), rec(2, 0.125, 0.25, 1, 0.875)],
    [rec(0, 1, 1, 0.5, 0.5), rec(1, 9, 9, 0.5, 0.5), rec(2, 9, 9, 0.5, 0.5)],
  ],
  divergence: [null, null, null, { epoch: 1, step: 3, message: 'diverged' }],
};

const timing = { backend: 'cpu', totalMs: 2500, msPerEpoch: 1000 };

function parseCsv(text: string): Record<string, string>[] {
  // Splits on commas outside double quotes; "" inside quotes is one quote.
  const split = (line: string) => (line.match(/("([^"]|"")*"|[^,]*)(,|$)/g) ?? []).slice(0, -1).map((c) => c.replace(/,$/, '').replace(/^"(.*)"$/, '$1').replace(/""/g, '"'));
  const [header, ...rows] = text.trimEnd().split('\n').map(split);
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

describe('comparisonResult', () => {
  it('runs in page order with labels, seeds, finals and divergence', () => {
    const res = comparisonResult(state, runs, 'complete', 2, timing);
    expect(res.runs.map((r) => `${r.label}/${r.seed}`)).toEqual(['relu/1', 'relu/2', 'swish(beta=2, learn beta)/1', 'swish(beta=2, learn beta)/2']);
    expect(res.runs[1].final).toEqual({ trainLoss: 0.75, testLoss: 1.5, trainAcc: 0.75, testAcc: 0.7 });
    expect(res.runs[3].diverged?.step).toBe(3);
    expect(res.config).toMatchObject({ seeds: 2, epochs: 2, target: { testAcc: 0.8 }, activations: [{ id: 'relu' }, { id: 'swish', params: { beta: 2 }, learnable: { beta: true } }] });
    expect(res.timing).toMatchObject({ backend: 'cpu', totalMs: 2500, msPerEpoch: 1000, trainMs: 2000, runs: 4 });
  });

  it('a run with no evaluation yet has NaN losses and null accuracies', () => {
    const r = runResults(state, { histories: [[], [], [], []], divergence: [null, null, null, null] });
    expect(r[0].final).toEqual({ trainLoss: NaN, testLoss: NaN, trainAcc: null, testAcc: null });
  });
});

describe('summaryCsv', () => {
  const csv = summaryCsv(comparisonResult(state, runs, 'cancelled', 2, timing));
  const rows = parseCsv(csv);

  it('has one row per activation, labels quoted when they hold commas', () => {
    expect(csv.split('\n')[0]).toBe(
      'activation,runs,diverged,train_loss_mean,train_loss_std,test_loss_mean,test_loss_std,train_acc_mean,train_acc_std,test_acc_mean,test_acc_std,' +
        'epochs_to_target_mean,epochs_to_target_std,reached_target,epochs,wall_time_s,backend',
    );
    expect(csv.split('\n')[2].startsWith('"swish(beta=2, learn beta)",2,1,')).toBe(true);
    expect(rows.map((r) => r.activation)).toEqual(['relu', 'swish(beta=2, learn beta)']);
  });

  it('relu: mean and sample std over both seeds (hand-computed)', () => {
    const r = rows[0];
    expect(r.runs).toBe('2');
    expect(r.diverged).toBe('0');
    // Final train loss 0.25 and 0.75: mean 0.5, std √((0.25² + 0.25²)/1) = √0.125.
    expect(Number(r.train_loss_mean)).toBeCloseTo(0.5, 15);
    expect(Number(r.train_loss_std)).toBeCloseTo(Math.sqrt(0.125), 15);
    // Test loss 0.5 and 1.5: mean 1, std √(0.5) .
    expect(Number(r.test_loss_mean)).toBeCloseTo(1, 15);
    expect(Number(r.test_loss_std)).toBeCloseTo(Math.SQRT1_2, 15);
    // Test accuracy 0.8 and 0.7: mean 0.75, std √(2·0.05²) = 0.05·√2.
    expect(Number(r.test_acc_mean)).toBeCloseTo(0.75, 15);
    expect(Number(r.test_acc_std)).toBeCloseTo(0.05 * Math.SQRT2, 15);
    // Target acc ≥ 0.8: seed 1 at epoch 2, seed 2 at epoch 1 → mean 1.5, std √0.5.
    expect(Number(r.epochs_to_target_mean)).toBeCloseTo(1.5, 15);
    expect(Number(r.epochs_to_target_std)).toBeCloseTo(Math.SQRT1_2, 15);
    expect(r.reached_target).toBe('2');
    expect(r.epochs).toBe('2');
    expect(Number(r.wall_time_s)).toBe(2.5);
    expect(r.backend).toBe('cpu');
  });

  it('swish: the diverged run is counted, never averaged in', () => {
    const r = rows[1];
    expect(r.runs).toBe('2');
    expect(r.diverged).toBe('1');
    expect(Number(r.train_loss_mean)).toBe(0.125);
    expect(Number(r.train_loss_std)).toBe(0);
    expect(Number(r.test_acc_mean)).toBe(0.875);
    expect(Number(r.epochs_to_target_mean)).toBe(1);
    expect(r.reached_target).toBe('1');
  });

  it('regression (no accuracies) and nobody reaching the target leave those cells empty', () => {
    const reg: RunsSoFar = {
      histories: runs.histories.map((h) => h.map((e) => ({ ...e, trainAcc: null, testAcc: null }))),
      divergence: [null, null, null, null],
    };
    const row = parseCsv(summaryCsv(comparisonResult({ ...state, target: { kind: 'loss', value: 0.01 } }, reg, 'complete', 2, timing)))[0];
    expect([row.train_acc_mean, row.train_acc_std, row.test_acc_mean, row.test_acc_std]).toEqual(['', '', '', '']);
    expect([row.epochs_to_target_mean, row.epochs_to_target_std, row.reached_target]).toEqual(['', '', '0']);
    expect(Number(row.train_loss_mean)).toBeCloseTo(0.5, 15);
  });
});

describe('curvesCsv (long format)', () => {
  const lines = curvesCsv(comparisonResult(state, runs, 'complete', 2, timing)).trimEnd().split('\n');
  it('has one row per run × epoch × metric, with the values written above', () => {
    expect(lines[0]).toBe('activation,seed,epoch,metric,value');
    // 4 runs × 3 epochs (0..2) × 4 metrics.
    expect(lines.length - 1).toBe(4 * 3 * 4);
    expect(lines[1]).toBe('relu,1,0,train_loss,1');
    // relu seed 2, epoch 2: train 0.75, test 1.5, acc 0.75 / 0.7.
    const relu2e2 = lines.filter((l) => l.startsWith('relu,2,2,'));
    expect(relu2e2).toEqual(['relu,2,2,train_loss,0.75', 'relu,2,2,test_loss,1.5', 'relu,2,2,train_acc,0.75', 'relu,2,2,test_acc,0.7']);
  });
});
