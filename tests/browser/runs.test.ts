/**
 * Run files in the browser: the Trainer saves its run (and a PyTorch script), the file loads back
 * showing its configuration and stored curves, Retrain repeats it in the worker from the stored
 * initial state (on cpu it reproduces the stored history to 1e-6), broken files are refused with
 * the JSON path while the previous view stays, and the Compare page saves its runs.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { captureDownload, openApp, type AppSession } from './harness';

let app: AppSession | null = null;

afterEach(async () => {
  await app?.close();
  app = null;
});

interface SavedRun {
  schema: string;
  version: number;
  backend: string;
  config: { activation: { id: string }; seed: number; epochs: number; batchSize: number };
  initial: { layers: { W: number[][] }[] };
  batchOrder: { kind: string; permutations?: number[][] };
  history: { epoch: number; trainLoss: number }[];
}

async function loadFile(a: AppSession, name: string, text: string): Promise<void> {
  await a.page.setInputFiles('[data-testid="run-file-input"]', { name, mimeType: 'application/json', buffer: Buffer.from(text, 'utf8') });
}

describe('run files', () => {
  it('Trainer: download the run, load it back, retrain (difference ≤ 1e-6 on cpu); broken files are refused and the view stays', async () => {
    app = await openApp({ hash: '#/train?ds=moons&n=100&hidden=6&act=swish&lr=0.03&bs=20&backend=cpu' });
    const a = app;
    await a.page.waitForSelector('[data-testid="counter"][data-ready="1"]', { timeout: 240_000 });
    await a.page.click('[data-testid="play"]');
    await a.page.waitForFunction(() => Number(document.querySelector('[data-testid="counter"]')?.getAttribute('data-epoch')) >= 3, undefined, { timeout: 120_000 });
    await a.page.click('[data-testid="play"]'); // pause
    await a.page.waitForSelector('[data-testid="play"]:has-text("Train")');

    const saved = await captureDownload(a.page, () => a.page.click('[data-testid="run-download"]'));
    expect(saved.filename).toMatch(/^run-swish-seed\d+-.*\.json$/);
    const text = saved.content.toString('utf8');
    const run = JSON.parse(text) as SavedRun;
    expect(run.schema).toBe('activation-playground/run');
    expect(run.backend).toBe('cpu');
    expect(run.history.length).toBeGreaterThanOrEqual(4);
    expect(run.config.epochs).toBe(run.history.length - 1);
    // 80 training points in batches of 20: one explicit permutation per recorded epoch.
    expect(run.batchOrder.kind).toBe('permutations');
    expect(run.batchOrder.permutations?.length).toBe(run.config.epochs);
    expect(run.history[run.history.length - 1].trainLoss).toBeLessThan(run.history[0].trainLoss);

    const script = await captureDownload(a.page, () => a.page.click('[data-testid="run-pytorch"]'));
    expect(script.filename).toMatch(/\.py$/);
    expect(script.content.toString('utf8')).toContain('import torch');
    // The worker measured the run's 1-ulp sensitivity: the script states the per-epoch bound, the page the verdict.
    expect(script.content.toString('utf8')).toMatch(/Measured for this run \(cpu backend\)/);
    expect(await a.page.locator('[data-testid="run-pytorch-sensitivity"]').textContent()).toMatch(/This run is (stable|sensitive from epoch \d+|chaotic from epoch \d+)/);

    await loadFile(a, 'saved.json', text);
    const view = a.page.locator('[data-testid="run-file-view"]');
    await view.waitFor();
    const config = (await a.page.locator('[data-testid="run-file-config"]').textContent()) ?? '';
    expect(config).toContain('swish');
    expect(config).toContain('batch 20');
    expect(await a.page.locator('[data-testid="run-overlay"]').getAttribute('data-traces')).toBe('2');

    await a.page.click('[data-testid="run-retrain"]');
    const diff = a.page.locator('[data-testid="run-difference"]');
    await diff.waitFor({ timeout: 120_000 });
    expect(await diff.getAttribute('data-backend')).toBe('cpu');
    // Same backend, same start, same order: the stored float32 history again.
    expect(Number(await diff.getAttribute('data-value'))).toBeLessThanOrEqual(1e-6);
    expect(await a.page.locator('[data-testid="run-overlay"]').getAttribute('data-traces')).toBe('4');
    expect(await a.page.locator('[data-testid="run-sensitivity"]').textContent()).toMatch(/^This run is (stable|sensitive|chaotic).*one(-| float32 )ulp/);
    await a.page.locator('[data-testid="run-files"]').screenshot({ path: '/tmp/runs-retrained.png' });

    // A file from a newer playground, a misshapen weight matrix, and not JSON at all.
    const newer = { ...run, version: 99 };
    await loadFile(a, 'newer.json', JSON.stringify(newer));
    const error = a.page.locator('[data-testid="run-file-error"]');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/newer\.json was not loaded\. Run file, at \$\.version: written by a newer Activation Playground/);
    const misshapen = JSON.parse(text) as SavedRun;
    misshapen.initial.layers[1].W[2] = [1, 2];
    await loadFile(a, 'misshapen.json', JSON.stringify(misshapen));
    await a.page.waitForFunction(() => document.querySelector('[data-testid="run-file-error"]')?.textContent?.includes('misshapen.json'));
    expect(await error.textContent()).toContain('$.initial.layers[1].W[2]');
    await loadFile(a, 'garbage.json', '{"schema": ');
    await a.page.waitForFunction(() => document.querySelector('[data-testid="run-file-error"]')?.textContent?.includes('garbage.json'));
    expect(await error.textContent()).toContain('not valid JSON');
    // The previously loaded file and its retrained overlay are still shown.
    expect(await view.getAttribute('data-name')).toBe('saved.json');
    expect(await a.page.locator('[data-testid="run-overlay"]').getAttribute('data-traces')).toBe('4');
    expect(Number(await diff.getAttribute('data-value'))).toBeLessThanOrEqual(1e-6);
    await a.page.locator('[data-testid="run-files"]').screenshot({ path: '/tmp/runs-refused.png' });

    // A hand-edited start retrains from that start: the curves now differ from the stored ones.
    const edited = JSON.parse(text) as SavedRun;
    edited.initial.layers[0].W[0] = edited.initial.layers[0].W[0].map((w) => w + 0.5);
    await loadFile(a, 'edited.json', JSON.stringify(edited));
    await a.page.waitForSelector('[data-testid="run-file-view"][data-name="edited.json"]');
    await a.page.click('[data-testid="run-retrain"]');
    await diff.waitFor({ timeout: 120_000 });
    expect(Number(await diff.getAttribute('data-value'))).toBeGreaterThan(1e-4);
    expect(a.errors).toEqual([]);
  }, 600_000);

  it('Compare: Download runs gives a comparison file whose runs load and retrain', async () => {
    app = await openApp({ hash: '#/compare?a=relu&a=tanh&seeds=2&epochs=3&ds=circle&n=120&hidden=6&bs=30&lr=0.03&backend=cpu' });
    const a = app;
    await a.page.click('[data-testid="compare-run"]', { timeout: 120_000 });
    await a.page.waitForSelector('[data-testid="compare-status"][data-status="complete"]', { timeout: 240_000 });
    const saved = await captureDownload(a.page, () => a.page.click('[data-testid="runs-download"]'));
    const file = JSON.parse(saved.content.toString('utf8')) as { schema: string; status: string; runs: SavedRun[] };
    expect(file.schema).toBe('activation-playground/comparison');
    expect(file.status).toBe('complete');
    expect(file.runs.map((r) => [r.config.activation.id, r.config.seed])).toEqual([['relu', 1], ['relu', 2], ['tanh', 1], ['tanh', 2]]);
    expect(file.runs.every((r) => r.history.length === 4)).toBe(true);

    await loadFile(a, saved.filename, saved.content.toString('utf8'));
    await a.page.waitForSelector('[data-testid="run-file-view"]');
    await a.page.selectOption('[data-testid="run-file-select"]', '3');
    expect(await a.page.locator('[data-testid="run-file-config"]').textContent()).toContain('tanh');
    await a.page.click('[data-testid="run-retrain"]');
    const diff = a.page.locator('[data-testid="run-difference"]');
    await diff.waitFor({ timeout: 120_000 });
    // Trained batched with 3 other runs, retrained alone: float32 sums in another order (the engine's 1e-4).
    expect(Number(await diff.getAttribute('data-value'))).toBeLessThanOrEqual(1e-4);
    await a.page.locator('[data-testid="run-files"]').screenshot({ path: '/tmp/runs-compare.png' });
    expect(a.errors).toEqual([]);
  }, 600_000);
});
