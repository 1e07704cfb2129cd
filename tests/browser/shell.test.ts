/** The app shell in the built app: page tabs by keyboard, unknown pages, theme preference. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type AppSession } from './harness';

let app: AppSession;

beforeAll(async () => {
  app = await openApp({ hash: '#/explore', colorScheme: 'dark' });
});

afterAll(async () => {
  await app?.close();
});

describe('App shell', () => {
  it('follows prefers-color-scheme and toggles the theme with a labelled button', async () => {
    expect(await app.page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    const toggle = app.page.getByRole('button', { name: 'Switch to light theme' });
    await toggle.click();
    expect(await app.page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    // The explicit choice persists across reloads.
    await app.page.reload();
    await app.page.waitForSelector('.app-header');
    expect(await app.page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
  });

  it('moves between page tabs with the arrow keys and keeps the URL in step', async () => {
    const tabs = app.page.getByRole('tab');
    const names = await tabs.allTextContents();
    expect(names[0]).toBe('Explore');
    await app.page.getByRole('tab', { name: 'Explore' }).focus();
    await app.page.keyboard.press('ArrowRight');
    const second = app.page.getByRole('tab', { name: names[1 % names.length] });
    expect(await second.getAttribute('aria-selected')).toBe('true');
    expect(await app.page.evaluate(() => document.activeElement?.textContent)).toBe(names[1 % names.length]);
    expect(await app.page.evaluate(() => location.hash)).toBe(names.length > 1 ? `#/${names[1].toLowerCase()}` : '#/explore');
    await app.page.keyboard.press('Home');
    expect(await app.page.getByRole('tab', { name: 'Explore' }).getAttribute('aria-selected')).toBe('true');
    await app.page.waitForSelector('.js-plotly-plot');
  });

  it('names an unknown page and shows the default page instead of a blank one', async () => {
    await app.page.goto(app.baseUrl + '#/no-such-page');
    await app.page.waitForSelector('text=There is no page “no-such-page”; showing Explore.');
    await app.page.waitForSelector('.js-plotly-plot');
    expect(app.errors).toEqual([]);
  });
});
