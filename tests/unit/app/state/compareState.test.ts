/** The Compare page's URL state (the permalink): round trip, targets, and each bad part named. */
import { describe, expect, it } from 'vitest';
import {
  compareSetup,
  DEFAULT_COMPARE,
  formatCompareQuery,
  MAX_ACTIVATIONS,
  parseCompareQuery,
  parseTarget,
  seedsOf,
  targetOf,
  type CompareState,
} from '../../../../src/app/state/compareState';
import { catalog } from './stateCatalog';

const custom: CompareState = {
  ...DEFAULT_COMPARE,
  dataset: 'moons',
  lr: 0.003,
  hidden: [12],
  activations: [
    { sel: { id: 'relu', params: {}, options: {} }, learn: {} },
    { sel: { id: 'swish', params: { beta: 1.5 }, options: {} }, learn: { beta: true } },
    { sel: { id: 'prelu', params: {}, options: {} }, learn: { a: false } },
  ],
  seeds: 3,
  epochs: 12,
  target: { kind: 'loss', value: 0.1 },
  band: 'se',
  logScale: false,
  shownSeed: 2,
};

describe('Compare URL state', () => {
  it('format → parse gives the same state back, without problems', () => {
    const query = formatCompareQuery(custom);
    expect(query).toContain('a=relu&a=swish(beta=1.5)&a=prelu');
    expect(query).toContain('learn=2:beta&learn=3:-a');
    const back = parseCompareQuery(query, catalog);
    expect(back.problems).toEqual([]);
    expect(back.autorun).toBe(false);
    expect(back.state).toEqual(custom);
  });

  it('the default formats and parses back to itself; run=1 (older links) is read, not an error', () => {
    expect(parseCompareQuery(formatCompareQuery(DEFAULT_COMPARE), catalog).state).toEqual(DEFAULT_COMPARE);
    expect(parseCompareQuery(`${formatCompareQuery(custom)}&run=yes`, catalog).problems).toEqual(['run "yes" must be 1 or 0; ignored.']);
    const permalink = parseCompareQuery(`${formatCompareQuery(custom)}&run=1`, catalog);
    expect(permalink.autorun).toBe(true);
    expect(permalink.state).toEqual(custom);
  });

  it('names each bad part, keeps the defaults for it and the good parts', () => {
    const cases: [string, string, Partial<CompareState>][] = [
      ['seeds=0', 'seeds "0" must be a whole number from 1 to 50; using the default.', { seeds: 5 }],
      ['seeds=51', 'seeds "51" must be a whole number from 1 to 50', { seeds: 5 }],
      ['epochs=abc', 'epochs "abc" must be a whole number from 1 to 5000', { epochs: 50 }],
      ['epochs=2.5', 'epochs "2.5" must be a whole number', { epochs: 50 }],
      ['target=acc:2', 'target accuracy 2 must lie in [0, 1]; using acc:0.95.', { target: { kind: 'acc', value: 0.95 } }],
      ['band=wide', 'band "wide" must be one of std, se, minmax; using std.', { band: 'std' }],
      ['log=yes', 'log "yes" must be 1 or 0; ignored.', { logScale: true }],
      ['learn=9:beta', 'learn "9:beta" must be <activation number>:<names>, e.g. 2:beta; ignored.', {}],
      ['show=0', 'shown seed "0" must be a whole number from 1 to 50', { shownSeed: 1 }],
      ['wat=1', 'Unknown setting "wat" in the link; ignored.', {}],
    ];
    for (const [part, message, kept] of cases) {
      const ownEpochs = part.startsWith('epochs');
      const { state, problems } = parseCompareQuery(ownEpochs ? part : `${part}&epochs=7`, catalog);
      expect(problems, part).toHaveLength(1);
      expect(problems[0], part).toContain(message);
      expect(state, part).toMatchObject(kept);
      if (!ownEpochs) expect(state.epochs, part).toBe(7);
    }
  });

  it('learn toggles are checked against their own activation', () => {
    const { state, problems } = parseCompareQuery('a=relu&a=power&learn=2:k&learn=1:beta', catalog);
    expect(state.activations.map((a) => a.learn)).toEqual([{}, {}]);
    expect(problems).toEqual([
      'learn: parameter "k" of power is fixed and cannot be trained; ignored.',
      'learn: relu has no parameter "beta"; ignored.',
    ]);
  });

  it('unknown activations are dropped; none usable → the default list', () => {
    const some = parseCompareQuery('a=relu&a=nosuch&a=tanh', catalog);
    expect(some.state.activations.map((a) => a.sel.id)).toEqual(['relu', 'tanh']);
    expect(some.problems.join(' ')).toContain('Unknown activation "nosuch"');
    const none = parseCompareQuery('a=nosuch', catalog);
    expect(none.state.activations).toEqual(DEFAULT_COMPARE.activations);
    expect(none.problems).toContain('No activation in the link could be used; showing the default comparison.');
  });

  it(`at most ${MAX_ACTIVATIONS} activations`, () => {
    const ids = ['relu', 'gelu', 'silu', 'tanh', 'swish', 'power', 'prelu'];
    const query = Array.from({ length: MAX_ACTIVATIONS + 2 }, (_, i) => `a=${ids[i % ids.length]}`).join('&');
    const { state, problems } = parseCompareQuery(query, catalog);
    expect(state.activations).toHaveLength(MAX_ACTIVATIONS);
    expect(problems).toEqual([`At most ${MAX_ACTIVATIONS} activations can be compared; "${ids[MAX_ACTIVATIONS % ids.length]}" and later ones ignored.`]);
  });

  it('a shown seed beyond the seeds falls back to seed 1', () => {
    const { state, problems } = parseCompareQuery('seeds=3&show=4', catalog);
    expect(state.shownSeed).toBe(1);
    expect(problems).toEqual(['shown seed 4 is beyond the 3 seeds; showing seed 1.']);
  });
});

describe('parseTarget / targetOf', () => {
  it('reads acc:<accuracy> and loss:<loss>', () => {
    expect(parseTarget('acc:0.9')).toEqual({ kind: 'acc', value: 0.9 });
    expect(parseTarget(' loss:1e-2 ')).toEqual({ kind: 'loss', value: 0.01 });
    expect(targetOf({ kind: 'acc', value: 0.9 })).toEqual({ testAcc: 0.9 });
    expect(targetOf({ kind: 'loss', value: 0.01 })).toEqual({ testLoss: 0.01 });
  });

  it('explains what is wrong', () => {
    expect(parseTarget('acc:1.5')).toBe('target accuracy 1.5 must lie in [0, 1]');
    expect(parseTarget('loss:0')).toBe('target loss 0 must be positive');
    expect(parseTarget('err:0.1')).toBe('target "err:0.1" must be acc:<accuracy> or loss:<loss>, e.g. acc:0.95');
    expect(parseTarget('acc:high')).toContain('must be acc:<accuracy> or loss:<loss>');
  });
});

describe('compareSetup', () => {
  it('activations in order, seeds 1…S, the shared settings, epochs and view', () => {
    const view = { gridSize: 40, unitGridSize: 0, unitRun: 0, progressEveryMs: 0, drawEveryMs: 700 };
    const setup = compareSetup(custom, view);
    expect(setup.activations).toEqual([{ id: 'relu' }, { id: 'swish', params: { beta: 1.5 }, learnable: { beta: true } }, { id: 'prelu', learnable: { a: false } }]);
    expect(setup.seeds).toEqual([1, 2, 3]);
    expect(seedsOf(custom)).toEqual([1, 2, 3]);
    expect(setup).toMatchObject({ epochs: 12, view, hidden: [12], lr: 0.003, optimizer: 'adam', batchSize: 32, init: 'he-normal' });
    // The worker summarises with the page's target (test loss ≤ 0.1 here), so its result is the one shown.
    expect(setup.target).toEqual({ testLoss: 0.1 });
    expect(setup.dataset).toEqual({ name: 'moons', n: 400, noise: 0.05, testFraction: 0.2, seed: 1 });
    expect('runs' in setup).toBe(false);
  });
});
