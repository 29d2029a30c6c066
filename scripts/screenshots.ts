/**
 * The README's screenshots, taken anew from the app as it is: `serve` on a free port with a temporary history
 * (the browser tests' own helper), real Chromium through playwright-core, small quick runs so the whole takes
 * a few minutes on a busy 2-core machine. Writes docs/screenshots/*.png and prints each file it wrote.
 *
 *   npx tsx scripts/screenshots.ts [--out DIR]
 *
 * Not part of `npm test`: pictures are judged by eye. Figures on a busy machine look busy; take the README's
 * on a quiet one.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchTestChromium } from '../test/support/chromium';
import { CHROMIUM, hasChromium, ROOT, startServedApp, type ServedApp } from '../test/support/served-app';
import { FIXTURE_DIR, SAMPLE_FILE } from '../test/fixtures/reports/fixtures';

const outArg = process.argv.indexOf('--out');
const OUT = path.resolve(
  outArg > 0 ? (process.argv[outArg + 1] ?? '') : path.join(ROOT, 'docs', 'screenshots'),
);
/** A run or a demo on a machine other programs keep busy can take this long; more means something is wrong. */
const RUN_TIMEOUT_MS = 180_000;

const written: string[] = [];

/** Where the picture called `name` goes; said once it is written. */
const pictureFile = (name: string) => path.join(OUT, `${name}.png`);
function wrote(file: string): void {
  written.push(file);
  console.log(`wrote ${path.relative(ROOT, file)}`);
}

/** The viewport (or the whole page), or one element. */
async function shoot(target: Page | Locator, name: string, fullPage = false): Promise<void> {
  const file = pictureFile(name);
  if ('goto' in target) await target.screenshot({ path: file, fullPage });
  else await target.screenshot({ path: file });
  wrote(file);
}

/** Two panels of the page in one picture (the emulated GIL's lanes and, under them, CPython's). */
async function shootTogether(page: Page, first: Locator, second: Locator, name: string): Promise<void> {
  await first.scrollIntoViewIfNeeded();
  const a = await first.boundingBox();
  const b = await second.boundingBox();
  if (!a || !b) throw new Error(`${name}: a panel to photograph is not on the page`);
  const scroll = await page.evaluate(() => ({ x: window.scrollX, y: window.scrollY }));
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  const clip = {
    x: x + scroll.x,
    y: y + scroll.y,
    width: Math.max(a.x + a.width, b.x + b.width) - x,
    height: Math.max(a.y + a.height, b.y + b.height) - y,
  };
  // With fullPage the clip is in page coordinates; the boxes are in the viewport's.
  const file = pictureFile(name);
  await page.screenshot({ path: file, fullPage: true, clip });
  wrote(file);
}

/** The Lab before any run: the machine panel once the lab has found its Python interpreters. */
async function machinePanel(page: Page): Promise<void> {
  const python = page.getByTestId('machine-python').first();
  await python.waitFor();
  await page.waitForFunction(
    () => !document.querySelector('[data-testid="machine-python"]')?.textContent?.includes('looking for'),
    undefined,
    { timeout: 90_000 },
  );
  await shoot(page.getByTestId('machine-panel'), 'machine-python');
}

/** The quick headline to its results: the charts, the whole page, large text, the strip plot, cores busy. */
async function headline(page: Page, app: ServedApp): Promise<void> {
  await page.getByTestId('headline-size-quick').check();
  await page.getByTestId('headline-run').click();
  await page.getByTestId('progress').waitFor();
  app.track();
  await page.getByTestId('results').waitFor({ timeout: RUN_TIMEOUT_MS });
  await page.getByTestId('speedup-chart-cpu').scrollIntoViewIfNeeded();
  await shoot(page, 'headline');
  await shoot(page, 'results', true);
  await shoot(page.getByTestId('distribution-chart'), 'distribution');
  await shoot(page.getByTestId('cores-busy-chart'), 'cores-busy');
  await page.getByTestId('toggle-large-text').click();
  await page.getByTestId('speedup-chart-cpu').scrollIntoViewIfNeeded();
  await shoot(page, 'large-text');
  await page.getByTestId('toggle-large-text').click();
}

/**
 * A small builder run of the emulated GIL beside real CPython threads (primes, 4 units of 5,000 numbers: a
 * fraction of a second a run in Python), to show both kinds of lanes.
 */
async function pythonLanes(page: Page, app: ServedApp): Promise<void> {
  await page.locator('summary', { hasText: 'Build your own experiment' }).click();
  await page.getByTestId('builder-param-primes-units').fill('4');
  await page.getByTestId('builder-param-primes-span').fill('5000');
  for (const model of ['threads', 'processes'])
    await page.getByTestId(`builder-model-${model}`).setChecked(false);
  for (const model of ['gil', 'py-threads'])
    await page.getByTestId(`builder-model-${model}`).setChecked(true);
  await page.getByTestId('builder-workers').fill('2');
  await page.getByTestId('builder-repeat').fill('2');
  await page.getByTestId('builder-warmup').fill('0');
  await page.getByTestId('builder-switch-interval').fill('1');
  await page.getByTestId('builder-label').fill('The emulated GIL beside CPython');
  await page.getByTestId('builder-start').click();
  await page.getByTestId('progress').waitFor();
  app.track();
  await page.getByTestId('python-lanes').waitFor({ timeout: RUN_TIMEOUT_MS });
  const gil = page.locator('section[aria-labelledby="gil-heading"]');
  await shootTogether(page, gil, page.getByTestId('python-lanes'), 'python-lanes');
}

/** Opens a demo, predicts, runs it and waits for its measured result (as test/e2e/demos.test.ts does). */
async function runDemo(page: Page, app: ServedApp, id: string, choice: string): Promise<void> {
  await page.getByTestId(`demo-card-${id}`).click();
  await page.getByTestId(`demo-choice-${choice}`).check();
  await page.getByTestId('demo-run').click();
  await page
    .locator(`[data-testid="demo-page"][data-demo="${id}"][data-status="finished"]`)
    .waitFor({ timeout: RUN_TIMEOUT_MS });
  app.track();
}

async function demos(page: Page, app: ServedApp): Promise<void> {
  await page.getByTestId('tab-demos').click();
  await page.getByTestId('demo-list').waitFor();
  await runDemo(page, app, 'race', 'short-varies');
  await shoot(page, 'demo-race', true);
  // The race's Python, run for real by the machine's interpreter, under the TypeScript outcome.
  // A real click: it fails if anything (the sticky demo list, once) covers the button.
  await page.getByTestId('demo-python-run-button').click();
  await page.getByTestId('demo-python-output').waitFor({ timeout: RUN_TIMEOUT_MS });
  await page.getByTestId('demo-python-run').scrollIntoViewIfNeeded();
  await shoot(page, 'demo-python');
  await runDemo(page, app, 'deadlock', 'deadlock');
  await page.getByTestId('view-deadlock').scrollIntoViewIfNeeded();
  await shoot(page, 'demo-deadlock');
  await page.getByTestId('demo-presenter').click();
  await page.locator('[data-testid="demos-section"][data-presenter="true"]').waitFor();
  await shoot(page, 'demo-presenter');
  await page.keyboard.press('Escape');
  await page.getByTestId('demo-list').waitFor();
}

/**
 * Reports: the list with the runs above and the two fixture reports (real engine output, 5 runs a cell)
 * imported, then those two compared.
 */
async function reports(page: Page): Promise<void> {
  await page.getByTestId('tab-reports').click();
  await page
    .getByTestId('import-input')
    .setInputFiles([SAMPLE_FILE, path.join(FIXTURE_DIR, 'sample-b.json')]);
  const imported = page.locator('[data-testid="history-item"][data-source="imported"]');
  await imported.nth(1).waitFor();
  await shoot(page, 'reports');
  for (const pick of await imported.getByTestId('history-pick').all()) await pick.check();
  await page.getByTestId('compare-start').click();
  await page.getByTestId('compare-overall').waitFor();
  await shoot(page, 'compare', true);
}

async function main(): Promise<number> {
  if (!hasChromium) {
    console.error(`screenshots: ${CHROMIUM} is not installed (apt-get install chromium)`);
    return 1;
  }
  mkdirSync(OUT, { recursive: true });
  // The engine bundles serve runs from; startServedApp builds the UI itself.
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build-lab.mjs'), '--quiet'], {
    stdio: 'inherit',
  });
  const started = performance.now();
  const app = await startServedApp('screenshots');
  let browser: Browser | null = null;
  let left: number[];
  // Ctrl-C: nothing serve started may outlive the script.
  const stop = () => void app.stop().finally(() => process.exit(130));
  process.once('SIGINT', stop);
  try {
    browser = await launchTestChromium(CHROMIUM);
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, colorScheme: 'light' });
    page.setDefaultTimeout(60_000);
    await page.goto(app.url);
    await machinePanel(page);
    await headline(page, app);
    await pythonLanes(page, app);
    await demos(page, app);
    await reports(page);
  } finally {
    process.off('SIGINT', stop);
    await browser?.close();
    left = await app.stop();
  }
  console.log(`${written.length} screenshots in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  if (left.length) {
    console.error(`screenshots: processes still running after serve stopped: ${left.join(', ')}`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`screenshots: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  },
);
