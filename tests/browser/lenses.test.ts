/**
 * Per-layer lenses in the built app (CPU backend, small nets): Train draws one line per hidden
 * layer for each lens and, with ReLU under SGD at lr 5 (the dead-units evidence setting of
 * tests/unit/train/deadUnits.test.ts), warns that most units of a layer are dead, naming the
 * learning rate; Compare draws each lens against depth per activation and exports them in the
 * curves CSV. The init select offers the mean-field schemes and their σ fields.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { captureDownload, openApp, type AppSession } from './harness';

let app: AppSession | null = null;

afterEach(async () => {
  await app?.close();
  app = null;
});

describe('per-layer lenses', () => {
  it('Train: plots per layer, the dead-units notice; the gaussian init shows σ_w and σ_b', async () => {
    app = await openApp({ hash: '#/train?ds=spiral&act=relu&opt=sgd&lr=5&hidden=16,16&bs=32&seed=1&backend=cpu' });
    const a = app;
    await a.page.waitForSelector('[data-testid="counter"][data-ready="1"]', { timeout: 240_000 });
    await a.page.waitForSelector('[data-testid="layer-lenses"][data-epochs="1"]');
    expect(await a.page.locator('[data-testid="dead-units"]').count()).toBe(0);
    await a.page.click('[data-testid="play"]');
    await a.page.waitForSelector('[data-testid="dead-units"]', { timeout: 240_000 });
    await a.page.click('[data-testid="play"]');
    const notice = (await a.page.locator('[data-testid="dead-units"]').textContent()) ?? '';
    expect(notice).toMatch(/Most units are dead in layer \d \(\d+ of 16\)/);
    expect(notice).toContain('learning rate (5 with sgd)');
    expect(Number(await a.page.locator('[data-testid="layer-lenses"]').getAttribute('data-epochs'))).toBeGreaterThan(1);
    const legend = await a.page.locator('[data-testid="layer-lenses"] .legendtext').allTextContents();
    expect(legend).toEqual(['layer 1', 'layer 2']);

    expect(await a.page.locator('[data-testid="init-sigma-w"]').count()).toBe(0);
    await a.page.selectOption('[data-testid="init"]', 'gaussian');
    await a.page.waitForSelector('[data-testid="init-sigma-w"]');
    expect(await a.page.locator('[data-testid="init-sigma-b"]').count()).toBe(1);
    await a.page.selectOption('[data-testid="init"]', 'edge-of-chaos');
    await a.page.waitForFunction(() => !document.querySelector('[data-testid="init-sigma-w"]') && !!document.querySelector('[data-testid="init-sigma-b"]'));
    expect(a.errors).toEqual([]);
  });

  it('Compare: lenses against depth per activation (display names), lens rows in the curves CSV', async () => {
    app = await openApp({ hash: '#/compare?a=relu&a=gelu&seeds=2&epochs=3&ds=spiral&n=200&hidden=8,8&opt=sgd&lr=5&bs=32&backend=cpu' });
    const a = app;
    await a.page.click('[data-testid="compare-run"]', { timeout: 120_000 });
    await a.page.waitForSelector('[data-testid="compare-status"][data-status="complete"]', { timeout: 240_000 });
    await a.page.waitForSelector('[data-testid="compare-lenses"][data-epoch="3"]');
    await a.page.waitForFunction(() => document.querySelectorAll('[data-testid="compare-lenses"] .js-plotly-plot').length === 4);
    const legend = await a.page.locator('[data-testid="compare-lenses"] .legendtext').allTextContents();
    expect(legend).toEqual(['ReLU', 'GELU']);
    const curves = (await captureDownload(a.page, () => a.page.click('[data-testid="export-curves-csv"]'))).content.toString('utf8');
    const rows = curves.split('\n').filter((l) => l.includes(',lens_dead_layer2,'));
    // 2 activations × 2 seeds × epochs 0…3.
    expect(rows).toHaveLength(16);
    for (const r of rows) expect(Number(r.split(',')[4])).toBeGreaterThanOrEqual(0);
    expect(a.errors).toEqual([]);
  });
});
