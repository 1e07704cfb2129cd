/**
 * The Explorer in the built app, driven in Chromium: picking, sliders, URL round-trip,
 * malformed links, exports. Curve values are checked against closed forms computed here in
 * float64 (independent of the app's compiler), to 1e-12 relative + 1e-12 absolute.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectClose, sigmoid } from './closedForms';
import { captureDownload, nextPlot, openApp, openPage, plotTraces, saveScreenshot, waitForPlotted, waitForTraces, type AppSession } from './harness';

const swish = (x: number, beta: number) => x * sigmoid(beta * x);
const swishPrime = (x: number, beta: number) => sigmoid(beta * x) * (1 + beta * x * (1 - sigmoid(beta * x)));

let app: AppSession;

beforeAll(async () => {
  app = await openApp({ hash: '#/explore' });
});

afterAll(async () => {
  await app?.close();
});

describe('Explorer', () => {
  it('shows the default view: ReLU, GELU, SiLU with f, f′, f″ on 2,001 points', async () => {
    await waitForTraces(app.page, 9);
    const traces = await plotTraces(app.page);
    expect(traces.map((t) => t.name).slice(0, 3)).toEqual(['ReLU', 'ReLU', 'ReLU']);
    const relu = traces[0];
    expect(relu.x.length).toBe(2001);
    expect(relu.x[0]).toBe(-5);
    expect(relu.x[2000]).toBe(5);
    expectClose(relu.y, relu.x.map((x) => Math.max(0, x)), 'relu f');
    const reluPrime = traces[1];
    expectClose(reluPrime.y, reluPrime.x.map((x) => (x > 0 ? 1 : 0)), 'relu f′ (left-hand at 0)');
    expect(await app.page.locator('[data-testid="url-notice"]').count()).toBe(0);
    await saveScreenshot(app.page, '/tmp/explorer-default-light.png');
    expect(app.errors).toEqual([]);
  });

  it('picking an activation adds its curves', async () => {
    await app.page.fill('[data-testid="activation-search"]', 'swish');
    const drawn = nextPlot(app.page);
    await app.page.click('[data-add="swish"]');
    await drawn;
    await waitForTraces(app.page, 12);
    const traces = await plotTraces(app.page);
    const sw = traces.filter((t) => t.name === 'Swish');
    expect(sw).toHaveLength(3);
    expectClose(sw[0].y, sw[0].x.map((x) => swish(x, 1)), 'swish f at β=1');
    expectClose(sw[1].y, sw[1].x.map((x) => swishPrime(x, 1)), 'swish f′ at β=1');
    expect(await app.page.locator('article[data-activation="swish"]').count()).toBe(1);
  });

  it('a slider change changes the curve values', async () => {
    const card = app.page.locator('article[data-activation="swish"]');
    const slider = card.locator('input[type="range"][data-param="beta"]');
    const drawn = nextPlot(app.page);
    await slider.fill('500');
    await drawn;
    const beta = Number(await card.locator('[data-param-number="beta"]').inputValue());
    expect(beta).toBeGreaterThan(4);
    expect(beta).toBeLessThan(6);
    await app.page.waitForFunction(() =>
      ((document.querySelector('.js-plotly-plot') as unknown as { data: { name: string }[] }).data ?? []).some((t) => t.name.startsWith('Swish (β=')),
    );
    const traces = await plotTraces(app.page);
    const sw = traces.filter((t) => t.name === `Swish (β=${beta})`);
    expect(sw).toHaveLength(3);
    expectClose(sw[0].y, sw[0].x.map((x) => swish(x, beta)), `swish f at β=${beta}`);
    expectClose(sw[1].y, sw[1].x.map((x) => swishPrime(x, beta)), `swish f′ at β=${beta}`);
  });

  it('the number box sets an exact value and reset restores the default', async () => {
    const card = app.page.locator('article[data-activation="swish"]');
    const box = card.locator('[data-param-number="beta"]');
    await box.fill('2.25');
    await app.page.waitForFunction(() =>
      ((document.querySelector('.js-plotly-plot') as unknown as { data: { name: string }[] }).data ?? []).some((t) => t.name === 'Swish (β=2.25)'),
    );
    const traces = await plotTraces(app.page);
    const sw = traces.find((t) => t.name === 'Swish (β=2.25)')!;
    expectClose(sw.y, sw.x.map((x) => swish(x, 2.25)), 'swish f at β=2.25');
    await box.fill('99');
    expect(await card.locator('.field-error').textContent()).toContain('outside [0.1, 10]');
  });

  it('the URL round-trips selection, parameters and range', async () => {
    await app.page.fill('[data-testid="x-min"]', '-2');
    await app.page.fill('[data-testid="x-max"]', '3.5');
    const drawn = nextPlot(app.page);
    await app.page.press('[data-testid="x-max"]', 'Enter');
    await drawn;
    await app.page.waitForFunction(() => location.hash.includes('x=-2,3.5') && location.hash.includes('swish(beta=2.25)'));
    const hash = await app.page.evaluate(() => location.hash);
    const before = await plotTraces(app.page);

    const { page: other } = await openPage(app, hash);
    await waitForTraces(other, before.length);
    const after = await plotTraces(other);
    expect(after.map((t) => t.name)).toEqual(before.map((t) => t.name));
    for (let i = 0; i < before.length; i++) {
      expect(after[i].x).toEqual(before[i].x);
      expect(after[i].y).toEqual(before[i].y);
    }
    expect(after[0].x[0]).toBe(-2);
    expect(after[0].x[2000]).toBe(3.5);
    expect(await other.locator('[data-param-number="beta"]').inputValue()).toBe('2.25');
    await other.close();
  });

  it('a malformed URL shows a notice naming the problems and the default view', async () => {
    const { page, errors } = await openPage(app, '#/explore?a=nosuch&a=swish(beta=abc)&x=zz&layout=sideways&%E0%A4%A');
    const notice = page.locator('[data-testid="url-notice"]');
    // The notice is part of the first render; it is checked once the app has drawn (its readiness signal).
    await waitForPlotted(page);
    await notice.waitFor();
    const text = (await notice.textContent()) ?? '';
    for (const needle of ['"nosuch"', '"abc" is not a number', 'x range "zz"', 'sideways', 'URL encoding']) expect(text).toContain(needle);
    // The valid part (swish) is kept; the rest is the default view.
    await waitForTraces(page, 3);
    const traces = await plotTraces(page);
    expect(traces.every((t) => t.name === 'Swish')).toBe(true);
    expect(traces[0].x[0]).toBe(-5);
    await saveScreenshot(page, '/tmp/explorer-bad-url.png');

    // Nothing valid at all: the default selection, and an unknown page name falls back to Explore.
    await page.goto(app.baseUrl + '#/nopage?a=zzz');
    await page.waitForSelector('text=There is no page “nopage”');
    await waitForTraces(page, 9);
    // A full load of exactly this link: a hash-only goto + reload raced with the still-mounted
    // Explorer writing its own state into the URL, so the reload could load a link without problems.
    await page.goto('about:blank');
    await page.goto(app.baseUrl + '#/explore?a=zzz');
    await waitForPlotted(page);
    await page.locator('[data-testid="url-notice"]').waitFor();
    await waitForTraces(page, 9);
    expect((await plotTraces(page))[0].name).toBe('ReLU');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('exports CSV with x, f, f′, f″ per activation', async () => {
    const { filename, content } = await captureDownload(app.page, () => app.page.click('[data-testid="export-csv"]'));
    expect(filename).toBe('activations.csv');
    const rows = content.toString('utf8').trim().split('\n');
    expect(rows[0]).toBe('x,relu f,relu df,relu d2f,gelu f,gelu df,gelu d2f,silu f,silu df,silu d2f,swish(beta=2.25) f,swish(beta=2.25) df,swish(beta=2.25) d2f');
    expect(rows).toHaveLength(2002);
    for (const row of [rows[1], rows[1000], rows[2001]]) {
      const cells = row.split(',').map(Number);
      const x = cells[0];
      expect(cells[1]).toBe(Math.max(0, x));
      expect(Math.abs(cells[7] - x * sigmoid(x))).toBeLessThan(1e-15 + 1e-14 * Math.abs(x));
      expect(Math.abs(cells[10] - swish(x, 2.25))).toBeLessThan(1e-15 + 1e-14 * Math.abs(x));
    }
    expect(Number(rows[1].split(',')[0])).toBe(-2);
  });

  it('exports PNG and SVG images of the plot', async () => {
    const png = await captureDownload(app.page, () => app.page.click('[data-testid="export-png"]'));
    expect(png.filename).toBe('activations.png');
    expect(png.content.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.content.length).toBeGreaterThan(5000);
    const svg = await captureDownload(app.page, () => app.page.click('[data-testid="export-svg"]'));
    expect(svg.filename).toBe('activations.svg');
    const text = svg.content.toString('utf8');
    expect(text.startsWith('<svg')).toBe(true);
    expect(text).toContain('Swish (β=2.25)');
  });

  it('renders in the dark theme and the text alternative lists exact values', async () => {
    const background = () => app.page.evaluate(() => (document.querySelector('.js-plotly-plot') as unknown as { layout: { paper_bgcolor: string } }).layout.paper_bgcolor);
    const lightBackground = await background();
    // The plot is redrawn in the dark theme's colours (the app's own redraw signal, no fixed wait).
    const redrawn = nextPlot(app.page);
    await app.page.click('.theme-toggle');
    await redrawn;
    expect(await app.page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(await background()).not.toBe(lightBackground);
    await app.page.click('text=Show table of values');
    const table = app.page.locator('[data-testid="value-table"]');
    const reluRow = table.locator('tr', { hasText: 'ReLU' }).first();
    const cells = await reluRow.locator('td').allTextContents();
    expect(cells).toEqual(['f(x)', '0', '0', '0', '1', '3']);
    await saveScreenshot(app.page, '/tmp/explorer-dark.png');
    expect(app.errors).toEqual([]);
  });
});

describe('Explorer: modifiers, gated blocks, marks, properties, search tags, copy link', () => {
  let page: Page;
  let errors: string[] = [];

  beforeAll(async () => {
    const opened = await openPage(app, '#/explore?a=helu&a=glu&a=relu&x=-4,4&marks=1');
    page = opened.page;
    errors = opened.errors;
    await waitForTraces(page, 10);
  });

  afterAll(async () => {
    await page?.close();
  });

  it('draws a modifier surrogate as steps and reports max |s − f′|', async () => {
    const traces = await plotTraces(page);
    const s = traces.find((t) => t.name === 'HeLU surrogate s(x)')!;
    // HeLU: s(x) = H(x + α), α = 0.05; true f′ = H(x). They differ on (−0.05, 0], by exactly 1.
    expectClose(s.y, s.x.map((x) => (x > -0.05 ? 1 : 0)), 'helu surrogate');
    expect(s.yaxis).toBe('y2');
    const shape = await page.evaluate(() => (document.querySelector('.js-plotly-plot') as unknown as { data: { line: { shape?: string } }[] }).data[3].line.shape);
    expect(shape).toBe('hv');
    expect(await page.locator('article[data-activation="helu"] [data-testid="surrogate-gap"]').textContent()).toContain('= 1 (at x =');
  });

  it('plots a gated block through its gate g(a) = o(a, 1)', async () => {
    const traces = await plotTraces(page);
    const glu = traces.filter((t) => t.name === 'GLU');
    expectClose(glu[0].y, glu[0].x.map(sigmoid), 'GLU gate σ(a)');
    expectClose(glu[1].y, glu[1].x.map((a) => sigmoid(a) * (1 - sigmoid(a))), "GLU gate σ′(a)");
  });

  it('shades vanishing-gradient regions on the f′ panel', async () => {
    const shapes = await page.evaluate(() =>
      ((document.querySelector('.js-plotly-plot') as unknown as { layout: { shapes: { x0: number; x1: number; yref: string }[] } }).layout.shapes ?? []).map((s) => ({ x0: s.x0, x1: s.x1, yref: s.yref })),
    );
    // ReLU: f′ = 0 on [−4, 0] (0 included by the left-hand rule), widened by half a grid step (0.002).
    const relu = shapes.filter((sh) => sh.x0 === -4 && Math.abs(sh.x1 - 0.002) < 1e-12);
    expect(relu.length, JSON.stringify(shapes)).toBeGreaterThan(0);
    expect(relu.every((sh) => sh.yref === 'y2 domain')).toBe(true);
    expect(await page.locator('article[data-activation="relu"] .marks-report').textContent()).toContain('|f′| < 0.01 on [−4, 0.002]');
  });

  it('shows computed properties in the card', async () => {
    const card = page.locator('article[data-activation="relu"]');
    await card.locator('summary', { hasText: 'Properties' }).click();
    const table = card.locator('.props-table');
    await table.waitFor({ timeout: 120_000 });
    const text = (await table.textContent()) ?? '';
    expect(text).toContain('Monotonicincreasing');
    expect(text).toContain('Boundedbelow only');
    expect(text).toMatch(/Minimum0, approached/);
  });

  it('filters the search by computed tags', async () => {
    await page.click('button.chip:has-text("gated")');
    const gated = await page.locator('[data-add]').evaluateAll((els) => els.map((e) => e.getAttribute('data-add')));
    expect(gated).toContain('glu');
    expect(gated).toContain('gelu');
    expect(gated).not.toContain('relu');
    await page.click('button.chip:has-text("gated")');
    await page.click('button.chip:has-text("smooth")');
    await page.waitForFunction(() => !document.querySelector('.picker')?.textContent?.includes('still checking'), null, { timeout: 240_000 });
    const smooth = await page.locator('[data-add]').evaluateAll((els) => els.map((e) => e.getAttribute('data-add')));
    expect(smooth).toContain('gelu');
    expect(smooth).toContain('tanh');
    expect(smooth).not.toContain('relu');
    expect(smooth).not.toContain('hardtanh');
    await page.fill('[data-testid="activation-search"]', '2024');
    await page.click('button.chip:has-text("smooth")');
    await page.fill('[data-testid="activation-search"]', '');
    await page.click('button.chip:has-text("from-2024+")');
    const recent = await page.locator('[data-add]').evaluateAll((els) => els.map((e) => e.getAttribute('data-add')));
    expect(recent).toContain('golu');
    expect(recent).not.toContain('gelu');
  });

  it('marks a few-bit surrogate that reproduces f′ exactly (piecewise-linear base, b = 1)', async () => {
    const { page: other } = await openPage(app, '#/explore?a=few-bit(base=relu,b=1)&a=few-bit(base=gelu,b=2)');
    const gaps = other.locator('[data-testid="surrogate-gap"]');
    await other.waitForFunction(() => document.querySelectorAll('[data-testid="surrogate-gap"]').length === 2);
    expect(await gaps.nth(0).textContent()).toContain('exact');
    expect(await gaps.nth(1).textContent()).toContain('max |s − f′|');
    await waitForTraces(other, 8);
    const dashes = await other.evaluate(() =>
      (document.querySelector('.js-plotly-plot') as unknown as { data: { name: string; line: { dash?: string } }[] }).data
        .filter((t) => t.name.endsWith('surrogate s(x)'))
        .map((t) => t.line.dash),
    );
    expect(dashes).toEqual(['solid', 'dot']);
    await other.close();
  });

  it('copy link gives the URL of the current view', async () => {
    await app.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.baseUrl });
    await page.click('[data-testid="copy-link"]');
    await page.waitForSelector('text=/Link copied|Copy the link below/');
    const copied = (await page.locator('.link-box').count())
      ? await page.locator('.link-box').inputValue()
      : await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain('#/explore?a=helu&a=glu&a=relu&x=-4,4');
    expect(copied).toContain('marks=1');
    expect(errors).toEqual([]);
  });
});

describe('Explorer: presets, options, zoom', () => {
  let page: Page;

  beforeAll(async () => {
    ({ page } = await openPage(app, '#/explore?a=sine&a=poly&x=-1,1&show=f'));
    await waitForTraces(page, 2);
  });

  afterAll(async () => {
    await page?.close();
  });

  it('a preset button sets the paper values (SIREN ω₀ = 30)', async () => {
    const card = page.locator('article[data-activation="sine"]');
    await card.locator('button', { hasText: 'SIREN' }).click();
    expect(await card.locator('[data-param-number="omega0"]').inputValue()).toBe('30');
    await page.waitForFunction(() =>
      (document.querySelector('.js-plotly-plot') as unknown as { data: { name: string }[] }).data.some((t) => t.name.includes('ω₀=30')),
    );
    const sine = (await plotTraces(page)).find((t) => t.name.includes('ω₀=30'))!;
    expectClose(sine.y, sine.x.map((x) => Math.sin(30 * x)), 'sin(30x)');
  });

  it('an option select changes the formula and its parameters (poly degree d = 4)', async () => {
    const card = page.locator('article[data-activation="poly"]');
    expect(await card.locator('input[type="range"]').count()).toBe(3);
    await card.locator('select[data-option="d"]').selectOption('4');
    await page.waitForFunction(() => document.querySelectorAll('article[data-activation="poly"] input[type="range"]').length === 5);
    // d = 4 init (ACTIVATIONS.md, B = 4): c = (15B/256, 1/2, 105/(128B), 0, −105/(256B³)).
    const B = 4;
    const c = [(15 * B) / 256, 0.5, 105 / (128 * B), 0, -105 / (256 * B ** 3)];
    await page.waitForFunction(() => location.hash.includes('poly(d=4)'));
    const poly = (await plotTraces(page)).find((t) => t.name === 'Polynomial activation (d=4)')!;
    expectClose(poly.y, poly.x.map((x) => c.reduce((sum, ck, k) => sum + ck * x ** k, 0)), 'poly d=4 init');
  });

  it('zooming the x axis re-samples 2,001 points on the new range', async () => {
    const drawn = nextPlot(page);
    await page.evaluate(() => {
      const gd = document.querySelector('.js-plotly-plot') as unknown as HTMLElement;
      return (window as unknown as { Plotly: { relayout(gd: HTMLElement, u: object): Promise<void> } }).Plotly.relayout(gd, { 'xaxis.range[0]': -0.25, 'xaxis.range[1]': 0.5 });
    });
    await drawn;
    await page.waitForFunction(() => (document.querySelector('.js-plotly-plot') as unknown as { data: { x: ArrayLike<number> }[] }).data[0].x[0] === -0.25);
    const t = (await plotTraces(page))[0];
    expect(t.x.length).toBe(2001);
    expect(t.x[2000]).toBe(0.5);
    await page.waitForFunction(() => location.hash.includes('x=-0.25,0.5'));
  });
});

describe('Explorer: table points, x range, pan', () => {
  let page: Page;
  let errors: string[] = [];
  const ends = async () => {
    const t = (await plotTraces(page))[0];
    return [t.x[0], t.x[t.x.length - 1]];
  };

  beforeAll(async () => {
    const opened = await openPage(app, '#/explore?a=relu&a=tanh&x=-5,5&show=f');
    page = opened.page;
    errors = opened.errors;
    await waitForTraces(page, 2);
  });

  afterAll(async () => {
    await page?.close();
  });

  it('the table of values takes added points, keeps them in the link, and removes them', async () => {
    await page.click('text=Show table of values');
    const table = page.locator('[data-testid="value-table"]');
    const add = async (text: string) => {
      await page.fill('[data-testid="table-add-x"]', text);
      await page.press('[data-testid="table-add-x"]', 'Enter');
    };
    await add('0.5');
    await add('-2.25');
    await expect.poll(() => table.locator('thead th').allTextContents()).toEqual(['Activation', 'Curve', 'x = −3', 'x = −2.25✕', 'x = −1', 'x = 0', 'x = 0.5✕', 'x = 1', 'x = 3']);
    // Values against float64 closed forms (six significant digits, as shown).
    const tanhCells = await table.locator('tr', { hasText: 'Tanh' }).first().locator('td').allTextContents();
    expect(Number(tanhCells[2].replace('−', '-'))).toBe(Number(Math.tanh(-2.25).toPrecision(6)));
    expect(Number(tanhCells[5])).toBe(Number(Math.tanh(0.5).toPrecision(6)));
    await page.waitForFunction(() => location.hash.includes('tx=0.5,-2.25'));

    // A bad entry says why and changes nothing.
    await add('abc');
    await expect.poll(() => page.locator('.value-table .field-error').textContent()).toContain('number');
    expect(await table.locator('thead th').count()).toBe(9);

    // The link brings the points back.
    const { page: other, errors: otherErrors } = await openPage(app, `#/explore?${page.url().split('?')[1]}`);
    await waitForTraces(other, 2);
    expect(await other.locator('[data-testid="value-table"] thead th').allTextContents()).toContain('x = 0.5✕');
    expect(otherErrors).toEqual([]);
    await other.close();

    await page.click('button[aria-label="Remove x = 0.5"]');
    await page.waitForFunction(() => location.hash.includes('tx=-2.25') && !location.hash.includes('0.5'));
    expect(await table.locator('thead th').count()).toBe(8);
    expect(errors).toEqual([]);
  });

  it('an invalid x range shows its error and the plot keeps the last valid range; the boxes show "-4.443" whole', async () => {
    const lo = page.locator('[data-testid="x-min"]');
    const hi = page.locator('[data-testid="x-max"]');
    await lo.fill('-4.443');
    expect(await lo.evaluate((el: HTMLInputElement) => el.scrollWidth <= el.clientWidth)).toBe(true);
    await lo.fill('3');
    await hi.fill('-2');
    await hi.press('Enter');
    await expect.poll(() => page.locator('.view-controls .field-error').textContent()).toContain('The plot keeps x from -5 to 5');
    // Leaving the boxes applies nothing either.
    await page.click('.view-controls legend');
    await page.waitForTimeout(500); // the URL is written 150 ms after a change; give a wrong one time to appear
    expect(await ends()).toEqual([-5, 5]);
    expect(page.url()).toContain('x=-5,5');
    const axis = await page.evaluate(() => (document.querySelector('.js-plotly-plot') as unknown as { _fullLayout: { xaxis: { range: number[] } } })._fullLayout.xaxis.range);
    expect(axis).toEqual([-5, 5]);

    const drawn = nextPlot(page);
    await hi.fill('6');
    await hi.press('Enter');
    await drawn;
    await expect.poll(ends).toEqual([3, 6]);
    expect(await page.locator('.view-controls .field-error').count()).toBe(0);
    await page.waitForFunction(() => location.hash.includes('x=3,6'));
    expect(errors).toEqual([]);
  });

  it('drag on the plot pans the x range (re-sampled there); box zoom is a toolbar mode', async () => {
    const drawnRange = nextPlot(page);
    await page.locator('[data-testid="x-min"]').fill('-5');
    await page.locator('[data-testid="x-max"]').fill('5');
    await page.press('[data-testid="x-max"]', 'Enter');
    await drawnRange;
    await expect.poll(ends).toEqual([-5, 5]);
    const box = (await page.locator('#panel-explore .js-plotly-plot .nsewdrag').first().boundingBox())!;
    const y = box.y + box.height / 2;
    const x0 = box.x + box.width * 0.7;
    const pixelsPerUnit = box.width / 10;
    await page.mouse.move(x0, y);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(x0 - (i * box.width * 0.2) / 10, y);
    await page.mouse.up();
    // Dragged left by 20 % of the axis: the view moves right by about 2 and keeps its width.
    await expect.poll(async () => (await ends())[0], { timeout: 30_000 }).toBeGreaterThan(-4);
    const [a, b] = await ends();
    expect(b - a).toBeCloseTo(10, 1);
    expect(a).toBeCloseTo(-5 + (box.width * 0.2) / pixelsPerUnit, 0);
    expect((await plotTraces(page))[0].x.length).toBe(2001);

    await page.hover('#panel-explore .js-plotly-plot');
    await page.click('.modebar-btn[data-attr="dragmode"][data-val="zoom"]');
    expect(await page.evaluate(() => (document.querySelector('.js-plotly-plot') as unknown as { _fullLayout: { dragmode: string } })._fullLayout.dragmode)).toBe('zoom');
    expect(errors).toEqual([]);
  });
});

describe('Explorer: GoLU derivatives as mathematics, fitting the card', () => {
  it('f′ and f″ show no numerical guard and fit the card at 1400 and 390 px', async () => {
    const { page, errors } = await openPage(app, '#/explore?a=golu&a=mish');
    await waitForTraces(page, 6);
    for (const id of ['golu', 'mish']) await page.locator(`article[data-activation="${id}"] summary`, { hasText: 'Derivatives' }).click();
    await page.waitForSelector('article[data-activation="golu"] .derivatives .katex');
    const tex = await page.locator('article[data-activation="golu"] .derivatives annotation').allTextContents();
    expect(tex).toHaveLength(2);
    for (const t of tex) expect(t).not.toMatch(/min|30|otherwise/);
    expect(await page.locator('article[data-activation="golu"] .derivatives .note').textContent()).toContain('clamped');
    for (const width of [1400, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await page.waitForTimeout(200); // one layout pass
      const over = await page.evaluate(() =>
        [...document.querySelectorAll('article .formula')].filter((f) => f.scrollWidth > f.clientWidth + 1).map((f) => `${f.closest('article')?.getAttribute('data-activation')}: ${f.scrollWidth} px in ${f.clientWidth}`),
      );
      expect(over, `${width} px`).toEqual([]);
    }
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('Explorer: slider keys', () => {
  it('an arrow key moves a slider 1/100 of its range, Shift+arrow 1/1000 (Swish β over 0.1…10)', async () => {
    const { page, errors } = await openPage(app, '#/explore?a=swish');
    await waitForTraces(page, 3);
    const slider = page.locator('article[data-activation="swish"] input[type="range"][data-param="beta"]');
    const value = async () => Number(await page.locator('article[data-activation="swish"] input[data-param-number="beta"]').inputValue());
    await slider.focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(value).not.toBe(1);
    const afterArrow = await value();
    // 1/100 of 9.9 is 0.099, give or take the one slider position (0.0099) that 1 falls between.
    expect(Math.abs(afterArrow - 1 - 0.099)).toBeLessThanOrEqual(0.0099 + 1e-9);
    await page.keyboard.press('Shift+ArrowRight');
    await expect.poll(value).not.toBe(afterArrow);
    expect(await value()).toBeCloseTo(afterArrow + 0.0099, 9);
    await page.keyboard.press('ArrowLeft');
    await expect.poll(value).toBeCloseTo(afterArrow + 0.0099 - 0.099, 9);
    expect(errors).toEqual([]);
    await page.close();
  });
});
