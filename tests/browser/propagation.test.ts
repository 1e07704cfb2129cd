/**
 * Explore's signal-propagation panel in the built app (issue 17): opened from a link, its numbers
 * against closed forms written here (ReLU: χ₁ = σ_w²/2, critical σ_w = √2, gain √2; tanh at
 * σ_b = 0: critical σ_w = 1), the phase diagram drawn, and the panel's state in the URL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, saveScreenshot, type AppSession } from './harness';

let app: AppSession;

beforeAll(async () => {
  app = await openApp({ hash: '#/explore?a=relu&a=tanh&prop=1.2,0,20' });
});

afterAll(async () => {
  await app?.close();
});

const cell = (label: string, col: number) => app.page.locator(`[data-testid="propagation-table"] tr[data-activation="${label}"] td`).nth(col);

describe('Explore: signal propagation at initialisation', () => {
  it('a prop= link opens the panel with χ₁, critical σ_w and gain from closed forms (4–5 digits)', async () => {
    const panel = app.page.locator('[data-testid="propagation-panel"]');
    await panel.waitFor();
    expect(await panel.getAttribute('open')).not.toBeNull();
    await app.page.locator('[data-testid="propagation-table"] tr[data-activation="ReLU"] [data-testid="chi1"]').waitFor();
    expect(Number(await cell('ReLU', 1).textContent())).toBeCloseTo(0.72, 4); // χ₁ = 1.44 / 2
    expect(await cell('ReLU', 2).textContent()).toMatch(/^ordered/);
    expect(Number(await cell('ReLU', 4).textContent())).toBeCloseTo(Math.SQRT2, 4);
    expect(Number(await cell('ReLU', 5).textContent())).toBeCloseTo(Math.SQRT2, 4);
    await app.page.locator('[data-testid="propagation-table"] tr[data-activation="Tanh"] [data-testid="chi1"]').waitFor();
    expect(Number(await cell('Tanh', 4).textContent())).toBeCloseTo(1, 4);
    expect(await cell('Tanh', 2).textContent()).toMatch(/^chaotic/); // σ_w = 1.2 > 1 at σ_b = 0
    // Both χ₁ = 1 curves and the point are drawn; the diagram fills in row by row.
    await app.page.waitForFunction(() => {
      const plots = [...document.querySelectorAll('[data-testid="propagation-panel"] .js-plotly-plot')] as unknown as { data?: { name?: string }[]; layout?: { images?: unknown[] } }[];
      const phase = plots[1];
      return !!phase?.data && phase.data.filter((t) => String(t.name).endsWith('χ₁ = 1')).length === 2 && (phase.layout?.images?.length ?? 0) === 1;
    }, undefined, { timeout: 60_000 });
    await saveScreenshot(app.page, '/tmp/explore-propagation.png');
    expect(app.errors).toEqual([]);
  }, 120_000);

  it('nothing hidden: the table fits the panel at 1400, 1440 and 390 px (ξ column included), and the sticky plot never covers the panel', async () => {
    const fit = await app.page.locator('[data-testid="propagation-table"]').evaluate((t) => {
      const region = t.parentElement as HTMLElement;
      return { table: t.scrollWidth, region: region.clientWidth };
    });
    expect(fit.table).toBeLessThanOrEqual(fit.region);
    for (const viewport of [
      { width: 1440, height: 900 },
      { width: 390, height: 844 },
    ]) {
      await app.page.setViewportSize(viewport);
      // Scroll through the panel: wherever it is on screen, the plot is not on top of it.
      const panel = app.page.locator('[data-testid="propagation-panel"]');
      const top = await panel.evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
      const height = await panel.evaluate((el) => el.getBoundingClientRect().height);
      for (let y = top - viewport.height / 2; y < top + height; y += viewport.height / 3) {
        const overlap = await app.page.evaluate((scroll) => {
          window.scrollTo(0, scroll);
          const p = document.querySelector('#panel-explore .plot-area')!.getBoundingClientRect();
          const q = document.querySelector('[data-testid="propagation-panel"]')!.getBoundingClientRect();
          const w = Math.min(p.right, q.right) - Math.max(p.left, q.left);
          const h = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top, 0);
          return w > 0 && h > 0 ? `${Math.round(w)}×${Math.round(h)} px at scroll ${scroll}` : '';
        }, Math.max(0, Math.round(y)));
        expect(overlap, `${viewport.width} px`).toBe('');
      }
      expect(await app.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      // Every column is in view without scrolling the table (on a phone each activation is a block).
      const table = await app.page.locator('[data-testid="propagation-table"]').evaluate((t) => [t.scrollWidth, (t.parentElement as HTMLElement).clientWidth]);
      expect(table[0], `${viewport.width} px`).toBeLessThanOrEqual(table[1]);
    }
    await app.page.setViewportSize({ width: 1400, height: 1000 });
  }, 60_000);

  it('changing σ_w updates the table and the URL; closing the panel removes prop= from the link', async () => {
    const box = app.page.locator('[data-testid="prop-sigma-w"]');
    await box.fill('2');
    await app.page.waitForFunction(() => location.hash.includes('prop=2,0,20'));
    await app.page.waitForFunction(() => {
      const td = document.querySelector('[data-testid="propagation-table"] tr[data-activation="ReLU"] [data-testid="chi1"]');
      return td?.textContent === '2';
    }); // χ₁ = 4 / 2
    await app.page.locator('[data-testid="propagation-panel"] > summary').click();
    await app.page.waitForFunction(() => !location.hash.includes('prop='));
    expect(app.errors).toEqual([]);
  }, 60_000);
});
