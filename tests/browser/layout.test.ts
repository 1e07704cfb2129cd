/**
 * Each page at 1440 × 900 and 390 × 844: no page is wider than its viewport (tables scroll inside
 * their cards), on phones the plot comes before the controls, and Explore's curve colours stay
 * with their activation when another is removed. Screenshots of each page go to AP_SHOTS_DIR
 * (default /tmp/ap-shots) for people to look at.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, saveScreenshot, type AppSession } from './harness';

const SHOTS = process.env.AP_SHOTS_DIR ?? '/tmp/ap-shots';
const TRAIN = '#/train?ds=circle&n=200&noise=0.05&hidden=8&act=relu&opt=adam&lr=0.03&bs=40&seed=7&backend=cpu';
const COMPARE = '#/compare?a=relu&a=gelu&a=swish&a=mish&seeds=2&epochs=3&ds=circle&n=200&hidden=8&bs=40&lr=0.03&backend=cpu&target=acc:0.8';

async function overflow(page: Page): Promise<{ width: number; viewport: number; widest: string }> {
  return page.evaluate(() => {
    const viewport = window.innerWidth;
    let widest = '';
    let right = 0;
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > right && !el.closest('[hidden]')) {
        right = r.right;
        widest = `${el.tagName.toLowerCase()}.${String((el as HTMLElement).className).split(' ')[0]}`;
      }
    }
    return { width: document.documentElement.scrollWidth, viewport, widest: `${widest} (right edge ${Math.round(right)})` };
  });
}

for (const viewport of [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
]) {
  describe(`Pages at ${viewport.width} × ${viewport.height}`, () => {
    let app: AppSession;
    const tag = `${viewport.width}x${viewport.height}`;
    beforeAll(async () => {
      mkdirSync(SHOTS, { recursive: true });
      app = await openApp({ hash: '#/explore', viewport });
    });
    afterAll(async () => {
      await app?.close();
    });

    it('Explore fits; the plot is in view; colours stay with their activation', async () => {
      await app.page.waitForSelector('#panel-explore .js-plotly-plot');
      await app.page.waitForSelector('.katex');
      const o = await overflow(app.page);
      expect(o.width, o.widest).toBeLessThanOrEqual(o.viewport);
      const plotTop = await app.page.locator('#panel-explore .plot-area').evaluate((el) => el.getBoundingClientRect().top);
      expect(plotTop).toBeLessThan(viewport.height / 2);
      await saveScreenshot(app.page, join(SHOTS, `explore-${tag}.png`));
      // Scrolled to the first card's sliders, the plot is still on screen (sticky).
      await app.page.evaluate(() => window.scrollBy(0, 600));
      const box = await app.page.locator('#panel-explore .plot-area').boundingBox();
      expect(box && box.y + box.height / 2 > 0 && box.y < viewport.height).toBe(true);
      await saveScreenshot(app.page, join(SHOTS, `explore-scrolled-${tag}.png`));

      const colours = () =>
        app.page.evaluate(() =>
          Object.fromEntries(((document.querySelector('#panel-explore .js-plotly-plot') as unknown as { data: { name: string; line: { color: string } }[] }).data ?? []).map((t) => [t.name, t.line.color])),
        );
      const before = await colours();
      await app.page.locator('#panel-explore article[data-activation="gelu"] button.remove').click();
      await app.page.waitForFunction(() => !((document.querySelector('#panel-explore .js-plotly-plot') as unknown as { data: { name: string }[] }).data ?? []).some((t) => t.name === 'GELU'));
      const after = await colours();
      expect(after.ReLU).toBe(before.ReLU);
      expect(after.SiLU).toBe(before.SiLU);
      expect(app.errors).toEqual([]);
    });

    it('Train fits', async () => {
      await app.goto(TRAIN);
      await app.page.waitForSelector('[data-testid="counter"][data-ready="1"]', { timeout: 240_000 });
      await app.page.waitForSelector('#panel-train .js-plotly-plot');
      const o = await overflow(app.page);
      expect(o.width, o.widest).toBeLessThanOrEqual(o.viewport);
      await saveScreenshot(app.page, join(SHOTS, `train-${tag}.png`));
    });

    it('Compare fits before and after a run (the results table scrolls inside its card)', async () => {
      await app.goto(COMPARE);
      await app.page.waitForSelector('[data-testid="compare-run"]');
      let o = await overflow(app.page);
      expect(o.width, o.widest).toBeLessThanOrEqual(o.viewport);
      await saveScreenshot(app.page, join(SHOTS, `compare-${tag}.png`));
      await app.page.click('[data-testid="compare-run"]');
      await app.page.waitForSelector('[data-testid="compare-status"][data-status="complete"]', { timeout: 240_000 });
      o = await overflow(app.page);
      expect(o.width, o.widest).toBeLessThanOrEqual(o.viewport);
      await app.page.locator('#panel-compare .js-plotly-plot').first().scrollIntoViewIfNeeded();
      await saveScreenshot(app.page, join(SHOTS, `compare-run-${tag}.png`));
      expect(app.errors).toEqual([]);
    });
  });
}
