/**
 * 'auto' in the built app on this machine (2 cores, WebGPU only through SwiftShader): it never
 * picks the fallback adapter, it picks cpu by measurement and says so in words, and a Compare of
 * 6 activations × 3 seeds × 50 epochs at the page's defaults finishes in under 15 s (issue 13:
 * the same comparison took 388.6 s when auto chose SwiftShader's WebGPU).
 *
 * The 15 s bound is the issue's, for the quiet 2-core CI machine; the measured time is printed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openApp, type AppSession } from './harness';

let app: AppSession | null = null;

afterEach(async () => {
  await app?.close();
  app = null;
});

const SIX = ['relu', 'gelu', 'silu', 'mish', 'tanh', 'elu'];

describe("backend 'auto'", () => {
  it('picks a CPU backend (never the fallback adapter), says why, and runs a 6 × 3 × 50 Compare in under 15 s', async () => {
    app = await openApp({ hash: `#/compare?${SIX.map((id) => `a=${id}`).join('&')}&seeds=3&epochs=50` });
    const { page } = app;
    // The link names no backend: the page is on auto.
    expect(await page.locator('[data-testid="compare-run"]').textContent()).toContain('6 × 3');
    const t0 = Date.now();
    await page.click('[data-testid="compare-run"]', { timeout: 120_000 });
    await page.waitForSelector('[data-testid="compare-status"][data-status="complete"]', { timeout: 240_000 });
    const seconds = (Date.now() - t0) / 1000;
    const label = page.locator('[data-testid="backend"]');
    const backend = await label.getAttribute('data-backend');
    const reason = (await label.textContent()) ?? '';
    const status = (await page.locator('[data-testid="compare-status"]').textContent())?.trim();
    console.log(`auto: ${backend} — ${reason.trim()}; 6 × 3 × 50 Compare: ${seconds.toFixed(1)} s from the click (page: ${status})`);
    // cpu and wasm measure within a factor ~2 of each other here and swap under load (both run
    // on the CPU; the Compare takes about as long on either); the GPU fallbacks are never picked.
    expect(['cpu', 'wasm']).toContain(backend);
    // The reason is a measurement in words, and it names WebGPU's adapter as a software fallback.
    expect(reason).toMatch(/ms|measured|fastest/i);
    expect(reason).not.toMatch(/webgpu is the fastest/i);
    expect(seconds).toBeLessThan(15);
    expect(await page.locator('[data-testid="results-table"] tbody tr').count()).toBe(6);
    expect(app.errors).toEqual([]);
  });
});
