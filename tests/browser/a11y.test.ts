/**
 * axe-core (through @axe-core/playwright) on each page of the built app, in its default state and
 * after a run: no violation of impact "serious" or "critical". Every violation found is printed,
 * minor ones too, so the log shows what remains.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type AppSession } from './harness';

let app: AppSession;

beforeAll(async () => {
  app = await openApp({ hash: '#/explore' });
});

afterAll(async () => {
  await app?.close();
});

async function seriousViolations(page: Page, label: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  for (const v of result.violations) {
    console.log(`[axe] ${label}: ${v.impact} ${v.id} ×${v.nodes.length}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  }
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} ×${v.nodes.length}`);
}

const TRAIN = '#/train?ds=circle&n=200&noise=0.05&hidden=8&act=relu&opt=adam&lr=0.03&bs=40&seed=7&backend=cpu';
const COMPARE = '#/compare?a=relu&a=gelu&seeds=2&epochs=3&ds=circle&n=200&hidden=8&bs=40&lr=0.03&backend=cpu&target=acc:0.8';

describe('Accessibility (axe-core)', () => {
  it('Explore: default view', async () => {
    await app.page.waitForSelector('#panel-explore .js-plotly-plot');
    await app.page.waitForSelector('.katex');
    expect(await seriousViolations(app.page, 'explore default')).toEqual([]);
  });

  it('Explore: no cloud button, toolbar out of the Tab order, the result list is one Tab stop', async () => {
    const page = app.page;
    await page.hover('#panel-explore .js-plotly-plot');
    expect(await page.locator('.modebar-btn').count()).toBeGreaterThan(0);
    expect(await page.locator('.modebar-btn[data-title*="Share"], .modebar-btn[data-title*="Chart Studio"]').count()).toBe(0);
    expect(await page.locator('.modebar-btn:not([tabindex="-1"])').count()).toBe(0);
    const results = page.locator('#panel-explore .results button');
    expect(await results.count()).toBeGreaterThan(10);
    expect(await page.locator('#panel-explore .results button[tabindex="0"]').count()).toBe(1);
    await results.first().focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-add'))).toBe(await results.nth(2).getAttribute('data-add'));
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest('.results')))).toBe(false);
  });

  it('Explore: 4 curves with derivatives, table of values with an added point, propagation panel open; at 1400 and 390 px', async () => {
    const page = app.page;
    await app.goto('#/explore?a=relu&a=gelu&a=swish&a=golu&prop=1.5,0.05,50&tx=0.5');
    await page.waitForFunction(() => ((document.querySelector('#panel-explore .js-plotly-plot') as unknown as { data?: unknown[] })?.data?.length ?? 0) === 12);
    for (const summary of await page.locator('#panel-explore article summary', { hasText: 'Derivatives' }).all()) await summary.click();
    await page.locator('#panel-explore .value-table button', { hasText: 'Show table of values' }).click();
    await page.locator('[data-testid="propagation-table"] [data-testid="chi1"]').first().waitFor();
    await page.waitForSelector('#panel-explore .derivatives .katex');
    expect(await seriousViolations(page, 'explore 4 curves + panel')).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(300); // relayout
    expect(await seriousViolations(page, 'explore 4 curves + panel, 390 px')).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1400, height: 1000 });
  });

  it('Train: default state and after training', async () => {
    await app.goto(TRAIN);
    await app.page.waitForSelector('[data-testid="counter"][data-ready="1"]', { timeout: 240_000 });
    expect(await seriousViolations(app.page, 'train default')).toEqual([]);
    await app.page.click('[data-testid="play"]');
    await app.page.waitForFunction(() => Number(document.querySelector('[data-testid="counter"]')?.getAttribute('data-epoch')) >= 3, null, { timeout: 240_000 });
    await app.page.click('[data-testid="play"]');
    await app.page.waitForSelector('[data-testid="play"]:has-text("Train")', { timeout: 60_000 });
    expect(await seriousViolations(app.page, 'train after run')).toEqual([]);
    // With the unstable-run notice and the search picker's results in view.
    await app.goto(TRAIN.replace('lr=0.03', 'lr=50'));
    await app.page.waitForSelector('[data-testid="counter"][data-ready="1"]', { timeout: 240_000 });
    await app.page.click('[data-testid="play"]');
    await app.page.locator('[data-testid="run-health"]').waitFor({ timeout: 240_000 });
    await app.page.click('[data-testid="play"]');
    await app.page.waitForSelector('[data-testid="play"]:has-text("Train")', { timeout: 60_000 });
    await app.page.locator('#panel-train [data-testid="activation-search"]').fill('swish');
    expect(await seriousViolations(app.page, 'train unstable notice')).toEqual([]);
  });

  it('Compare: default state and after a run', async () => {
    await app.goto(COMPARE);
    await app.page.waitForSelector('[data-testid="compare-run"]');
    expect(await seriousViolations(app.page, 'compare default')).toEqual([]);
    await app.page.click('[data-testid="compare-run"]');
    await app.page.waitForSelector('[data-testid="compare-status"][data-status="complete"]', { timeout: 240_000 });
    expect(await seriousViolations(app.page, 'compare after run')).toEqual([]);
  });
});
