/**
 * The shell keeps each page as the person left it: a tab round trip brings back each page's
 * settings (in the URL) and its finished results; Back/Forward step between real states.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type AppSession } from './harness';

const COMPARE = 'a=relu&a=gelu&seeds=2&epochs=3&ds=circle&n=200&hidden=8&bs=40&lr=0.03&backend=cpu&target=acc:0.8';

let app: AppSession;

beforeAll(async () => {
  app = await openApp({ hash: `#/compare?${COMPARE}` });
});

afterAll(async () => {
  await app?.close();
});

const hash = () => app.page.evaluate(() => location.hash);
const shownPanel = () => app.page.evaluate(() => document.querySelector('main > [role="tabpanel"]:not([hidden])')?.id);

describe('Tabs and history', () => {
  it('a tab round trip keeps each page’s settings and results; the URLs are never bare', async () => {
    const page = app.page;
    const compare = page.locator('#panel-compare');
    await compare.locator('[data-testid="compare-run"]').click({ timeout: 120_000 });
    await compare.locator('[data-testid="compare-status"][data-status="complete"]').waitFor({ timeout: 240_000 });
    const compareHash = await hash();
    expect(compareHash).toContain('a=relu');
    const table = await compare.locator('[data-testid="results-table"]').innerText();

    await page.getByRole('tab', { name: 'Explore' }).click();
    expect(await shownPanel()).toBe('panel-explore');
    await page.locator('#panel-explore .js-plotly-plot').waitFor();
    await page.locator('#panel-explore [data-testid="activation-search"]').fill('mish');
    await page.locator('#panel-explore [data-add="mish"]').click();
    await page.waitForFunction(() => location.hash.includes('a=mish'));
    const exploreHash = await hash();

    await page.getByRole('tab', { name: 'Train' }).click();
    await page.waitForFunction(() => location.hash.startsWith('#/train?') && location.hash.includes('act='));
    const trainHash = await hash();

    await page.getByRole('tab', { name: 'Explore' }).click();
    expect(await hash()).toBe(exploreHash);
    expect(await page.locator('#panel-explore article[data-activation="mish"]').count()).toBe(1);

    await page.getByRole('tab', { name: 'Compare' }).click();
    expect(await hash()).toBe(compareHash);
    expect(await compare.locator('[data-testid="compare-status"]').getAttribute('data-status')).toBe('complete');
    expect(await compare.locator('[data-testid="results-table"]').innerText()).toBe(table);

    // Back walks the tabs in reverse, each as it was; Forward returns.
    await page.goBack();
    await page.waitForFunction((h) => location.hash === h, exploreHash);
    expect(await shownPanel()).toBe('panel-explore');
    await page.goBack();
    await page.waitForFunction((h) => location.hash === h, trainHash);
    expect(await shownPanel()).toBe('panel-train');
    await page.goForward();
    await page.goForward();
    await page.waitForFunction((h) => location.hash === h, compareHash);
    expect(await compare.locator('[data-testid="results-table"]').innerText()).toBe(table);
    expect(app.errors).toEqual([]);
  });

  it('Back returns to the previous settled state of a page', async () => {
    const page = app.page;
    await page.getByRole('tab', { name: 'Explore' }).click();
    const before = await hash();
    await page.waitForTimeout(1200);
    await page.locator('#panel-explore article[data-activation="mish"] button.remove').click();
    await page.waitForFunction((h) => location.hash !== h && !location.hash.includes('a=mish'), before);
    await page.goBack();
    await page.waitForFunction((h) => location.hash === h, before);
    await page.locator('#panel-explore article[data-activation="mish"]').waitFor();
    expect(app.errors).toEqual([]);
  });
});
