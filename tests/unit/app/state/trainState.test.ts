/** The Trainer page's URL state: round trip, training toggles, and each bad part named. */
import { describe, expect, it } from 'vitest';
import {
  activationSpecOf,
  checkLearn,
  DEFAULT_TRAIN,
  formatTrainQuery,
  isLearned,
  parseLearnList,
  parseTrainQuery,
  trainSetup,
  type TrainState,
} from '../../../../src/app/state/trainState';
import { beta, catalog, fixedK, slope } from './stateCatalog';

describe('Trainer URL state', () => {
  it('format → parse gives the same state back, without problems', () => {
    const s: TrainState = {
      ...DEFAULT_TRAIN,
      dataset: 'xor',
      hidden: [5],
      lr: 0.05,
      activation: { id: 'swish', params: { beta: 2.5 }, options: {} },
      learn: { beta: true },
      seed: 77,
    };
    const query = formatTrainQuery(s);
    expect(query).toContain('act=swish(beta=2.5)');
    expect(query).toContain('learn=beta');
    const back = parseTrainQuery(query, catalog);
    expect(back.problems).toEqual([]);
    expect(back.state).toEqual(s);
  });

  it('an empty query is the default state; the default formats and parses back to itself', () => {
    expect(parseTrainQuery('', catalog)).toEqual({ state: DEFAULT_TRAIN, problems: [] });
    expect(parseTrainQuery(formatTrainQuery(DEFAULT_TRAIN), catalog)).toEqual({ state: DEFAULT_TRAIN, problems: [] });
  });

  it('a "do not train" toggle round-trips as -name', () => {
    const s: TrainState = { ...DEFAULT_TRAIN, activation: { id: 'prelu', params: {}, options: {} }, learn: { a: false } };
    expect(formatTrainQuery(s)).toContain('learn=-a');
    expect(parseTrainQuery(formatTrainQuery(s), catalog).state.learn).toEqual({ a: false });
  });

  it('names each bad part and keeps the rest', () => {
    const unknownAct = parseTrainQuery('act=nosuch&lr=0.5', catalog);
    expect(unknownAct.state.activation.id).toBe('gelu');
    expect(unknownAct.state.lr).toBe(0.5);
    expect(unknownAct.problems.join(' ')).toContain('Unknown activation "nosuch"');
    expect(unknownAct.problems.join(' ')).toContain('Using gelu instead.');

    const fixed = parseTrainQuery('act=power&learn=k', catalog);
    expect(fixed.state.learn).toEqual({});
    expect(fixed.problems).toEqual(['learn: parameter "k" of power is fixed and cannot be trained; ignored.']);

    const noParam = parseTrainQuery('act=swish&learn=gamma', catalog);
    expect(noParam.problems).toEqual(['learn: swish has no parameter "gamma"; ignored.']);

    for (const seed of ['-1', '2147483648', '1.5', 'x']) {
      const bad = parseTrainQuery(`seed=${seed}`, catalog);
      expect(bad.state.seed).toBe(1);
      expect(bad.problems).toEqual([`seed "${seed}" must be a whole number from 0 to 2147483647; using 1.`]);
    }

    expect(parseTrainQuery('colour=red', catalog).problems).toEqual(['Unknown setting "colour" in the link; ignored.']);
  });

  it('learn= is read against the activation given anywhere in the link', () => {
    expect(parseTrainQuery('learn=beta&act=swish', catalog).state.learn).toEqual({ beta: true });
  });
});

describe('training toggles', () => {
  it('parseLearnList: names on, -names off, blanks skipped', () => {
    expect(parseLearnList('beta, -a,,')).toEqual({ beta: true, a: false });
  });

  it('checkLearn keeps only toggles that differ from the registry default', () => {
    const problems: string[] = [];
    // beta is optional (default off): on is kept, off is the default and dropped;
    // a is learnable 'yes' (default on): on is dropped, off is kept.
    expect(checkLearn({ beta: true, a: true }, [beta, slope], 'x', problems)).toEqual({ beta: true });
    expect(checkLearn({ beta: false, a: false }, [beta, slope], 'x', problems)).toEqual({ a: false });
    expect(checkLearn({ k: false }, [fixedK], 'x', problems)).toEqual({});
    expect(problems).toEqual([]);
  });

  it('isLearned: the toggle when given, else learnable "yes"', () => {
    expect(isLearned(beta, {})).toBe(false);
    expect(isLearned(beta, { beta: true })).toBe(true);
    expect(isLearned(slope, {})).toBe(true);
    expect(isLearned(slope, { a: false })).toBe(false);
    expect(isLearned(fixedK, {})).toBe(false);
  });
});

describe('engine setup', () => {
  it('activationSpecOf leaves out empty parts and copies the rest', () => {
    expect(activationSpecOf({ id: 'relu', params: {}, options: {} }, {})).toEqual({ id: 'relu' });
    const params = { beta: 2 };
    const spec = activationSpecOf({ id: 'swish', params, options: { mode: 'a' } }, { beta: true });
    expect(spec).toEqual({ id: 'swish', params: { beta: 2 }, options: { mode: 'a' }, learnable: { beta: true } });
    expect(spec.params).not.toBe(params);
  });

  it('trainSetup is one run with the state seed', () => {
    const s: TrainState = { ...DEFAULT_TRAIN, activation: { id: 'swish', params: { beta: 3 }, options: {} }, seed: 5 };
    expect(trainSetup(s).runs).toEqual([{ activation: { id: 'swish', params: { beta: 3 } }, seed: 5 }]);
    expect(trainSetup(s).dataset).toEqual({ name: 'spiral', n: 400, noise: 0.05, testFraction: 0.2, seed: 1 });
  });
});
