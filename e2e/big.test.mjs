// Big estimates: a 1,000-line link opens and prices as the CLI does, a link over the line limit is
// refused with the limit named (never a blank page), and a saved estimate that cannot be opened is
// set aside with a message, leaving the page working.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { cliLink, cliQuote, manyLines } from './calculator.mjs';
import { useWidget } from './harness.mjs';

const h = useWidget();
const open = (...args) => h.open(...args);

/** A link fragment of `n` lines, as `ratecard link` writes it (without the `#`). */
const linkOf = (n) => cliLink(manyLines(n));

/** An init script: seeds localStorage with `items` once (not again on a reload). */
function seed(page, items) {
  return page.addInitScript((items) => {
    if (sessionStorage.getItem('seeded')) return;
    sessionStorage.setItem('seeded', '1');
    for (const [k, v] of Object.entries(items)) localStorage.setItem(k, v);
  }, items);
}

describe('big estimates', () => {
  test('a 1,000-line link opens, and its total is the CLI\'s', async () => {
    const estimate = manyLines(1000);
    const calc = await open(`#${cliLink(estimate)}`);
    assert.deepEqual(await calc.linkProblems(), []);
    const cli = cliQuote(estimate);
    const total = await calc.total();
    assert.equal(total.exact, cli.total, 'exact total matches ratecard quote --json');
    assert.equal(total.currency, cli.currency);
    assert.equal((await calc.estimate()).lines.length, 1000);
    assert.equal((await calc.page.getByTestId('line-count').textContent()).trim(), '1000 lines');
    // The first lines are drawn; the rest are one click away, and the totals cover them all.
    assert.equal(await calc.lineCount(), 100);
    await calc.page.getByTestId('show-more-lines').click();
    await calc.line(200).waitFor();
    assert.equal(await calc.lineCount(), 200);
    assert.equal((await calc.total()).exact, cli.total);
    assert.deepEqual(calc.errors, [], 'no page errors');
    await calc.close();
  });

  test('a 10,000-line link is refused with the line limit named, and the page works', async () => {
    const calc = await open(`#${linkOf(10000)}`);
    const problems = await calc.linkProblems();
    assert.equal(problems.length, 1);
    assert.match(problems[0], /has 10000 lines; this calculator opens at most 5000/);
    assert.equal(await calc.lineCount(), 1, 'the default line is shown');
    await calc.fill(1, 'requests', '2000');
    const estimate = await calc.estimate();
    assert.equal((await calc.total()).exact, cliQuote(estimate).total);
    assert.deepEqual(calc.errors, [], 'no page errors');
    await calc.close();
  });

  test('a saved estimate that stopped the last load is set aside with a message', async () => {
    const saved = cliLink(manyLines(3));
    const context = await h.browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // The marker of a load that never finished, as a trap half-way through the last one leaves it.
    await seed(page, { 'ratecard:estimate': saved, 'ratecard:estimate:loading': '1' });
    await page.goto(h.server.url);
    await page.getByTestId('total').waitFor();
    const alert = page.getByTestId('link-problems');
    await alert.waitFor();
    assert.match(await alert.textContent(), /set aside \(in this browser's storage as ratecard:estimate:broken\)/);
    assert.equal(await page.getByTestId('line').count(), 1, 'the default line is shown');
    const stored = await page.evaluate(() => ({
      broken: localStorage.getItem('ratecard:estimate:broken'),
      loading: localStorage.getItem('ratecard:estimate:loading'),
    }));
    assert.deepEqual(stored, { broken: saved, loading: null });
    // The page works: an edit is priced, and a reload opens it without a message.
    await page.getByTestId('line').first().getByTestId('field-requests').fill('4321');
    await page.waitForFunction(() => localStorage.getItem('ratecard:estimate')?.includes('rq=4321'));
    await page.reload();
    await page.getByTestId('total').waitFor();
    assert.equal(await alert.isVisible(), false);
    assert.equal(await page.getByTestId('line').first().getByTestId('field-requests').inputValue(), '4321');
    assert.deepEqual(errors, [], 'no page errors');
    await context.close();
  });

  test('a saved estimate over the line limit is set aside, and Reset is reachable', async () => {
    const context = await h.browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await seed(page, { 'ratecard:estimate': linkOf(10000) });
    await page.goto(h.server.url);
    await page.getByTestId('total').waitFor();
    const text = await page.getByTestId('link-problems').textContent();
    assert.match(text, /opens at most 5000/);
    assert.match(text, /could not be opened, so it was set aside/);
    assert.ok((await page.evaluate(() => localStorage.getItem('ratecard:estimate:broken')))?.length > 100_000);
    await page.getByRole('button', { name: 'Reset', exact: true }).click();
    await page.getByRole('button', { name: 'Yes, reset', exact: true }).click();
    await page.getByTestId('share-status').getByText('Estimate reset').waitFor();
    assert.deepEqual(errors, [], 'no page errors');
    await context.close();
  });
});
