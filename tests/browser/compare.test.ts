/**
 * The Compare page in the built app: a small comparison (2 activations × 2 seeds, few epochs)
 * runs end to end in the worker's one batched engine; the table has one row per activation with
 * the right run counts; the CSV and JSON downloads agree with each other, with the table, and
 * with statistics recomputed HERE from the exported per-run results (mean and sample std in
 * float64); the permalink reopens the same comparison and reproduces its numbers.
 *
 * The cpu backend keeps the run short and deterministic; the webgpu path is covered by
 * train.test.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { captureDownload, openApp, saveScreenshot, type AppSession } from './harness';

let app: AppSession | null = null;

afterEach(async () => {
  await app?.close();
  app = null;
});

const HASH = '#/compare?a=relu&a=gelu&seeds=2&epochs=4&ds=circle&n=200&hidden=8&bs=40&lr=0.03&backend=cpu&target=acc:0.8';

interface ExportedRun {
  label: string;
  seed: number;
  activation: { id: string };
  history: { epoch: number; trainLoss: number; testLoss: number }[];
  final: { trainLoss: number; testLoss: number; trainAcc: number | null; testAcc: number | null };
  diverged: unknown;
}

interface ExportedSummary {
  label: string;
  n: number;
  diverged: number;
  trainLoss: { mean: number; std: number } | null;
  testLoss: { mean: number; std: number } | null;
  testAcc: { mean: number; std: number } | null;
}

function meanStd(v: number[]): { mean: number; std: number } {
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  const std = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (v.length - 1));
  return { mean, std };
}

/** Relative 1e-12 (+1e-15 absolute): both sides are float64 sums of the same few numbers. */
function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-15 + 1e-12 * Math.abs(b);
}

async function runAndWait(a: AppSession): Promise<void> {
  await a.page.click('[data-testid="compare-run"]', { timeout: 120_000 });
  await a.page.waitForSelector('[data-testid="compare-status"][data-status="complete"]', { timeout: 240_000 });
}

describe('Compare page', () => {
  it('runs 2 activations × 2 seeds, shows the table and exports matching CSV and JSON', async () => {
    app = await openApp({ hash: HASH });
    const a = app;
    await a.page.waitForSelector('[data-testid="backend"][data-backend="cpu"]', { timeout: 120_000 });
    expect(await a.page.locator('[data-testid="compare-run"]').textContent()).toContain('2 × 2');
    await runAndWait(a);
    expect(await a.page.locator('[data-testid="compare-status"]').textContent()).toContain('4 epochs');

    const rows = a.page.locator('[data-testid="results-table"] tbody tr');
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(0).getAttribute('data-activation')).toBe('relu');
    expect(await rows.nth(1).getAttribute('data-activation')).toBe('gelu');
    const cells = async (i: number) => (await rows.nth(i).locator('th, td').allTextContents()).map((t) => t.trim());
    const relu = await cells(0);
    // One naming: the table, the legend and the sidebar all use the display name.
    const sidebarName = (await a.page.locator('[data-compared="relu"] strong').textContent())?.trim();
    expect(sidebarName).toBe('ReLU');
    expect(relu[0]).toBe(sidebarName);
    // The curves are drawn after the table appears (Plotly loads lazily): wait for the legend.
    await a.page.waitForFunction(() => [...document.querySelectorAll('[data-testid="compare-page"] .legendtext')].some((t) => t.textContent?.startsWith('ReLU (')));
    const legend = await a.page.locator('[data-testid="compare-page"] .legendtext').allTextContents();
    expect(legend.some((t) => t.startsWith('ReLU ('))).toBe(true);
    expect(legend.some((t) => t.startsWith('relu'))).toBe(false);
    // Accuracy over epochs is drawn as well as loss (a classification task).
    await a.page.waitForSelector('[data-testid="compare-accuracy"] .js-plotly-plot');
    expect(relu[1]).toBe('2'); // runs
    expect(relu[2]).toBe('0'); // diverged
    // The target is named for what it measures: test accuracy (or test loss), in the caption and the field.
    expect(await a.page.locator('[data-testid="results-table"] caption').textContent()).toMatch(/Epochs to target: the first epoch with test (accuracy ≥|loss ≤) /);
    expect(await a.page.getByLabel(/Target on the test set/).getAttribute('data-testid')).toBe('target');

    // Small multiples: one decision boundary per activation, and the loss-curve plot.
    expect(await a.page.locator('[data-multiple] canvas.decision-canvas').count()).toBe(2);
    await saveScreenshot(a.page, '/tmp/compare-done.png');

    const json = await captureDownload(a.page, () => a.page.click('[data-testid="export-json"]'));
    expect(json.filename).toMatch(/^comparison-.*\.json$/);
    const result = JSON.parse(json.content.toString('utf8')) as {
      status: string;
      epochsCompleted: number;
      runs: ExportedRun[];
      summary: ExportedSummary[];
      config: { seeds: number; epochs: number; activations: { id: string }[] };
    };
    expect(result.status).toBe('complete');
    expect(result.epochsCompleted).toBe(4);
    expect(result.config.activations.map((x) => x.id)).toEqual(['relu', 'gelu']);
    expect(result.runs.map((r) => `${r.activation.id}/${r.seed}`)).toEqual(['relu/1', 'relu/2', 'gelu/1', 'gelu/2']);
    for (const r of result.runs) {
      expect(r.history.map((h) => h.epoch)).toEqual([0, 1, 2, 3, 4]);
      expect(r.final.trainLoss).toBe(r.history[4].trainLoss);
      // It trained: every run's loss fell from its start.
      expect(r.final.trainLoss).toBeLessThan(r.history[0].trainLoss);
    }
    // Different seeds start from different weights.
    expect(result.runs[0].history[0].trainLoss).not.toBe(result.runs[1].history[0].trainLoss);

    const csv = await captureDownload(a.page, () => a.page.click('[data-testid="export-csv"]'));
    expect(csv.filename).toMatch(/^comparison-.*\.csv$/);
    const lines = csv.content.toString('utf8').trim().split('\n');
    const header = lines[0].split(',');
    expect(lines.length).toBe(3);
    const col = (name: string) => {
      const i = header.indexOf(name);
      expect(i, name).toBeGreaterThanOrEqual(0);
      return i;
    };
    for (const [k, id] of ['relu', 'gelu'].entries()) {
      const row = lines[k + 1].split(',');
      expect(row[col('activation')]).toBe(id);
      expect(Number(row[col('runs')])).toBe(2);
      expect(Number(row[col('diverged')])).toBe(0);
      // Recompute from the exported per-run finals, independently of the app's summary code.
      const finals = result.runs.filter((r) => r.activation.id === id).map((r) => r.final);
      const train = meanStd(finals.map((f) => f.trainLoss));
      const test = meanStd(finals.map((f) => f.testLoss));
      const acc = meanStd(finals.map((f) => f.testAcc as number));
      expect(close(Number(row[col('train_loss_mean')]), train.mean)).toBe(true);
      expect(close(Number(row[col('train_loss_std')]), train.std)).toBe(true);
      expect(close(Number(row[col('test_loss_mean')]), test.mean)).toBe(true);
      expect(close(Number(row[col('test_acc_mean')]), acc.mean)).toBe(true);
      const s = result.summary[k];
      expect(s.label).toBe(id);
      expect(close(s.trainLoss?.mean as number, train.mean)).toBe(true);
      expect(close(s.testLoss?.std as number, test.std)).toBe(true);
      // The table shows the same numbers, rounded: "mean ± std" to 4 decimals.
      const shown = await cells(k);
      expect(shown[3]).toBe(`${train.mean.toFixed(4)} ± ${train.std.toFixed(4)}`);
      expect(shown[4]).toBe(`${test.mean.toFixed(4)} ± ${test.std.toFixed(4)}`);
    }

    // Curves CSV: long format, one row per run × epoch × metric; its loss values are the JSON's histories.
    const curves = await captureDownload(a.page, () => a.page.click('[data-testid="export-curves-csv"]'));
    expect(curves.filename).toMatch(/^comparison-curves-.*\.csv$/);
    const curveRows = curves.content.toString('utf8').trimEnd().split('\n');
    expect(curveRows[0]).toBe('activation,seed,epoch,metric,value');
    const trainLossRows = curveRows.slice(1).filter((l) => l.split(',')[3] === 'train_loss');
    expect(trainLossRows.length).toBe(result.runs.reduce((n, r) => n + r.history.length, 0));
    for (const r of result.runs) {
      for (const h of r.history) {
        const row = trainLossRows.find((l) => l.startsWith(`${r.label},${r.seed},${h.epoch},`));
        expect(Number(row?.split(',')[4])).toBe(h.trainLoss);
      }
    }

    // Permalink: reopening it shows the same setup and trains nothing until Run is pressed; then
    // it reproduces the same numbers.
    await a.page.click('[data-testid="permalink"]');
    const link = await a.page.locator('input.link-box').inputValue();
    expect(link).toContain('#/compare?');
    for (const part of ['a=relu', 'a=gelu', 'seeds=2', 'epochs=4', 'ds=circle', 'hidden=8']) expect(link).toContain(part);
    expect(link).not.toContain('run=1');
    const errorsBefore = [...a.errors];
    await a.page.goto('about:blank');
    // An older link with run=1 still opens the setup only, with a word that nothing runs yet.
    await a.page.goto(`${link}&run=1`);
    await a.page.waitForSelector('[data-testid="compare-link-setup"]', { timeout: 120_000 });
    await a.page.waitForSelector('[data-testid="backend"][data-backend="cpu"]', { timeout: 120_000 });
    await a.page.waitForTimeout(1500);
    expect(await a.page.locator('[data-testid="compare-status"]').getAttribute('data-status')).toBe('idle');
    await a.page.click('[data-testid="compare-run"]');
    await a.page.waitForSelector('[data-testid="compare-status"][data-status="complete"]', { timeout: 240_000 });
    const again = await captureDownload(a.page, () => a.page.click('[data-testid="export-json"]'));
    const rerun = JSON.parse(again.content.toString('utf8')) as { runs: ExportedRun[] };
    // Same backend, same seeds, same data: the cpu backend reproduces every number exactly.
    expect(rerun.runs.map((r) => r.final.trainLoss)).toEqual(result.runs.map((r) => r.final.trainLoss));
    expect(errorsBefore).toEqual([]);
    expect(a.errors).toEqual([]);
  }, 900_000);

  it('cancel stops a long comparison and keeps the partial results', async () => {
    app = await openApp({ hash: '#/compare?a=relu&a=tanh&seeds=2&epochs=2000&ds=xor&n=200&hidden=8&backend=cpu' });
    const a = app;
    await a.page.waitForSelector('[data-testid="backend"][data-backend="cpu"]', { timeout: 120_000 });
    await a.page.click('[data-testid="compare-run"]');
    await a.page.waitForFunction(() => /epoch [1-9]\d* \/ 2000/.test(document.querySelector('[data-testid="compare-status"]')?.textContent ?? ''), undefined, {
      timeout: 120_000,
    });
    await a.page.click('[data-testid="compare-cancel"]');
    await a.page.waitForSelector('[data-testid="compare-status"][data-status="cancelled"]', { timeout: 60_000 });
    expect(await a.page.locator('[data-testid="results-table"] tbody tr').count()).toBe(2);
    const json = await captureDownload(a.page, () => a.page.click('[data-testid="export-json"]'));
    const result = JSON.parse(json.content.toString('utf8')) as { status: string; epochsCompleted: number };
    expect(result.status).toBe('cancelled');
    expect(result.epochsCompleted).toBeGreaterThan(0);
    expect(result.epochsCompleted).toBeLessThan(2000);
    expect(a.errors).toEqual([]);
  }, 600_000);

  it('changing the backend mid-run cancels with a notice, keeps the partial results, and a new run works', async () => {
    app = await openApp({ hash: '#/compare?a=relu&a=tanh&seeds=2&epochs=2000&ds=xor&n=200&hidden=8&backend=cpu' });
    const a = app;
    const epochDone = () =>
      a.page.waitForFunction(() => /epoch [1-9]\d* \/ 2000/.test(document.querySelector('[data-testid="compare-status"]')?.textContent ?? ''), undefined, {
        timeout: 120_000,
      });
    await a.page.waitForSelector('[data-testid="backend"][data-backend="cpu"]', { timeout: 120_000 });
    await a.page.click('[data-testid="compare-run"]');
    await epochDone();
    // The page asks first (in the page, not window.confirm); keeping the run changes nothing.
    await a.page.selectOption('[data-testid="backend-pref"]', 'wasm');
    await a.page.waitForSelector('[data-testid="compare-confirm"]');
    expect(await a.page.locator('[data-testid="compare-confirm"]').textContent()).toContain('stops the comparison running now');
    await a.page.click('[data-testid="compare-confirm-keep"]');
    expect(await a.page.locator('[data-testid="compare-confirm"]').count()).toBe(0);
    expect(await a.page.getAttribute('[data-testid="compare-status"]', 'data-status')).toBe('running');
    expect(await a.page.inputValue('[data-testid="backend-pref"]')).toBe('cpu');
    await a.page.selectOption('[data-testid="backend-pref"]', 'wasm');
    await a.page.click('[data-testid="compare-confirm-go"]');
    await a.page.waitForSelector('[data-testid="compare-status"][data-status="cancelled"]', { timeout: 30_000 });
    const note = (await a.page.locator('[data-testid="compare-stopped"]').textContent()) ?? '';
    expect(note).toMatch(/cancelled after epoch [1-9]\d*/);
    expect(note).toContain('results so far are kept');
    expect(note).toContain('on wasm');
    expect(await a.page.locator('[data-testid="results-table"] tbody tr').count()).toBe(2);

    await a.page.waitForSelector('[data-testid="backend"][data-backend="wasm"]', { timeout: 120_000 });
    await a.page.click('[data-testid="compare-run"]');
    await epochDone();
    expect(await a.page.locator('[data-testid="compare-stopped"]').count()).toBe(0);
    await a.page.click('[data-testid="compare-cancel"]');
    await a.page.waitForSelector('[data-testid="compare-status"][data-status="cancelled"]', { timeout: 60_000 });
    expect(a.errors).toEqual([]);
  }, 600_000);

  it('reports a bad link and keeps its good parts', async () => {
    app = await openApp({ hash: '#/compare?a=relu&a=nosuchthing&seeds=0&epochs=7&band=wide' });
    const a = app;
    const notice = a.page.locator('[data-testid="url-notice"]');
    await notice.waitFor({ timeout: 60_000 });
    const text = (await notice.textContent()) ?? '';
    expect(text).toContain('nosuchthing');
    expect(text).toContain('seeds "0"');
    expect(text).toContain('band "wide"');
    expect(await a.page.locator('[data-compared]').count()).toBe(1);
    expect(await a.page.locator('[data-testid="epochs"]').inputValue()).toBe('7');
    expect(await a.page.locator('[data-testid="seeds"]').inputValue()).toBe('5');
    expect(a.errors).toEqual([]);
  });
});
