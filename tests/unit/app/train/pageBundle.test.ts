/**
 * The Trainer and Compare pages must not bundle tf.js (about 1.5 MB; training runs in the
 * worker). esbuild's metafile lists every module a bundle of the page reaches; the engine
 * itself is bundled too as a control, so the check is known to see tf.js when it is there.
 */
import * as esbuild from 'esbuild';
import { describe, expect, it } from 'vitest';

async function bundledInputs(entry: string): Promise<string[]> {
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    metafile: true,
    outdir: 'unused-out',
    format: 'esm',
    loader: { '.css': 'empty' },
    logLevel: 'silent',
  });
  return Object.keys(result.metafile.inputs);
}

const isTf = (path: string): boolean => path.includes('node_modules/@tensorflow/');

describe('page bundles stay free of tf.js', () => {
  it('the control: the engine (core/train/trainer.ts) does bundle tf.js', async () => {
    expect((await bundledInputs('src/core/train/trainer.ts')).some(isTf)).toBe(true);
  });

  for (const page of ['src/app/train/TrainPage.tsx', 'src/app/compare/ComparePage.tsx']) {
    it(`${page} reaches no @tensorflow module`, async () => {
      const inputs = await bundledInputs(page);
      expect(inputs).toContain('src/core/train/choices.ts');
      expect(inputs.filter(isTf)).toEqual([]);
    });
  }
});
