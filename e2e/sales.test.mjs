// End-to-end tests of issue 13's salesperson: a customer with 30,000 images a year on Tencent HY
// Image Global (seed 002: all-units volume tiers and prepaid packages) and 2M GLM-5 requests a
// month (seed 000), at channel discount 0.9, in CNY. Package counts per size, "Cheapest way to
// buy" with the estimate's discount, the first month / typical month / year totals, the printed
// quote with the seller's name, the CSV, and named estimates saved in this browser. Every total
// is checked against `ratecard quote --json` and, where stated, against hand arithmetic.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

import { CLI, cliLink, cliQuote, digits } from './calculator.mjs';
import { EmbeddedCalculator } from './embedded.mjs';
import { ROOT, matchesCli, useWidget } from './harness.mjs';
import { QuoteCalculator, cliExport } from './quote.mjs';

const SHOTS = resolve(ROOT, 'screenshots');
mkdirSync(SHOTS, { recursive: true });
const h = useWidget();
const IMAGE = 'Image Style Transfer';
const HY = 'Tencent HY Image Global';

// The customer's estimate: 2,500 images a month (30,000 a year) and 2M GLM-5 requests of 1,000
// input and 200 output tokens, trials off, channel 0.9, in CNY.
const SCENARIO = {
  version: 1,
  currency: 'CNY',
  discounts: { channel: '0.9' },
  lines: [
    { provider: 'hunyuan-image-global', model: IMAGE, images: '2500', free_trial: false },
    { provider: 'tencent-tokenhub', model: 'GLM-5', requests: '2000000', input_tokens: '1000', output_tokens: '200', free_trial: false },
  ],
};

/** Opens `estimate` by its link (`ratecard link`), as a salesperson's prepared link would. */
async function openEstimate(estimate, options) {
  const calc = await h.open(`#${cliLink(estimate)}`, options);
  const quote = new QuoteCalculator(calc.page);
  Object.assign(quote, { errors: calc.errors, close: calc.close, context: calc.context });
  return quote;
}

function count(calc, line, size) {
  return calc.line(line).getByTestId(`package-count-${size}`);
}

/** The local date `days` after today, as `YYYY-MM-DD`. */
function isoDate(days = 0) {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

describe('packages', () => {
  test('a link with pkg=10000x3 shows 3 of the 10,000 size and bills 3', async () => {
    const estimate = structuredClone(SCENARIO);
    estimate.lines[0].packages = [{ size: '10000', count: '3' }];
    const calc = await openEstimate(estimate);
    assert.match(cliLink(estimate), /pkg=10000x3/);
    assert.equal(await count(calc, 1, 10000).inputValue(), '3');
    for (const size of [1000, 100000, 1000000, 10000000]) assert.equal(await count(calc, 1, size).inputValue(), '');
    assert.deepEqual((await calc.estimate()).lines[0].packages, [{ size: '10000', count: '3' }]);
    // Billed: 3 x 550 USD = 1,650 USD = 12,045 CNY (packages are prepaid: no discount).
    const line = calc.page.getByTestId('breakdown-line').first();
    assert.equal(Number(await line.getByTestId('breakdown-line-total').getAttribute('data-exact')), 12045);
    assert.match(await line.textContent(), /Prepaid packages of 10,000valid 365 days; 30,000 units added to the prepaid balance3 packages\$550\.00/);
    await matchesCli(calc);
    await calc.close();
  });

  test('a count for each size, typed; one package reads "1 package"', async () => {
    const calc = await openEstimate(SCENARIO);
    await count(calc, 1, 10000).fill('2');
    await count(calc, 1, 1000).fill('1');
    assert.deepEqual((await calc.estimate()).lines[0].packages, [{ size: '10000', count: '2' }, { size: '1000', count: '1' }]);
    // 2 x 550 + 75 = 1,175 USD = 8,577.50 CNY.
    const line = calc.page.getByTestId('breakdown-line').first();
    assert.equal(Number(await line.getByTestId('breakdown-line-total').getAttribute('data-exact')), 8577.5);
    assert.match(await line.textContent(), /balance1 package\$75\.00/);
    await matchesCli(calc);
    // Text that is not a number is named, and buys none of that size.
    await count(calc, 1, 1000).fill('one');
    await calc.line(1).getByTestId('packages').getByText('"one" is not a number').waitFor();
    assert.deepEqual((await calc.estimate()).lines[0].packages, [{ size: '10000', count: '2' }]);
    await count(calc, 1, 10000).fill('');
    await count(calc, 1, 1000).fill('');
    assert.equal((await calc.estimate()).lines[0].packages, undefined);
    await matchesCli(calc);
    await calc.close();
  });

  test('"Cheapest way to buy" plans with the discount, says the saving and the break-even, and applies', async () => {
    const calc = await openEstimate(SCENARIO);
    const line = calc.line(1);
    await line.getByRole('button', { name: 'Cheapest way to buy' }).click();
    const result = line.getByTestId('plan-result');
    await result.waitFor();
    const text = (await result.textContent()).replace(/\s+/g, ' ');
    // Seed 002, 30,000 images a year: post-paid 2,500 a month x 0.08 USD x 12 = 2,400 USD, x 0.9 =
    // 2,160 USD; three 10,000 packages = 1,650 USD, saving 510 USD. One 10,000 package (550 USD)
    // pays off above 550 / (0.08 x 0.9) = 7,638.9, so above 7,638 images a year.
    assert.match(text, /Cheapest for 30,000 images a year: 3 × 10,000 packages = \$1,650\.00\./);
    assert.match(text, /\$1,650\.00 a year against \$2,160\.00 all post-paid \(after discounts\): saves \$510\.00\./);
    assert.match(text, /Packages of 10,000 pay off above 7,638 images a year\./);
    // The CLI's plan, with the same discount, says the same.
    const plan = JSON.parse(execFileSync(CLI, ['plan', '--provider', 'hunyuan-image-global', '--model', IMAGE, '--yearly', '30000', '--channel', '0.9', '--json'], { encoding: 'utf8' }));
    assert.deepEqual(plan.packages.map((p) => [p.size, p.count]), [[10000, 3]]);
    assert.equal(Number(plan.saving), 510);
    // In Chinese too.
    await calc.page.getByRole('radio', { name: '中文' }).check();
    const zh = (await result.textContent()).replace(/\s+/g, ' ');
    assert.match(zh, /每年 30,000 张最省的买法：资源包 3 × 10,000 = (US)?\$1,650\.00/);
    assert.match(zh, /节省 (US)?\$510\.00/);
    assert.match(zh, /10,000 资源包在每年超过 7,638 张时更省/);
    await calc.page.getByRole('radio', { name: 'EN' }).check();
    await calc.page.setViewportSize({ width: 1280, height: 900 });
    await line.getByTestId('packages').screenshot({ path: resolve(SHOTS, 'sales-plan-desktop.png') });
    await line.getByRole('button', { name: 'Apply: set these package counts' }).click();
    assert.equal(await count(calc, 1, 10000).inputValue(), '3');
    assert.deepEqual((await calc.estimate()).lines[0].packages, [{ size: '10000', count: '3' }]);
    await matchesCli(calc);
    await calc.close();
  });

  test('the packages panel on a phone, light and dark', async () => {
    for (const colorScheme of ['light', 'dark']) {
      const calc = await openEstimate(SCENARIO, { viewport: { width: 390, height: 844 }, colorScheme, isMobile: true });
      const line = calc.line(1);
      await line.getByRole('button', { name: 'Cheapest way to buy' }).click();
      await line.getByTestId('plan-result').waitFor();
      await line.getByTestId('packages').screenshot({ path: resolve(SHOTS, `sales-plan-phone-${colorScheme}.png`) });
      if (colorScheme === 'dark') {
        await calc.page.setViewportSize({ width: 1280, height: 900 });
        await line.getByTestId('packages').screenshot({ path: resolve(SHOTS, 'sales-plan-desktop-dark.png') });
      }
      assert.deepEqual(calc.errors, []);
      await calc.close();
    }
  });
});

describe('totals', () => {
  test('first month, typical month and year: "per month" holds no one-off package', async () => {
    const estimate = structuredClone(SCENARIO);
    estimate.lines[0].packages = [{ size: '10000', count: '3' }];
    const calc = await openEstimate(estimate);
    const cli = cliQuote(await calc.estimate());
    await matchesCli(calc);
    const totals = calc.page.locator('.rc-totals');
    const text = (await totals.innerText()).replace(/\s+/g, ' ');
    assert.doesNotMatch(text, /per month/i);
    assert.match(text, /First month with one-off packages ¥25,725\.00/i);
    assert.match(text, /Typical month from month 13 on ¥14,994\.00/i);
    assert.match(text, /12 months ¥176,205\.00/i);
    // First month: 12,045 (the packages) + 13,680 (GLM-5: 2M x 1,000 x 4 / 1M + 2M x 200 x 18 / 1M
    // = 15,200, x 0.9) = 25,725 CNY. Month 13 (the 30,000 images are used up): 2,500 x 0.08 x 0.9
    // = 180 USD = 1,314 CNY, + 13,680 = 14,994 CNY. Year: 25,725 + 11 x 13,680 = 176,205 CNY.
    assert.equal(Number(cli.total), 25725);
    assert.equal(await calc.page.getByTestId('total-typical').getAttribute('data-exact'), cli.typical_month.total);
    assert.equal(Number(cli.typical_month.total), 14994);
    assert.equal(await calc.page.getByTestId('total-year').getAttribute('data-exact'), cli.year.total);
    assert.equal(Number(cli.year.total), 176205);
    await calc.close();
  });
});

describe('printed quote and CSV', () => {
  test('the printed quote carries the seller typed in, reads "1 package" and whole numbers, in English and Chinese', async () => {
    const estimate = structuredClone(SCENARIO);
    estimate.lines[0].packages = [{ size: '10000', count: '1' }, { size: '1000', count: '2' }];
    // A line with the GLM-5 trial: its 1M free tokens are shared by input and output, 2,000 : 700,
    // so the input's free part is 740,740.74... tokens, which prints whole.
    estimate.lines.push({ provider: 'tencent-tokenhub', model: 'GLM-5', requests: '1000', input_tokens: '2000', output_tokens: '700' });
    const calc = await openEstimate(estimate);
    const q = calc.quote();
    await q.getByRole('textbox', { name: 'Seller', exact: true }).fill('Northwind <Cloud> & Co');
    await q.getByRole('textbox', { name: /Seller's logo/ }).fill('javascript:alert(1)');
    await q.getByText('A logo is an http(s) or relative URL.').waitFor();
    await q.getByRole('textbox', { name: /Seller's logo/ }).fill('../favicon.svg');
    await calc.setQuoteDetails({ customer: 'ACME' });
    await calc.page.emulateMedia({ media: 'print' });
    await calc.page.getByTestId('print-customer').waitFor();
    const doc = calc.page.getByTestId('print-document');
    assert.equal((await doc.getByTestId('print-seller').textContent()).trim(), 'Northwind <Cloud> & Co');
    assert.equal(await doc.getByTestId('print-logo').getAttribute('alt'), 'Northwind <Cloud> & Co');
    assert.equal(await doc.getByTestId('print-logo').getAttribute('src'), '../favicon.svg');
    const text = (await doc.innerText()).replace(/\s+/g, ' ');
    assert.doesNotMatch(text, /Ratecard/i);
    assert.match(text, /Prepaid packages of 10,000 1 package /);
    assert.match(text, /Prepaid packages of 1,000 2 packages /);
    // 2,000,000 input tokens, 740,741 of them free (1M x 2,000 / 2,700 = 740,740.74...).
    assert.match(text, /740,741 free/);
    assert.doesNotMatch(text, /\d\.\d{3,}/, 'no quantity with a long fraction');
    const cli = cliQuote(await calc.estimate());
    assert.equal(digits(await doc.getByTestId('print-total').textContent()), cli.total_rounded);
    assert.equal(await doc.getByTestId('print-total-typical').count(), 1);
    assert.equal(await doc.getByTestId('print-total-year').count(), 1);
    // The screenshots without the logo, which this server does not have.
    await calc.page.emulateMedia({ media: 'screen' });
    await q.getByRole('textbox', { name: /Seller's logo/ }).fill('');
    await calc.page.emulateMedia({ media: 'print' });
    await calc.page.screenshot({ path: resolve(SHOTS, 'sales-print-en.png'), fullPage: true });
    await calc.page.emulateMedia({ media: 'screen' });
    await calc.page.getByRole('radio', { name: '中文' }).check();
    await calc.page.emulateMedia({ media: 'print' });
    await doc.getByText('预付费资源包 10,000').waitFor();
    const zh = (await doc.innerText()).replace(/\s+/g, ' ');
    assert.match(zh, /预付费资源包 10,000 1 个/);
    assert.equal((await doc.getByTestId('print-seller').textContent()).trim(), 'Northwind <Cloud> & Co');
    await calc.page.screenshot({ path: resolve(SHOTS, 'sales-print-zh.png'), fullPage: true });
    assert.deepEqual(calc.errors, []);
    await calc.close();
  });

  test('a host gives the seller and logo as attributes; an unsafe logo URL is not drawn', async () => {
    const context = await h.browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${h.server.url}examples/pricing.html`);
    await page.evaluate(() => {
      const el = document.querySelector('#plan-calculator');
      el.setAttribute('seller', 'Inkwell Sales');
      el.setAttribute('seller-logo', 'javascript:alert(1)');
    });
    const themed = new EmbeddedCalculator(page, '#plan-calculator');
    await themed.ready();
    await themed.page.getByTestId('quote-seller').waitFor();
    assert.equal(await themed.page.getByTestId('quote-seller').inputValue(), 'Inkwell Sales');
    await page.emulateMedia({ media: 'print' });
    const seller = themed.page.getByTestId('print-seller');
    await seller.waitFor({ state: 'attached' });
    assert.equal((await seller.textContent()).trim(), 'Inkwell Sales');
    assert.equal(await themed.page.getByTestId('print-logo').count(), 0, 'a javascript: URL is never a logo');
    // An embedded instance keeps no estimates of its own in the host's storage.
    assert.equal(await themed.page.getByTestId('saved').count(), 0);
    assert.deepEqual(await page.evaluate(() => Object.keys(localStorage)), []);
    await context.close();
  });

  test('Download CSV has the customer, date, validity, typical month and year, to the cent', async () => {
    const estimate = structuredClone(SCENARIO);
    estimate.lines[0].packages = [{ size: '10000', count: '3' }];
    // In USD, GLM-5's 13,680 CNY is 1,873.9726... USD: the CSV writes 1873.97.
    estimate.currency = 'USD';
    const calc = await openEstimate(estimate);
    await calc.setQuoteDetails({ customer: 'ACME, Inc.', days: 30 });
    const { text: file } = await calc.download('Download CSV');
    const text = file.slice(1);
    const today = isoDate();
    assert.equal(text, cliExport(await calc.estimate(), 'csv', ['--date', today]), 'the CLI export for that date');
    const rows = text.trimEnd().split('\n');
    assert.equal(rows[1], ',,,,"Customer: ACME, Inc.",,,,,,,,,,,,');
    assert.equal(rows[2], `,,,,Date: ${today},,,,,,,,,,,,`);
    assert.equal(rows[3], `,,,,Valid until: ${isoDate(30)} (30 days),,,,,,,,,,,,`);
    assert.ok(rows.some((r) => r.includes(',GLM-5,') && r.endsWith(',CNY,13680.00,USD,1873.97')), text);
    const cli = cliQuote(await calc.estimate());
    const [first, typical, year] = rows.slice(-3);
    // Two places: 25,725 CNY / 7.3 = 3,523.972602... USD.
    assert.equal(first, `,,,,"Total, first month",,,,,,,,,,,USD,${cli.total_rounded}`);
    assert.equal(cli.total_rounded, '3523.97');
    assert.match(typical, /^,,,,"Total, typical month \(month 13\)",,,,,,,,,,,USD,\d+\.\d\d$/);
    assert.match(year, /^,,,,"Total, 12 months",,,,,,,,,,,USD,\d+\.\d\d$/);
    assert.doesNotMatch(text, /\.\d{3,}(,|$)/m, 'no amount past the cent');
    assert.deepEqual(calc.errors, []);
    await calc.close();
  });
});

describe('saved estimates', () => {
  test('several named estimates are saved, opened and deleted; a broken one is set aside; Reset asks and clears only the open one', async () => {
    const calc = await openEstimate(SCENARIO);
    const page = calc.page;
    const saved = page.getByTestId('saved');
    await saved.getByRole('textbox', { name: 'Name' }).fill('ACME images');
    await saved.getByRole('button', { name: 'Save estimate' }).click();
    await saved.getByTestId('saved-status').getByText('Saved “ACME images”').waitFor();
    const acme = await calc.estimate();
    await calc.fill(2, 'requests', '1000');
    await saved.getByRole('textbox', { name: 'Name' }).fill('Globex');
    await saved.getByRole('button', { name: 'Save estimate' }).click();
    assert.deepEqual(await saved.getByTestId('saved-item').locator('.rc-saved__name').allTextContents(), ['ACME images', 'Globex']);
    const keys = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('ratecard:saved:')).sort());
    assert.deepEqual(keys, ['ratecard:saved:ACME images', 'ratecard:saved:Globex']);

    // Saving a different estimate under a name already taken asks first; "No" keeps the old one.
    const globex = await page.evaluate(() => localStorage.getItem('ratecard:saved:Globex'));
    await saved.getByRole('textbox', { name: 'Name' }).fill('ACME images');
    await saved.getByRole('button', { name: 'Save estimate' }).click();
    await saved.getByTestId('saved-confirm').getByText('Replace the saved “ACME images”?').waitFor();
    await saved.getByRole('button', { name: 'No' }).click();
    assert.equal(await saved.getByTestId('saved-confirm').count(), 0);
    assert.notEqual(await page.evaluate(() => localStorage.getItem('ratecard:saved:ACME images')), globex);

    await saved.getByRole('button', { name: 'Open ACME images' }).click();
    assert.deepEqual(await calc.estimate(), acme);
    await matchesCli(calc);
    // Saving the same estimate again under its own name needs no question.
    await saved.getByRole('button', { name: 'Save estimate' }).click();
    assert.equal(await saved.getByTestId('saved-confirm').count(), 0);
    // Deleting asks too.
    await saved.getByRole('button', { name: 'Delete Globex' }).click();
    await saved.getByTestId('saved-confirm').getByText('Delete “Globex”?').waitFor();
    await saved.getByRole('button', { name: 'Yes, delete' }).click();
    assert.deepEqual(await saved.getByTestId('saved-item').locator('.rc-saved__name').allTextContents(), ['ACME images']);

    // A broken entry: set aside with a message, never a panic.
    await page.evaluate(() => localStorage.setItem('ratecard:saved:Broken', 'zz=1&qq'));
    await page.reload();
    await page.getByTestId('total').waitFor();
    await saved.getByRole('button', { name: 'Open Broken' }).click();
    await saved.getByTestId('saved-status').getByText('“Broken” could not be opened, so it was set aside').waitFor();
    assert.equal(await page.evaluate(() => localStorage.getItem('ratecard:saved-broken:Broken')), 'zz=1&qq');
    assert.equal(await page.evaluate(() => localStorage.getItem('ratecard:saved:Broken')), null);

    // Reset asks first; No keeps the estimate, Yes resets only the open one.
    const before = await calc.estimate();
    await page.getByRole('button', { name: 'Reset', exact: true }).click();
    await page.getByRole('group', { name: 'Reset this estimate?' }).waitFor();
    await page.getByRole('button', { name: 'No', exact: true }).click();
    assert.deepEqual(await calc.estimate(), before);
    await calc.reset();
    assert.equal((await calc.estimate()).lines.length, 1);
    assert.equal((await calc.estimate()).lines[0].model, 'GLM-5');
    assert.deepEqual(await saved.getByTestId('saved-item').locator('.rc-saved__name').allTextContents(), ['ACME images']);
    assert.ok(await page.evaluate(() => localStorage.getItem('ratecard:saved:ACME images')));
    assert.deepEqual(calc.errors, []);
    await calc.close();
  });
});
