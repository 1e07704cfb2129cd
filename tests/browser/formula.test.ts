/**
 * The formula box in the built app (Chromium): a typed formula is plotted like a built-in
 * (values checked against a float64 closed form computed here, 1e-12 relative + 1e-12 absolute),
 * a bad formula shows its message and position while the plot keeps what it had, saved formulas
 * survive a reload (localStorage) and appear in the picker and the Trainer, and the code export
 * shows PyTorch code with the parameter names.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectClose, sigmoid } from './closedForms';
import { captureDownload, DEFAULT_TIMEOUT_MS, nextPlot, openApp, plotTraces, saveScreenshot, waitForTraces, type AppSession } from './harness';

/** a·x·σ(b·x) and its x-derivative. */
const scaledSwish = (x: number, a: number, b: number) => a * x * sigmoid(b * x);
const scaledSwishPrime = (x: number, a: number, b: number) => a * sigmoid(b * x) * (1 + b * x * (1 - sigmoid(b * x)));

let app: AppSession;

beforeAll(async () => {
  app = await openApp({ hash: '#/explore?a=relu' });
});

afterAll(async () => {
  await app?.close();
});

describe('Formula box', () => {
  it('types a formula with parameters and plots f, f′, f″ like a built-in', async () => {
    const p = app.page;
    await waitForTraces(app.page, 3);
    await p.fill('[data-testid="formula-name"]', 'scaled swish');
    await p.fill('[data-testid="formula-input"]', 'a * x * sigmoid(b * x)');
    // Undeclared parameters are reported at their position before anything is evaluated.
    await expect.poll(() => p.textContent('[data-testid="formula-error"]')).toMatch(/Unknown symbol "a" at position 0/);
    expect(await p.isDisabled('[data-testid="formula-plot"]')).toBe(true);
    await p.getByRole('button', { name: 'Declare “a” as a parameter' }).click();
    await p.getByRole('button', { name: 'Declare “b” as a parameter' }).click();
    await p.fill('[aria-label="default of b"]', '2');
    await p.locator('[data-testid="formula-preview"]').waitFor();
    expect(await p.locator('[data-testid="formula-error"]').count()).toBe(0);

    const drawn = nextPlot(p);
    await p.click('[data-testid="formula-plot"]');
    await drawn;
    await waitForTraces(app.page, 6);
    const traces = await plotTraces(p);
    const mine = traces.filter((t) => t.name === 'scaled swish');
    expect(mine).toHaveLength(3);
    expectClose(mine[0].y, mine[0].x.map((x) => scaledSwish(x, 1, 2)), 'f');
    expectClose(mine[1].y, mine[1].x.map((x) => scaledSwishPrime(x, 1, 2)), 'f′');
    // The URL follows the view after a short debounce: wait for it rather than read it at once.
    await p.waitForFunction(() => /[?&]a=my\.[A-Za-z0-9_-]+/.test(location.hash));
    await saveScreenshot(p, '/tmp/formula-plotted.png');
  });

  it('a bad formula shows the message and its position; the plot keeps its curves', async () => {
    const p = app.page;
    await p.fill('[data-testid="formula-input"]', 'a * x * sigmoid(b * x');
    await expect.poll(() => p.textContent('[data-testid="formula-error"]')).toMatch(/Expected "\)" but found end of formula at position 21/);
    expect(await p.isDisabled('[data-testid="formula-plot"]')).toBe(true);
    await p.fill('[data-testid="formula-input"]', 'a * x * sigmoid(b ** x)');
    await expect.poll(() => p.textContent('[data-testid="formula-error"]')).toMatch(/position 19/);
    // The underlined character in the mirror is the one the message points at.
    expect(await p.textContent('[data-testid="formula-mirror"] .formula-bad')).toBe('*');
    await saveScreenshot(p.locator('[data-testid="formula-box"]'), '/tmp/formula-error.png');
    const traces = await plotTraces(p);
    expect(traces.map((t) => t.name)).toEqual(['ReLU', 'ReLU', 'ReLU', 'scaled swish', 'scaled swish', 'scaled swish']);
    expect(app.errors).toEqual([]);
  });

  it('warns where the formula gives NaN or Infinity on the plotted range', async () => {
    const p = app.page;
    await p.fill('[data-testid="formula-input"]', 'log(x)');
    await expect.poll(() => p.textContent('[data-testid="formula-nonfinite"]')).toMatch(/f is NaN at x = -5 … -0\.0125; -Infinity at x = 0/);
  });

  it('exports PyTorch code with the parameter names, and downloads it as .py', async () => {
    const p = app.page;
    await p.selectOption('[data-testid="code-export-which"]', { label: 'scaled swish' });
    await p.getByRole('tab', { name: 'PyTorch' }).click();
    const code = (await p.textContent('[data-testid="code-export-code"]')) ?? '';
    expect(code).toContain('PARAM_DEFAULTS = {"a": 1.0, "b": 2.0}');
    expect(code).toMatch(/self\.a\b/);
    expect(code).toMatch(/self\.b\b/);
    const file = await captureDownload(p, () => p.click('[data-testid="code-download"]'));
    expect(file.filename).toBe('scaled_swish_torch.py');
    expect(file.content.toString('utf8')).toBe(code);
    await p.getByRole('tab', { name: 'JAX' }).click();
    expect(await p.textContent('[data-testid="code-export-code"]')).toMatch(/import jax/);
  });

  it('after a reload the formula is still saved, in the picker, and plots again', async () => {
    const p = app.page;
    await app.goto('#/explore?a=relu');
    await waitForTraces(app.page, 3);
    await expect.poll(() => p.textContent('[data-testid="my-formulas"]')).toMatch(/scaled swish/);
    await p.fill('[data-testid="activation-search"]', 'scaled');
    const drawn = nextPlot(p);
    await p.click('[data-add="my:scaled swish"]');
    await drawn;
    await waitForTraces(app.page, 6);
    const names = (await plotTraces(p)).map((t) => t.name);
    expect(names.filter((n) => n === 'scaled swish')).toHaveLength(3);
  });

  it('a link with the formula works without saved formulas (fresh storage)', async () => {
    // The link must already carry the formula (the URL is written after the redraw, not with it).
    await app.page.waitForFunction(() => /[?&]a=my\./.test(location.hash));
    const url = app.page.url();
    const fresh = await app.browser.newContext({ viewport: { width: 1400, height: 1000 } });
    fresh.setDefaultTimeout(DEFAULT_TIMEOUT_MS);
    const page = await fresh.newPage();
    await page.goto(url);
    await waitForTraces(page, 6);
    expect(await page.locator('.formula-linked').textContent()).toMatch(/“scaled swish” came with this link/);
    await fresh.close();
  });

  it('the Trainer lists my formulas and trains one (the worker resolves the my.… id)', async () => {
    const p = app.page;
    await app.goto('#/train');
    await p.waitForSelector('[data-testid="train-activation"]');
    // The Trainer's picker is the same search as Explore's, saved formulas first.
    await p.locator('#panel-train [data-testid="activation-search"]').fill('scaled swish');
    const option = p.locator('#panel-train .results button[data-add="my:scaled swish"]');
    await expect.poll(() => option.count()).toBe(1);
    await option.click();
    await p.waitForSelector('[data-testid="train-activation"][data-id^="my."]');
    // A typed formula shows its formula, not only its name.
    expect(await p.locator('[data-testid="train-formula"] .katex').count()).toBeGreaterThan(0);
    await p.waitForSelector('[data-testid="counter"][data-ready="1"]', { timeout: DEFAULT_TIMEOUT_MS });
    await p.click('[data-testid="step"]');
    await p.waitForSelector('[data-testid="counter"]:not([data-step="0"])', { timeout: DEFAULT_TIMEOUT_MS });
    expect(await p.locator('[data-testid="train-error"]').count()).toBe(0);
    expect(Number(await p.getAttribute('[data-testid="train-loss"]', 'data-value'))).toBeGreaterThan(0);
    await saveScreenshot(p, '/tmp/formula-train.png');
    expect(app.errors).toEqual([]);
  });
});
