/**
 * PDF and PNG through a headless Chromium (playwright-core drives an installed browser; it downloads none).
 * The page is the self-contained HTML export, loaded with JavaScript disabled and offline: a hostile report
 * gets no more power here than when its HTML file is opened by hand.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserType, Page } from 'playwright-core';
import { LabError } from '../../common/errors';

/** Where to find the browser; by default THREADLAB_CHROMIUM, then the usual install locations. */
export interface BrowserOptions {
  readonly executablePath?: string;
  readonly timeoutMs?: number;
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-extensions',
  '--disable-default-apps',
  '--no-first-run',
  '--disable-quic',
  '--mute-audio',
];

function candidates(env: NodeJS.ProcessEnv): string[] {
  const win = (base: string | undefined, rest: string) => (base ? [path.join(base, rest)] : []);
  return [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/snap/bin/chromium',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    ...win(env['PROGRAMFILES'], 'Google\\Chrome\\Application\\chrome.exe'),
    ...win(env['PROGRAMFILES(X86)'], 'Google\\Chrome\\Application\\chrome.exe'),
    ...win(env['LOCALAPPDATA'], 'Google\\Chrome\\Application\\chrome.exe'),
    ...win(env['PROGRAMFILES(X86)'], 'Microsoft\\Edge\\Application\\msedge.exe'),
  ];
}

/** The Chromium to use, or null. THREADLAB_CHROMIUM wins when set, and must then exist. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const chosen = env['THREADLAB_CHROMIUM'];
  if (chosen) return existsSync(chosen) ? chosen : null;
  return candidates(env).find((p) => existsSync(p)) ?? null;
}

export function noChromiumError(asked: string | undefined): LabError {
  const where = asked ? `THREADLAB_CHROMIUM=${asked} does not exist` : 'no Chromium or Chrome was found';
  return new LabError(
    'not-found',
    `PDF and PNG export need a Chromium-based browser, and ${where}. Install one (Debian/Ubuntu: ` +
      `'sudo apt-get install chromium'; macOS and Windows: Google Chrome) or point THREADLAB_CHROMIUM at its ` +
      `executable. The .html export holds the same report and prints to PDF from any browser, and the app's ` +
      `File > Export PDF works without Chromium.`,
  );
}

async function launch(opts: BrowserOptions): Promise<Browser> {
  const executablePath = opts.executablePath ?? findChromium();
  if (!executablePath || !existsSync(executablePath))
    throw noChromiumError(opts.executablePath ?? process.env['THREADLAB_CHROMIUM']);
  let chromium: BrowserType;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    throw new LabError(
      'not-found',
      'PDF and PNG export need the playwright-core package, which is not installed.',
    );
  }
  return chromium.launch({
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
    timeout: opts.timeoutMs ?? 30_000,
  });
}

async function withPage<T>(html: string, opts: BrowserOptions, fn: (page: Page) => Promise<T>): Promise<T> {
  const browser = await launch(opts);
  try {
    const context = await browser.newContext({
      javaScriptEnabled: false,
      offline: true,
      deviceScaleFactor: 2,
    });
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load', timeout: opts.timeoutMs ?? 30_000 });
    return await fn(page);
  } finally {
    await browser.close();
  }
}

/** The HTML printed to an A4 PDF with its @media print style. */
export async function renderPdf(html: string, opts: BrowserOptions = {}): Promise<Uint8Array> {
  return withPage(html, opts, (page) => page.pdf({ printBackground: true, preferCSSPageSize: true }));
}

/** A PNG of the first speedup chart (the whole page when the report has none). */
export async function renderPng(html: string, opts: BrowserOptions = {}): Promise<Uint8Array> {
  return withPage(html, opts, async (page) => {
    const chart = page.locator('svg.speedup').first();
    if ((await chart.count()) > 0) return chart.screenshot({ type: 'png' });
    return page.screenshot({ type: 'png', fullPage: true });
  });
}
