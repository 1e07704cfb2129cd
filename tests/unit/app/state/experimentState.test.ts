/** The shared Trainer/Compare settings: number and list parsing, URL round trip, named rejections. */
import { describe, expect, it } from 'vitest';
import {
  applyExperimentField,
  DEFAULT_EXPERIMENT,
  experimentSetup,
  formatExperimentQuery,
  parseHidden,
  type ExperimentState,
} from '../../../../src/app/state/experimentState';
import { splitQuery } from '../../../../src/app/state/queryCodec';

/** Parses a query with the shared keys only, as the page modules do. */
function parse(query: string): { state: ExperimentState; problems: string[]; unknown: string[] } {
  const problems: string[] = [];
  const unknown: string[] = [];
  const state = structuredClone(DEFAULT_EXPERIMENT);
  for (const [k, v] of splitQuery(query, problems)) if (!applyExperimentField(state, k, v, problems)) unknown.push(k);
  return { state, problems, unknown };
}

describe('parseHidden', () => {
  it('reads comma-separated widths', () => {
    expect(parseHidden('16,16')).toEqual([16, 16]);
    expect(parseHidden(' 4 , 3 ')).toEqual([4, 3]);
    expect(parseHidden('256')).toEqual([256]);
  });

  it('names what is wrong', () => {
    expect(parseHidden('')).toBe('hidden layers "" must be 1 to 32 widths separated by commas, e.g. 16,16');
    expect(parseHidden(Array(33).fill('4').join(','))).toContain('must be 1 to 32 widths');
    expect(parseHidden('8,,8')).toContain('must be 1 to 32 widths');
    expect(parseHidden('0')).toBe('hidden layers "0": each width must be an integer from 1 to 256');
    expect(parseHidden('2.5')).toContain('each width must be an integer');
    expect(parseHidden('300')).toContain('from 1 to 256');
    expect(parseHidden('x')).toContain('each width must be an integer');
  });
});

describe('shared URL keys', () => {
  it('format → parse gives the same state back, without problems', () => {
    const s: ExperimentState = {
      dataset: 'moons',
      n: 1234,
      noise: 0.125,
      testFraction: 0.3,
      dataSeed: 42,
      hidden: [8, 4, 2],
      init: 'glorot-uniform',
      initSigmaW: 1,
      initSigmaB: 0,
      sirenOmega0: 30,
      optimizer: 'momentum',
      lr: 3e-4,
      batchSize: 64,
      l2: 0.001,
      backend: 'wasm',
    };
    const back = parse(formatExperimentQuery(s).join('&'));
    expect(back.problems).toEqual([]);
    expect(back.unknown).toEqual([]);
    expect(back.state).toEqual(s);
  });

  it("the SIREN init carries its ω₀ in the link (w0) and into the engine setup; other inits leave it out", () => {
    const s: ExperimentState = { ...DEFAULT_EXPERIMENT, init: 'siren', sirenOmega0: 12.5 };
    const q = formatExperimentQuery(s);
    expect(q).toContain('w0=12.5');
    expect(parse(q.join('&')).state).toEqual(s);
    expect(experimentSetup(s, []).sirenOmega0).toBe(12.5);
    expect(formatExperimentQuery({ ...s, init: 'he-normal' }).some((k) => k.startsWith('w0='))).toBe(false);
    expect(experimentSetup({ ...s, init: 'he-normal' }, []).sirenOmega0).toBeUndefined();
    expect(parse('w0=5000').problems.join(' ')).toContain('SIREN ω₀');
  });

  it('the mean-field inits carry their σ_w, σ_b in the link (sw, sb) and into the engine setup', () => {
    const s: ExperimentState = { ...DEFAULT_EXPERIMENT, init: 'gaussian', initSigmaW: 2.5, initSigmaB: 0.05 };
    const q = formatExperimentQuery(s);
    expect(q).toContain('sw=2.5');
    expect(q).toContain('sb=0.05');
    expect(parse(q.join('&')).state).toEqual(s);
    const edge = formatExperimentQuery({ ...s, init: 'edge-of-chaos' });
    expect(edge.some((k) => k.startsWith('sw='))).toBe(false);
    expect(experimentSetup({ ...s, init: 'edge-of-chaos' }, [])).toMatchObject({ init: 'edge-of-chaos', initSigmaB: 0.05 });
    expect(experimentSetup({ ...s, init: 'edge-of-chaos' }, []).initSigmaW).toBeUndefined();
  });

  it('the default backend is left out of the link', () => {
    expect(formatExperimentQuery(DEFAULT_EXPERIMENT).some((p) => p.startsWith('backend='))).toBe(false);
    expect(parse(formatExperimentQuery(DEFAULT_EXPERIMENT).join('&')).state).toEqual(DEFAULT_EXPERIMENT);
  });

  it('keeps the default for each bad value and names the problem', () => {
    const cases: [string, string][] = [
      ['ds=nosuch', 'dataset "nosuch" must be one of circle, xor'],
      ['n=5', 'points n 5 is outside [10, 20000]'],
      ['n=100.5', 'points n 100.5 is not a whole number'],
      ['noise=-1', 'noise -1 is outside [0, 2]'],
      ['test=0.95', 'test fraction 0.95 is outside [0, 0.9]'],
      ['dseed=-3', 'data seed -3 is outside'],
      ['hidden=0,4', 'each width must be an integer from 1 to 256'],
      ['init=zeros', 'init "zeros" must be one of he-normal, he-uniform, glorot-normal, glorot-uniform, lecun-normal, lecun-uniform, siren'],
      ['opt=rmsprop', 'optimizer "rmsprop" must be one of sgd, momentum, adam'],
      ['lr=abc', 'learning rate "abc" is not a number'],
      ['lr=0', 'learning rate 0 is outside [0.000001, 100]'],
      ['bs=0', 'batch size 0 is outside [1, 20000]'],
      ['l2=11', 'L2 11 is outside [0, 10]'],
      ['backend=metal', 'backend "metal" must be one of auto, webgpu, webgl, wasm, cpu'],
    ];
    for (const [query, message] of cases) {
      const { state, problems } = parse(query);
      expect(problems, query).toHaveLength(1);
      expect(problems[0], query).toContain(message);
      expect(state, query).toEqual(DEFAULT_EXPERIMENT);
    }
  });

  it('leaves keys it does not know to the page module', () => {
    expect(parse('act=relu&ds=xor').unknown).toEqual(['act']);
  });
});

describe('experimentSetup', () => {
  it('maps the settings onto the engine setup', () => {
    const runs = [{ activation: { id: 'relu' }, seed: 3 }];
    expect(experimentSetup({ ...DEFAULT_EXPERIMENT, dataset: 'xor', n: 50, noise: 0.1, testFraction: 0.25, dataSeed: 9 }, runs)).toEqual({
      dataset: { name: 'xor', n: 50, noise: 0.1, testFraction: 0.25, seed: 9 },
      hidden: [16, 16],
      runs,
      init: 'he-normal',
      optimizer: 'adam',
      lr: 0.01,
      l2: 0,
      batchSize: 32,
    });
  });
});
