import { openApp } from './harness';
for (const vp of [{ width: 1440, height: 900 }, { width: 390, height: 844 }]) {
  const app = await openApp({ hash: '#/compare?a=relu&a=gelu&a=tanh&seeds=3&epochs=30&opt=sgd&lr=3&backend=cpu', viewport: vp });
  const { page } = app;
  await page.click('[data-testid="compare-run"]', { timeout: 120_000 });
  await page.waitForSelector('[data-testid="compare-status"][data-status="complete"]', { timeout: 240_000 });
  await page.waitForTimeout(2000);
  await page.screenshot({ path: `/tmp/cmp-${vp.width}.png`, fullPage: true });
  console.log(vp.width, await page.evaluate(() => document.documentElement.scrollWidth), app.errors);
  await app.close();
}
const e = await openApp({ hash: '#/explore?a=relu&a=gelu&a=golu&a=mish', viewport: { width: 390, height: 844 } });
await e.page.waitForTimeout(4000);
await e.page.screenshot({ path: '/tmp/explore-390.png' });
console.log(await e.page.evaluate(() => document.documentElement.scrollWidth), e.errors);
await e.close();
