// What the widget's end-to-end files share: the release build (dist/, or RATECARD_DIST) served on
// 127.0.0.1 and one headless Chromium per file, a fresh browser context per calculator, and the
// check that a calculator's total is the CLI's.
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { launch } from './browser.mjs';
import { Calculator, cliQuote, digits } from './calculator.mjs';
import { serve } from './server.mjs';

export const ROOT = resolve(import.meta.dirname, '..');

/**
 * Serves the widget and launches Chromium for the test file that calls it (before/after hooks).
 * Returns `{ server, browser, open }`; `open(path, options)` opens the calculator at `path` (e.g.
 * `#p=...`) in a new context (its own storage) with `options` (locale en-US and a 1280 x 900
 * viewport unless given), and returns its page object with `errors` (page errors so far),
 * `context` and `close()`.
 */
export function useWidget() {
  const h = { server: null, browser: null };
  before(async () => {
    h.server = await serve(process.env.RATECARD_DIST ?? resolve(ROOT, 'dist'));
    h.browser = await launch();
  });
  after(async () => {
    await h.browser?.close();
    await h.server?.close();
  });
  h.open = async (path = '', options = {}) => {
    const context = await h.browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 }, ...options });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const calc = new Calculator(page);
    await calc.open(h.server.url + path);
    calc.errors = errors;
    calc.context = context;
    calc.close = () => context.close();
    return calc;
  };
  return h;
}

/**
 * Asserts that the widget's total is the CLI's for the widget's own estimate, and that the page
 * had no errors where the page object records them (`calc.errors`); returns the total.
 */
export async function matchesCli(calc) {
  const estimate = await calc.estimate();
  const cli = cliQuote(estimate);
  const total = await calc.total();
  assert.equal(total.exact, cli.total, 'exact total matches ratecard quote --json');
  assert.equal(total.currency, cli.currency);
  assert.equal(digits(total.text), cli.total_rounded, `displayed ${total.text}`);
  if (calc.errors) assert.deepEqual(calc.errors, [], 'no page errors');
  return total;
}

const AXE = readFileSync(resolve(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

/** axe-core's violations on the page, open shadow roots included, as "rule: targets" lines. */
export async function axe(page) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate(async () => (await window.axe.run(document)).violations);
  return violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(' ')}`);
}
