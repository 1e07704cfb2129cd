/**
 * Browser-test harness: serves the built app (dist/) from a tiny static server on a random free
 * port and drives Debian's Chromium through playwright-core, with software WebGPU (SwiftShader).
 * Console errors and uncaught page errors are collected so a test can assert there were none.
 *
 *   const app = await openApp({ hash: '#/explore?a=relu' });
 *   ... app.page ...
 *   expect(app.errors).toEqual([]);
 *   await app.close();
 *
 * Run after `vite build` (npm run test:browser does both).
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Download, type Locator, type Page } from 'playwright-core';

const CHROMIUM_PATH = '/usr/bin/chromium';
/** The built app; AP_DIST_DIR overrides it (e.g. to test a build made elsewhere). */
export const DIST_DIR = resolve(process.env.AP_DIST_DIR ?? resolve(import.meta.dirname, '../../dist'));

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--enable-unsafe-webgpu',
  '--enable-features=Vulkan',
  '--use-webgpu-adapter=swiftshader',
  '--use-angle=swiftshader',
];

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

interface StaticServer {
  baseUrl: string;
  /** Paths requested so far (for first-load size measurements). */
  requested: string[];
  close(): Promise<void>;
}

/** Serves `root` on 127.0.0.1 at a random free port. Never serves files outside `root`. */
async function startStaticServer(root = DIST_DIR): Promise<StaticServer> {
  if (!existsSync(join(root, 'index.html'))) {
    throw new Error(`${root}/index.html not found: run \`npx vite build\` before the browser tests`);
  }
  const requested: string[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      res.writeHead(400).end('Bad path');
      return;
    }
    requested.push(path);
    const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403).end('Forbidden');
      return;
    }
    if (!existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end(`Not found: ${path}`);
      return;
    }
    res.writeHead(200, {
      'Content-Type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': statSync(file).size,
      'Cache-Control': 'no-store',
    });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ok());
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/`,
    requested,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

export interface AppSession {
  page: Page;
  context: BrowserContext;
  browser: Browser;
  baseUrl: string;
  server: StaticServer;
  /** Console errors and uncaught exceptions, in order. */
  errors: string[];
  /** Navigates to `hash` (e.g. '#/explore?a=relu') and waits for the app shell. */
  goto(hash?: string): Promise<void>;
  close(): Promise<void>;
}

export interface OpenAppOptions {
  hash?: string;
  colorScheme?: 'light' | 'dark';
  viewport?: { width: number; height: number };
}

/** How long a wait for the page may take by default (Playwright's own default is 30 s). */
export const DEFAULT_TIMEOUT_MS = 120_000;

/**
 * Runs in every page before the app: counts `ap-plotted` events (PlotView fires one on its
 * container after every completed redraw; the event does not bubble, so listen while capturing).
 */
function countPlots(): void {
  const w = window as unknown as { __apPlotted: number };
  w.__apPlotted = 0;
  document.addEventListener('ap-plotted', () => (w.__apPlotted += 1), true);
}

function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  return errors;
}

/** Starts the server and browser and opens the app; wait for app-specific readiness yourself. */
export async function openApp(opts: OpenAppOptions = {}): Promise<AppSession> {
  const server = await startStaticServer();
  const browser = await launchChromium();
  const context = await browser.newContext({
    acceptDownloads: true,
    colorScheme: opts.colorScheme ?? 'light',
    viewport: opts.viewport ?? { width: 1400, height: 1000 },
  });
  // Under load (several suites, SwiftShader compiling shaders) Playwright's 30 s default is too
  // short for a fresh page's first plot; tests wait for the app's own signals instead.
  context.setDefaultTimeout(DEFAULT_TIMEOUT_MS);
  await context.addInitScript(countPlots);
  const page = await context.newPage();
  const errors = collectErrors(page);
  const goto = async (hash = '') => {
    await page.goto(server.baseUrl + hash);
    await page.waitForSelector('.app-header');
  };
  await goto(opts.hash);
  return {
    page,
    context,
    browser,
    baseUrl: server.baseUrl,
    server,
    errors,
    goto,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

export interface CapturedDownload {
  filename: string;
  content: Buffer;
}

/** Runs `action` (e.g. a click) and returns the file it makes the page download. */
export async function captureDownload(page: Page, action: () => Promise<void>): Promise<CapturedDownload> {
  const [download] = await Promise.all([page.waitForEvent('download'), action()]);
  return { filename: download.suggestedFilename(), content: await readDownload(download) };
}

async function readDownload(download: Download): Promise<Buffer> {
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Plotly's figure data on the page's first graph: trace names and y values as plain arrays. */
export async function plotTraces(page: Page): Promise<{ name: string; x: number[]; y: number[]; yaxis: string }[]> {
  return page.evaluate(() => {
    // Pages visited earlier stay mounted but hidden; read the shown page's graph.
    const gd = (document.querySelector('main > [role="tabpanel"]:not([hidden]) .js-plotly-plot') ?? document.querySelector('.js-plotly-plot')) as
      | (HTMLElement & { data?: Record<string, unknown>[] })
      | null;
    if (!gd?.data) return [];
    return gd.data.map((t) => ({
      name: String(t.name),
      x: Array.from(t.x as ArrayLike<number>),
      y: Array.from(t.y as ArrayLike<number>, (v) => (Number.isNaN(v) ? null : v)) as number[],
      yaxis: String(t.yaxis ?? 'y'),
    }));
  });
}

/**
 * Resolves after the next completed plot redraw (the app dispatches `ap-plotted` on the
 * plot container after every Plotly.react). Call it before the action that triggers the redraw:
 *   const drawn = nextPlot(page); await doSomething(); await drawn;
 */
export function nextPlot(page: Page, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<void> {
  return page.evaluate(
    (ms) =>
      new Promise<void>((ok, fail) => {
        const div = document.querySelector('main > [role="tabpanel"]:not([hidden]) .plot') ?? document.querySelector('.plot');
        if (!div) return fail(new Error('no .plot element'));
        const timer = setTimeout(() => fail(new Error('no redraw within the time limit')), ms);
        div.addEventListener('ap-plotted', () => (clearTimeout(timer), ok()), { once: true });
      }),
    timeoutMs,
  );
}

/** A second page in the app's browser context (same storage), at `hash`, with its own error list. */
export async function openPage(app: AppSession, hash: string): Promise<{ page: Page; errors: string[] }> {
  const page = await app.context.newPage();
  const errors = collectErrors(page);
  await page.goto(app.baseUrl + hash);
  await page.waitForSelector('.app-header');
  return { page, errors };
}

/** Waits until the page's first graph has been drawn with exactly `traces` traces. */
export async function waitForTraces(page: Page, traces: number, timeout = DEFAULT_TIMEOUT_MS): Promise<void> {
  await page.waitForFunction(
    (n) => ((document.querySelector('.js-plotly-plot') as unknown as { data?: unknown[] })?.data?.length ?? -1) === n,
    traces,
    { timeout },
  );
}

/** Waits until the page has completed at least `count` plot redraws since it loaded (`ap-plotted`). */
export async function waitForPlotted(page: Page, count = 1, timeout = DEFAULT_TIMEOUT_MS): Promise<void> {
  await page.waitForFunction((n) => ((window as unknown as { __apPlotted?: number }).__apPlotted ?? 0) >= n, count, { timeout });
}

/**
 * A screenshot for people to look at (not a check): the visible viewport only, and a failure to
 * take it (a slow machine) is reported, never a test failure.
 */
export async function saveScreenshot(target: Page | Locator, path: string): Promise<void> {
  try {
    await target.screenshot({ path, timeout: DEFAULT_TIMEOUT_MS });
  } catch (e) {
    console.warn(`screenshot ${path} not taken: ${e instanceof Error ? e.message : String(e)}`);
  }
}
