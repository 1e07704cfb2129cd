/**
 * Hostile run files (issue 14, holes 1, 3, 4, 5): fields that reach exported Python are bounded
 * by the validator and escaped by the exporter; Object-member names stay plain keys and are
 * refused with their path; a typed formula in the file is the one retrained and exported; data
 * the engine cannot hold as float32, or labels outside the task, are refused.
 */
import * as tf from '@tensorflow/tfjs';
import * as fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { pyDocText } from '../../../src/core/codegen/python-doc';
import { exportRunPyTorch } from '../../../src/core/codegen/pytorch-run';
import { customId } from '../../../src/core/custom/encoding';
import type { CustomActivation } from '../../../src/core/custom/types';
import { parseRunFileText, retrainRun, RunFileError, trainRun, validateRunFile, type RunFile, type RunSetup } from '../../../src/core/runfile/index';
import { registryResolver } from '../../../src/core/train/registryResolver';
import { pythonShape } from './pythonStructure';

const setup: RunSetup = { dataset: { name: 'moons', n: 40, noise: 0.1, testFraction: 0.25, seed: 5 }, hidden: [4], lr: 0.02, batchSize: 10, epochs: 2 };
const opts = { resolveActivation: registryResolver };
const copy = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
const PAYLOAD = 'x"""\nimport os\nos.system("echo PWNED")\nr"""';

const typed = (name: string): CustomActivation => ({
  name,
  formula: 'x * sigmoid(b * x)',
  params: [{ name: 'b', default: 1, min: 0.1, max: 5, learnable: true }],
});

let swish: RunFile;
let custom: RunFile;

beforeAll(async () => {
  await tf.setBackend('cpu');
  swish = await trainRun(setup, { activation: { id: 'swish' }, seed: 3 }, opts);
  custom = await trainRun(setup, { activation: { id: customId(typed('Plain')) }, seed: 3 }, opts);
}, 60_000);

function refusedAt(file: unknown, path: string, fragment?: string): void {
  let caught: unknown;
  try {
    validateRunFile(file);
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(RunFileError);
  expect((caught as RunFileError).path).toBe(path);
  if (fragment) expect((caught as Error).message).toContain(fragment);
}

describe('hole 1: strings that reach the PyTorch script', () => {
  it.each(['createdAt', 'projectVersion', 'backend'] as const)('%s holding Python is refused at its path', (key) => {
    const f = copy(swish) as unknown as Record<string, unknown>;
    f[key] = PAYLOAD;
    refusedAt(f, `$.${key}`);
    expect(() => exportRunPyTorch(f)).toThrow(RunFileError);
  });

  it('the header accepts what the playground writes and nothing looser', () => {
    expect(() => validateRunFile({ ...copy(swish), createdAt: '2026-12-02T06:00:00Z', projectVersion: '1.2.3-beta.1' })).not.toThrow();
    refusedAt({ ...copy(swish), createdAt: '2026-13-45T99:00:00Z' }, '$.createdAt');
    refusedAt({ ...copy(swish), projectVersion: '1.2' }, '$.projectVersion');
    refusedAt({ ...copy(swish), backend: 'tensorflow' }, '$.backend', 'not one of');
  });

  it('pyDocText: any text stays inside its raw docstring (400 random strings, one python3 parse)', () => {
    const texts = fc.sample(fc.string({ unit: fc.constantFrom('"', '\\', '\n', '\r', '\0', 'r', 'x', ' ', '\ud800', '\udc00', "'", '#', ';') , maxLength: 24 }), { numRuns: 400, seed: 14 });
    texts.push('"', '\\', '""', '"""', '\\"""', PAYLOAD);
    const source = texts.map((t) => `r"""${pyDocText(t)}"""`).join('\n');
    // Each line pair must be one expression statement holding one string: N of them, nothing else.
    const shape = pythonShape(source);
    const one = pythonShape('r""""""');
    const stmt = /^Module\(body=\[(.*)\], type_ignores=\[\]\)\n$/.exec(one)?.[1];
    expect(stmt).toBeDefined();
    expect(shape).toBe(`Module(body=[${texts.map(() => stmt).join(', ')}], type_ignores=[])\n`);
  });

  it('a typed formula named like a payload exports to a script of the same shape as a plain one', () => {
    const hostile = copy(custom);
    const def = typed('a""" ; import os ; os.system("echo PWNED") ; r"""\\');
    hostile.config.activation.id = customId(def);
    const plain = exportRunPyTorch(copy(custom));
    const evil = exportRunPyTorch(hostile);
    expect(pythonShape(evil)).toBe(pythonShape(plain));
  });
});

describe('hole 3: names that are Object members', () => {
  const text = (f: RunFile, edit: (s: string) => string) => edit(JSON.stringify(f));
  it.each([
    ['params', '"params":{}', '"params":{"__proto__":1}', '$.config.activation.params.__proto__'],
    ['learnable', '"learnable":{}', '"learnable":{"__proto__":true}', '$.config.activation.learnable.__proto__'],
    ['options', '"options":{}', '"options":{"constructor":"x"}', '$.config.activation.options.constructor'],
  ])('%s holding __proto__ or constructor is refused at its path', (_, from, to, path) => {
    let caught: unknown;
    try {
      parseRunFileText(text(swish, (s) => s.replace(from, to)));
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(RunFileError);
    expect((caught as RunFileError).path).toBe(path);
  });

  it('initial activationParams with __proto__ is refused, not "internal error" on retrain', () => {
    const s = JSON.stringify(swish).replace('"activationParams":[{', '"activationParams":[{"__proto__":2,');
    expect(() => parseRunFileText(s)).toThrow('$.initial.activationParams[0].__proto__');
  });
});

describe('hole 4: config.activation.custom', () => {
  it('a file that says gelu but holds exp(exp(x)) is refused at the id', () => {
    const f = copy(swish) as unknown as { config: { activation: Record<string, unknown> } };
    f.config.activation.custom = { name: 'g', formula: 'exp(exp(x))', params: [] };
    refusedAt(f, '$.config.activation.id', 'is not the id of the typed formula');
  });

  it.each([
    [{}, '$.config.activation.custom.name'],
    ['x', '$.config.activation.custom'],
    [{ name: 'n', formula: 'x +', params: [] }, '$.config.activation.custom.formula'],
    [{ name: 'n', formula: 'x * constructor', params: [{ name: 'constructor', default: 1, min: 0, max: 2, learnable: false }] }, '$.config.activation.custom.params[0].name'],
  ])('custom %j is refused at %s', (value, path) => {
    const f = copy(swish) as unknown as { config: { activation: Record<string, unknown> } };
    f.config.activation.custom = value;
    refusedAt(f, path);
  });

  it('custom agreeing with its my. id loads, retrains the same loss and exports that formula', async () => {
    const f = copy(custom) as unknown as RunFile;
    f.config.activation.custom = typed('Plain');
    const file = validateRunFile(f);
    const again = await retrainRun(file, opts);
    expect(again.difference.maxRelativeLoss).toBeLessThan(1e-6);
    expect(exportRunPyTorch(f)).toContain('f(x) = x * sigmoid(b * x)');
  });
});

describe('hole 5: data against its task', () => {
  it('a test point beyond float32 (NaN test loss, no divergence flag) is refused', () => {
    const f = copy(swish);
    f.data.test.x[2][1] = 1e39;
    refusedAt(f, '$.data.test.x[2][1]', 'float32');
  });
  it('a label of 7 in a binary task is refused', () => {
    const f = copy(swish);
    f.data.test.y[0] = 7;
    refusedAt(f, '$.data.test.y[0]', 'class label 7');
  });
  it('NaN (null in JSON) only in the test set is refused', () => {
    const f = copy(swish) as unknown as { data: { test: { x: unknown[][] } } };
    f.data.test.x[0][0] = null;
    refusedAt(f, '$.data.test.x[0][0]');
  });
});
