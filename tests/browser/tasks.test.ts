/**
 * The task views and the claim gallery in the built app, on the cpu backend: digits (accuracy,
 * confusion matrix, digits with predictions, first-layer weights), periodic extrapolation (fit
 * over the line with the window), the high-frequency sets (fit and error spectrum), the image
 * (target / fit / error), and a preset run to its verdict. AP_SHOTS_DIR=dir saves screenshots.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { captureDownload, openApp, type AppSession } from './harness';

let app: AppSession | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

const SHOTS = process.env.AP_SHOTS_DIR;

async function shot(a: AppSession, name: string, selector?: string): Promise<void> {
  if (!SHOTS) return;
  const path = join(SHOTS, `i18-${name}.png`);
  if (selector) await a.page.locator(selector).first().screenshot({ path });
  else await a.page.screenshot({ path, fullPage: false });
}

/** Trains for `ms` and pauses (the play button toggles). */
async function trainFor(a: AppSession, ms: number): Promise<void> {
  await a.page.waitForSelector('[data-testid="counter"][data-ready="1"]', { timeout: 240_000 });
  await a.page.click('[data-testid="play"]');
  await a.page.waitForTimeout(ms);
  await a.page.click('[data-testid="play"]');
  await a.page.waitForSelector('[data-testid="play"]:has-text("Train")', { timeout: 60_000 });
  await a.page.waitForTimeout(1200);
}

describe('task views', () => {
  it('digits: accuracy, confusion matrix, predicted digits and first-layer weights', async () => {
    app = await openApp({ hash: '#/train?ds=digits&n=1797&noise=0&test=0.3&hidden=64,64&act=relu&opt=adam&lr=0.01&bs=64&seed=1&backend=cpu' });
    await trainFor(app, 8000);
    const view = app.page.locator('[data-testid="task-digits"]');
    await view.waitFor();
    const accText = (await app.page.locator('[data-testid="task-accuracy"]').textContent()) ?? '';
    const acc = Number(/([\d.]+) %/.exec(accText)?.[1]);
    expect(acc).toBeGreaterThan(80);
    expect(await app.page.locator('.confusion td').count()).toBe(100);
    expect(await app.page.locator('.digit-cell').count()).toBe(40);
    expect(await app.page.locator('canvas[aria-label^="first-layer weights"]').count()).toBe(16);
    await shot(app, 'digits', '[aria-labelledby="task-title"]');
    expect(app.errors).toEqual([]);
  }, 400_000);

  it('periodic: fit over the whole line with the training window, MSE inside and outside', async () => {
    app = await openApp({ hash: '#/train?ds=periodic&n=200&noise=0&test=0.5&hidden=16,16&act=snake(a=5)&opt=adam&lr=0.02&bs=200&seed=1&backend=cpu' });
    await trainFor(app, 8000);
    await app.page.locator('[data-testid="task-line"]').waitFor();
    const names = await app.page.locator('[data-testid="task-metrics"] dt').allTextContents();
    expect(names).toEqual(['MSE inside the training window', 'MSE outside it (extrapolation)']);
    await shot(app, 'periodic', '[aria-labelledby="task-title"]');
    expect(app.errors).toEqual([]);
  }, 400_000);

  it('multifreq with SIREN: fit and error spectrum with the target frequencies', async () => {
    app = await openApp({ hash: '#/train?ds=multifreq&n=300&noise=0&test=0.2&hidden=32,32&act=sine(omega0=30)&init=siren&opt=adam&lr=0.003&bs=240&seed=1&backend=cpu' });
    await trainFor(app, 8000);
    await app.page.locator('[data-testid="task-line"]').waitFor();
    const names = await app.page.locator('[data-testid="task-metrics"] dt').allTextContents();
    expect(names[0]).toBe('MSE over the line');
    expect(names.slice(1)).toHaveLength(3);
    await shot(app, 'multifreq', '[aria-labelledby="task-title"]');
    expect(app.errors).toEqual([]);
  }, 400_000);

  it('image32: target, fit and error images with PSNR', async () => {
    app = await openApp({ hash: '#/train?ds=image32&n=1024&noise=0&test=0.2&hidden=64,64&act=sine(omega0=30)&init=siren&opt=adam&lr=0.003&bs=819&seed=1&backend=cpu' });
    await trainFor(app, 10000);
    await app.page.locator('[data-testid="task-image"]').waitFor();
    const names = await app.page.locator('[data-testid="task-metrics"] dt').allTextContents();
    expect(names).toEqual(['image MSE', 'PSNR (dB)']);
    await shot(app, 'image32', '[aria-labelledby="task-title"]');
    expect(app.errors).toEqual([]);
  }, 400_000);
});

describe('task views on Compare', () => {
  it('periodic preset: task metrics per activation, every fit on one line with the window, error spectra; a seed switch redraws', async () => {
    app = await openApp({ hash: '#/compare?backend=cpu' });
    await app.page.waitForSelector('[data-testid="compare-run"]:not([disabled])', { timeout: 240_000 });
    await app.page.click('[data-testid="preset-run-snake-periodic"]');
    await app.page.waitForSelector('[data-testid="compare-status"][data-status="complete"]', { timeout: 300_000 });
    const view = app.page.locator('[data-testid="compare-task-view"]');
    await view.waitFor();
    const table = app.page.locator('[data-testid="task-metrics-table"]');
    expect(await table.locator('thead th').allTextContents()).toEqual(['activation', 'MSE inside the training window', 'MSE outside it (extrapolation)']);
    const rows = await table.locator('tbody tr').allInnerTexts();
    expect(rows.map((r) => r.split('\t')[0])).toEqual(['Snake(a=5)', 'ReLU', 'Tanh']);
    for (const r of rows) expect(r).toMatch(/± .* \(n = 3\)/);
    // The regression preset counts epochs to its test-loss target, not to an accuracy.
    expect(await app.page.locator('[data-testid="results-table"] caption').textContent()).toMatch(/test loss ≤ 0\.5/);
    // One line plot: the target and one fit per activation, the window shaded.
    await app.page.waitForFunction(() => ((document.querySelector('[data-testid="compare-task-view"] .js-plotly-plot') as unknown as { data?: unknown[] })?.data?.length ?? 0) === 4);
    expect(await view.locator('.js-plotly-plot').count()).toBe(2);
    expect(await view.textContent()).toContain('training window');
    const before = await app.page.evaluate(() => (document.querySelector('[data-testid="compare-task-view"] .js-plotly-plot') as unknown as { data: { y: number[] }[] }).data[1].y[0]);
    await app.page.selectOption('[data-testid="shown-seed"]', '2');
    await app.page.waitForFunction((b) => (document.querySelector('[data-testid="compare-task-view"] .js-plotly-plot') as unknown as { data: { y: number[] }[] }).data[1].y[0] !== b, before);
    // The JSON export carries the same task metrics, per run and per activation.
    const json = await captureDownload(app.page, () => app!.page.click('[data-testid="export-json"]'));
    const exported = JSON.parse(json.content.toString('utf8')) as { task: { metrics: { name: string; perRun: (number | null)[]; perActivation: ({ n: number } | null)[] }[] } };
    expect(exported.task.metrics.map((m) => m.name)).toEqual(['MSE inside the training window', 'MSE outside it (extrapolation)']);
    expect(exported.task.metrics[1].perRun).toHaveLength(9);
    expect(exported.task.metrics[1].perActivation.map((s) => s?.n)).toEqual([3, 3, 3]);
    await shot(app, 'compare-periodic', '[data-testid="compare-task-view"]');
    expect(app.errors).toEqual([]);
  }, 500_000);
});

describe('claim gallery', () => {
  it('lists the presets with paper and settings; one click runs a preset to a verdict', async () => {
    app = await openApp({ hash: '#/compare?backend=cpu' });
    const gallery = app.page.locator('[data-testid="preset-gallery"]');
    await gallery.waitFor();
    expect(await app.page.locator('.preset-card').count()).toBe(5);
    expect(await gallery.textContent()).toContain('arXiv:2006.08195');
    await shot(app, 'gallery', '[data-testid="preset-gallery"]');
    await app.page.waitForSelector('[data-testid="compare-run"]:not([disabled])', { timeout: 240_000 });
    await app.page.click('[data-testid="preset-run-dead-relu-high-lr"]');
    await app.page.waitForSelector('[data-testid="compare-status"][data-status="complete"]', { timeout: 300_000 });
    const verdict = app.page.locator('[data-testid="claim-verdict"]');
    await verdict.waitFor();
    expect(await verdict.getAttribute('data-outcome')).toBe('held');
    expect(await verdict.textContent()).toMatch(/held here.*±/s);
    await shot(app, 'verdict', '[data-testid="claim-verdict"]');
    await shot(app, 'compare-after-preset');
    expect(app.errors).toEqual([]);
  }, 500_000);
});
