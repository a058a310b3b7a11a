// End-to-end tests of host catalogs: a host's own rate card by URL (`?catalog=URL` on the page),
// good, broken and unreachable. A good card prices the estimate (checked against
// `ratecard quote --json --catalog` on the same card); a bad one is reported plainly and the
// embedded catalog stays in use.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { Calculator, cliLink, cliQuote, digits } from './calculator.mjs';
import { EmbeddedCalculator } from './embedded.mjs';
import { ROOT, useWidget } from './harness.mjs';

const SHOTS = resolve(ROOT, 'screenshots');
const GOOD = resolve(ROOT, 'e2e/fixtures/host-card.json');
const BROKEN = resolve(ROOT, 'e2e/fixtures/broken-card.json');
const widget = useWidget();

/** Opens the page with `?catalog=` pointing at a host card served by the test (or at nothing). */
async function openWith(cardFile, fragment = '', { blockTools = false } = {}) {
  const context = await widget.browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const url = `${widget.server.url}cards/host.json`;
  await page.route('**/cards/host.json', (route) =>
    cardFile
      ? route.fulfill({ status: 200, contentType: 'application/json', body: readFileSync(cardFile, 'utf8') })
      : route.fulfill({ status: 404, body: 'not found' }),
  );
  // Host cards are checked by the JS API bundle, loaded on demand; a network that refuses it.
  if (blockTools) await page.route('**/ratecard-api.js', (route) => route.abort('internetdisconnected'));
  const calc = new Calculator(page);
  await calc.open(`${widget.server.url}?catalog=${encodeURIComponent(url)}${fragment}`);
  calc.errors = errors;
  calc.url = url;
  calc.close = () => context.close();
  return calc;
}

async function catalogProblems(calc) {
  const alert = calc.page.getByTestId('catalog-problems');
  if (!(await alert.isVisible())) return [];
  return (await alert.getByRole('listitem').allTextContents()).map((t) => t.trim());
}

async function pricedWith(calc) {
  return (await calc.page.getByTestId('priced-with').getByRole('listitem').allTextContents()).map((t) => t.trim());
}

describe('host catalogs', () => {
  test('a good host card by URL prices its models, and says so', async () => {
    const calc = await openWith(GOOD, '#p=acme-ai&m=Acme-1&rq=1000&in=2000&out=500');
    assert.deepEqual(await catalogProblems(calc), []);
    assert.deepEqual(await calc.linkProblems(), []);
    const estimate = await calc.estimate();
    const cli = cliQuote(estimate, GOOD);
    const total = await calc.total();
    // By hand: 1,000 requests x 2,000 input tokens = 2M x 1.5 USD/1M = 3.00; 500k output x 6/1M
    // = 3.00; 6.00 USD in all.
    assert.equal(cli.total_rounded, '6.00');
    assert.equal(total.exact, cli.total);
    assert.equal(total.currency, 'USD');
    assert.equal(digits(total.text), '6.00');
    const priced = await pricedWith(calc);
    assert.equal(priced.length, 1);
    assert.match(priced[0], /Acme AI \(host catalog test card\)/);
    assert.match(priced[0], /2026-11-01/);
    assert.ok(priced[0].includes(`host catalog ${calc.url}`), priced[0]);
    // The page's link names the catalog version of the embedded cards with the host's, as the CLI
    // does with the same card, so a link opened after the host changes a price says so.
    const cat = (fragment) => new URLSearchParams(fragment).get('cat');
    assert.equal(cat(await calc.fragment()), cat(cliLink(estimate, undefined, GOOD)));
    assert.notEqual(cat(await calc.fragment()), cat(cliLink({ lines: [] })));

    // The host card's models are in the picker beside the embedded ones.
    await calc.addLine('Acme-Draw', 'Acme AI (host catalog test card)', 'Image');
    await calc.fill(2, 'images', '250');
    const two = await calc.estimate();
    const cli2 = cliQuote(two, GOOD);
    // 250 images x 0.04 USD = 10.00 USD more: 16.00.
    assert.equal(cli2.total_rounded, '16.00');
    assert.equal((await calc.total()).exact, cli2.total);
    // From the top: scrolled, the sticky totals would be drawn over the breakdown.
    await calc.page.evaluate(() => window.scrollTo(0, 0));
    await calc.page.screenshot({ path: resolve(SHOTS, 'host-good.png'), fullPage: true });
    assert.deepEqual(calc.errors, []);
    await calc.close();
  });

  test('a broken host card is reported by file, model and field, and the embedded catalog prices', async () => {
    const calc = await openWith(BROKEN);
    const problems = await catalogProblems(calc);
    assert.equal(problems.length, 1, problems.join('\n'));
    // The widget names the file (the URL), the model and the unknown field.
    assert.match(problems[0], /model "Acme-1": .*unknown field "colour"/);
    assert.ok(problems[0].startsWith(calc.url), problems[0]);
    const alert = await calc.page.getByTestId('catalog-problems').textContent();
    assert.match(alert, /could not be used, so prices use the embedded catalog/);
    // The default estimate still prices with the embedded card.
    const estimate = await calc.estimate();
    assert.equal(estimate.lines[0].provider, 'tencent-tokenhub');
    const cli = cliQuote(estimate);
    assert.equal((await calc.total()).exact, cli.total);
    const priced = await pricedWith(calc);
    assert.match(priced[0], /Tencent Cloud TokenHub · prices as of 2026-04-03 · embedded/);
    await calc.page.screenshot({ path: resolve(SHOTS, 'host-broken.png'), fullPage: true });
    assert.deepEqual(calc.errors, []);
    await calc.close();
  });

  test('an unreachable host catalog names its URL and HTTP status', async () => {
    const calc = await openWith(null);
    const problems = await catalogProblems(calc);
    assert.equal(problems.length, 1);
    assert.ok(problems[0].startsWith(`${calc.url}: HTTP 404`), problems[0]);
    assert.equal((await calc.total()).exact, cliQuote(await calc.estimate()).total);
    await calc.close();
  });

  test('when the checking tools cannot load, the host catalog says why and the embedded one prices', async () => {
    const calc = await openWith(GOOD, '', { blockTools: true });
    const problems = await catalogProblems(calc);
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(problems[0], /^ratecard-api\.js could not be loaded \(/);
    assert.equal((await calc.estimate()).lines[0].provider, 'tencent-tokenhub');
    assert.equal((await calc.total()).exact, cliQuote(await calc.estimate()).total);
    assert.deepEqual(calc.errors, []);
    await calc.close();
  });

  test('an embedded element takes a host card inline or by URL, and names a broken one', async () => {
    const context = await widget.browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const card = readFileSync(GOOD, 'utf8');
    await page.route('**/cards/broken.json', (r) =>
      r.fulfill({ status: 200, contentType: 'application/json', body: readFileSync(BROKEN, 'utf8') }),
    );
    await page.route('**/host-page.html', (r) =>
      r.fulfill({
        status: 200,
        contentType: 'text/html',
        body: `<!doctype html><html><body>
          <script type="module" src="/ratecard-embed.js"></script>
          <ratecard-calculator id="inline" locale="en" lines="p=acme-ai&m=Acme-1&rq=1000&in=2000&out=500">
            <script type="application/json">${card}</script>
          </ratecard-calculator>
          <ratecard-calculator id="broken" locale="en" catalog="/cards/broken.json"></ratecard-calculator>
        </body></html>`,
      }),
    );
    await page.goto(`${widget.server.url}host-page.html`);
    const inline = new EmbeddedCalculator(page, '#inline');
    await inline.ready();
    const estimate = await inline.estimate();
    assert.equal(estimate.lines[0].provider, 'acme-ai');
    const cli = cliQuote(estimate, GOOD);
    assert.equal(cli.total_rounded, '6.00');
    assert.equal((await inline.total()).exact, cli.total);
    const priced = (await inline.page.getByTestId('priced-with').getByRole('listitem').allTextContents()).join(' ');
    assert.match(priced, /Acme AI \(host catalog test card\) · prices as of 2026-11-01 · host catalog inline catalog/);

    const broken = new EmbeddedCalculator(page, '#broken');
    await broken.ready();
    const problems = await broken.page.getByTestId('catalog-problems').getByRole('listitem').allTextContents();
    assert.equal(problems.length, 1);
    assert.match(problems[0], /broken\.json: model "Acme-1": .*unknown field "colour"/);
    assert.equal((await broken.total()).exact, cliQuote(await broken.estimate()).total);
    await page.screenshot({ path: resolve(SHOTS, 'host-embedded.png'), fullPage: true });
    assert.deepEqual(errors, []);
    await context.close();
  });
});
