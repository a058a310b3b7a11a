// End-to-end tests of quotes for sales: CSV, JSON and Markdown export, JSON import by paste and
// by file, and the printable quote on A4 and Letter. Every total is checked against
// `ratecard quote` on the same estimate, and the imported ones also against hand arithmetic.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

import { launch } from './browser.mjs';
import { cliLink, cliQuote, digits } from './calculator.mjs';
import { QuoteCalculator, cents, cliExport } from './quote.mjs';
import { serve } from './server.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const SHOTS = resolve(ROOT, 'screenshots');
const TOKENHUB = 'Tencent Cloud TokenHub';
let server;
let browser;

// Golden estimates with their arithmetic done by hand (tests/golden/).
// 10 x 1,000 input / 1,000 x 0.8 = 8; 10,000 output / 1,000 x 0.32 = 3.2; total 11.2 CNY.
const ERNIE = {
  version: 1,
  lines: [{ provider: 'ucloud-modelverse', model: 'ERNIE-4.5-Turbo-128K', requests: 10, input_tokens: 1000, output_tokens: 1000, free_trial: false }],
};
// 4M uncached x 4 / 1M = 16; 6M cached x 1 / 1M = 6; 0.5M output x 12 / 1M = 6; total 28 CNY.
const DEEPSEEK = {
  version: 1,
  lines: [{ provider: 'tencent-tokenhub', model: 'Deepseek-v3.1', requests: 1000, input_tokens: 10000, cached_tokens: 6000, output_tokens: 500, free_trial: false }],
};

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await serve(process.env.RATECARD_DIST ?? resolve(ROOT, 'dist'));
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** A fresh browser context (its own storage and downloads) on the widget. */
async function open(options = {}, init) {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 }, acceptDownloads: true, ...options });
  const page = await context.newPage();
  if (init) await page.addInitScript(init);
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const calc = new QuoteCalculator(page);
  await calc.open(server.url);
  calc.errors = errors;
  calc.close = () => context.close();
  return calc;
}

/** An estimate with two lines, a discount and a tier, built through the UI. */
async function build(calc) {
  await calc.fill(1, 'input_tokens', '40000');
  await calc.setFreeTrial(1, 'off');
  await calc.addLine('HY-Image-V3.0', TOKENHUB, 'Image');
  await calc.fill(2, 'images', '120');
  await calc.setDiscount('Channel', '0.9');
  return calc.estimate();
}

/** The local date `days` after today, as `YYYY-MM-DD`. */
function isoDate(days = 0) {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

describe('export', () => {
  test('Download CSV equals ratecard quote --csv on the same estimate', async () => {
    const calc = await open();
    await build(calc);
    await calc.fill(1, 'label', '客服机器人, "测试"');
    const estimate = await calc.estimate();
    const { name, text: file } = await calc.download('Download CSV');
    assert.equal(name, `ratecard-quote-${isoDate()}.csv`);
    // A UTF-8 byte-order mark, so that a spreadsheet reads the Chinese label, then the CLI export.
    assert.ok(file.startsWith('\uFEFF'), 'the file starts with a byte-order mark');
    const text = file.slice(1);
    assert.equal(text, cliExport(estimate, 'csv', ['--date', isoDate()]), 'the file is the CLI export for its date');
    const rows = text.trimEnd().split('\n');
    assert.equal(
      rows[0],
      'line,provider,model,label,item,quantity,unit,free,prepaid,billable,unit_price,price_per,tier,currency,amount,display_currency,amount_display',
    );
    const cli = cliQuote(estimate);
    // The totals close the file: the first month, the typical month and the year.
    // Amounts are written to the cent, as they are shown (the JSON export has them exact).
    const [first, typical, year] = rows.slice(-3);
    assert.ok(first.endsWith(`,"Total, first month",,,,,,,,,,,${cli.currency},${cli.total_rounded}`), first);
    assert.ok(typical.endsWith(`,${cli.currency},${cents(cli.typical_month.total)}`), typical);
    assert.ok(year.endsWith(`,"Total, 12 months",,,,,,,,,,,${cli.currency},${cents(cli.year.total)}`), year);
    for (const line of cli.lines) {
      const total = rows.find((r) => r.startsWith(`${line.line},`) && r.includes(',Line total,'));
      assert.ok(total?.endsWith(`,${cli.currency},${cents(line.total_display)}`), total);
    }
    // The quote's date comes first, in the item column.
    assert.equal(rows[1], `,,,,Date: ${isoDate()},,,,,,,,,,,,`);
    assert.ok(rows.some((r) => r.includes(',channel discount x0.9,')), 'the discount has its row');
    // GLM-5 has two input-length tiers; 40,000 input tokens per request fall in the upper one.
    assert.ok(rows[2].includes(',GLM-5,"客服机器人, ""测试""",Input tokens,'), `the label, quoted: ${rows[2]}`);
    assert.ok(rows[2].includes(',32k+,'), `the tier: ${rows[2]}`);
    assert.deepEqual(calc.errors, []);
    await calc.close();
  });

  test('Download JSON is the estimate and the breakdown ratecard quote --json gives for it', async () => {
    const calc = await open();
    const estimate = await build(calc);
    await calc.setQuoteDetails({ customer: 'ACME, Inc.', days: 14, notes: 'Net 30' });
    const { name, text } = await calc.download('Download JSON');
    assert.equal(name, `ratecard-quote-${isoDate()}.json`);
    const doc = JSON.parse(text);
    assert.deepEqual(Object.keys(doc), ['estimate', 'breakdown']);
    assert.deepEqual(doc.estimate, { ...estimate, customer: 'ACME, Inc.', notes: 'Net 30', valid_days: '14' });
    const cli = cliQuote(doc.estimate);
    assert.deepEqual(doc.breakdown, cli, 'the breakdown is the CLI breakdown');
    const total = await calc.total();
    assert.equal(doc.breakdown.total, total.exact);
    assert.equal(digits(total.text), cli.total_rounded);
    assert.deepEqual(calc.errors, []);
    await calc.close();
  });

  test('Copy Markdown puts the CLI Markdown on the clipboard', async () => {
    const calc = await open({ permissions: ['clipboard-read', 'clipboard-write'] });
    await build(calc);
    await calc.setQuoteDetails({ customer: 'ACME | Robotics', days: 21, notes: 'Valid with the signed order.' });
    const estimate = await calc.estimate();
    assert.equal(await calc.copyMarkdown(), 'Markdown copied');
    const copied = await calc.page.evaluate(() => navigator.clipboard.readText());
    assert.equal(copied, cliExport(estimate, 'markdown'));
    assert.ok(copied.includes(`**${cliQuote(estimate).total_rounded} CNY**`), copied);
    assert.ok(copied.includes('Customer: ACME | Robotics') && copied.includes('Valid for 21 days.'), copied);
    assert.deepEqual(calc.errors, []);
    await calc.close();
  });

  test('a refused clipboard shows the Markdown to copy by hand', async () => {
    const calc = await open({}, () => {
      navigator.clipboard.writeText = () => Promise.reject(new DOMException('denied', 'NotAllowedError'));
    });
    const estimate = await calc.estimate();
    assert.match(await calc.copyMarkdown(), /clipboard was refused/);
    assert.equal(await calc.page.getByTestId('markdown-fallback').inputValue(), cliExport(estimate, 'markdown'));
    await calc.close();
  });
});

describe('import', () => {
  test('a pasted export document replaces the estimate; the link and the total follow', async () => {
    const calc = await open();
    await build(calc);
    await calc.importPaste(JSON.stringify({ estimate: DEEPSEEK, breakdown: { total: 'ignored' } }, null, 2));
    const result = await calc.importResult();
    assert.equal(result.error, '');
    assert.match(result.status, /1 line\(s\) imported/);
    const total = await calc.total();
    assert.equal(total.exact, cliQuote(DEEPSEEK).total);
    assert.equal(Number(total.exact), 28, 'by hand: 16 + 6 + 6 CNY');
    assert.equal(digits(total.text), '28.00');
    assert.equal(await calc.lineCount(), 1);
    // The visitor worked in the quote section, so the link opens there (view=quote).
    await calc.page.waitForFunction((f) => location.hash.slice(1) === f, cliLink(DEEPSEEK, 'quote'));
    assert.equal(await calc.page.getByTestId('import-text').inputValue(), '', 'the box is emptied');
    assert.deepEqual(calc.errors, []);
    await calc.close();
  });

  test('pasted JSON keeps every digit of its numbers, as the CLI does', async () => {
    // As a JS number, 7.123456789012345678 would be 7.123456789012346; the text is read as written.
    const text = '{"version": 1, "currency": "USD", "usd_cny": 7.123456789012345678, "lines": '
      + '[{"provider": "tencent-tokenhub", "model": "GLM-5", "requests": 1000, "input_tokens": 1000, "free_trial": false}]}';
    const calc = await open();
    await calc.importPaste(text);
    const result = await calc.importResult();
    assert.equal(result.error, '');
    const rate = calc.page.getByRole('textbox', { name: 'USD/CNY rate' });
    assert.equal(await rate.inputValue(), '7.123456789012345678');
    const total = await calc.total();
    assert.equal(total.exact, cliQuote(text).total);
    // By hand: 1,000 requests x 1,000 input tokens = 1M tokens in tier (0, 32k] at 4 CNY per 1M,
    // so 4 CNY, which is 4 / 7.123456789012345678 = 0.5615... USD.
    assert.equal(digits(total.text), '0.56');
    assert.deepEqual(calc.errors, []);
    await calc.close();
  });

  test('a chosen JSON file (a bare estimate) replaces the estimate', async () => {
    const calc = await open();
    await calc.importFile('ernie.json', JSON.stringify(ERNIE));
    const result = await calc.importResult('ernie.json');
    assert.equal(result.error, '');
    assert.match(result.status, /^ernie\.json: 1 line/);
    const total = await calc.total();
    assert.equal(total.exact, cliQuote(ERNIE).total);
    assert.equal(Number(total.exact), 11.2, 'by hand: 8 + 3.2 CNY');
    assert.equal(digits(total.text), '11.20');
    assert.deepEqual(calc.errors, []);
    await calc.close();
  });

  test('a broken document says what is wrong and changes nothing', async () => {
    const calc = await open();
    await build(calc);
    const before = await calc.estimate();
    const total = await calc.total();
    const cases = [
      [{ version: 1, lines: [{ provider: 'tencent-tokenhub', modle: 'GLM-5', requests: 10 }] }, /line 1: modle: unknown field "modle"/],
      [{ version: 1, lines: [{ ...DEEPSEEK.lines[0], requests: '1,000x' }] }, /line 1: requests: string "1,000x", expected a number/],
      [{ estimate: DEEPSEEK, breakdown: {}, extra: true }, /extra: unknown field/],
      ['{ "version": 1,\n  "lines": [ }', /not valid JSON: .* line 2 column/],
    ];
    for (const [doc, message] of cases) {
      await calc.importPaste(typeof doc === 'string' ? doc : JSON.stringify(doc));
      const result = await calc.importResult();
      assert.match(result.error, message);
      assert.match(result.error, /^Pasted text: .*\. Nothing was changed\.$/s);
      assert.deepEqual(await calc.estimate(), before, 'the estimate is kept');
      assert.deepEqual(await calc.total(), total);
    }
    const error = calc.page.getByRole('alert').filter({ hasText: 'Nothing was changed' });
    assert.ok(await error.isVisible(), 'the message is shown as an alert');
    await calc.importFile('bad.json', JSON.stringify({ lines: [{ ...ERNIE.lines[0], input_tokens: -5 }] }));
    assert.match((await calc.importResult('bad.json')).error, /^bad\.json: line 1/);
    assert.deepEqual(await calc.estimate(), before);
    // A good import afterwards clears the message.
    await calc.importPaste(JSON.stringify(ERNIE));
    assert.equal((await calc.importResult()).error, '');
    assert.equal((await calc.total()).exact, cliQuote(ERNIE).total);
    assert.deepEqual(calc.errors, []);
    await calc.close();
  });
});

describe('printable quote', () => {
  test('print media shows only the quote, on A4 or Letter', async () => {
    const calc = await open();
    const { page } = calc;
    await build(calc);
    // A validity that is not a whole number of days is refused with a message and not stored.
    await calc.setQuoteDetails({ days: '4.5x' });
    assert.equal(await calc.validUntilNote(), 'Enter a whole number of days from 1 to 3650.');
    assert.equal(await calc.quote().getByRole('textbox', { name: 'Valid for (days)' }).getAttribute('aria-invalid'), 'true');
    await calc.fill(1, 'output_tokens', '600');
    assert.equal(await calc.quote().getByRole('textbox', { name: 'Valid for (days)' }).inputValue(), '4.5x', 'kept while other fields change');
    assert.equal((await calc.estimate()).valid_days, undefined);
    await calc.setQuoteDetails({ customer: 'ACME Robotics 北京', days: 45, notes: 'Prices exclude VAT.\nPayment within 30 days of invoice.' });
    const until = isoDate(45);
    assert.equal(await calc.validUntilNote(), `Valid until ${until}`);
    await calc.quote().screenshot({ path: resolve(SHOTS, 'quote-panel.png') });
    const estimate = await calc.estimate();
    const cli = cliQuote(estimate);

    await page.emulateMedia({ media: 'print' });
    // The document is written when print media becomes active.
    await page.getByTestId('print-customer').waitFor();
    await page.screenshot({ path: resolve(SHOTS, 'quote-print.png'), fullPage: true });
    const doc = page.getByTestId('print-document');
    assert.ok(await doc.isVisible());
    assert.equal((await page.getByTestId('print-customer').textContent()).trim(), 'ACME Robotics 北京');
    assert.equal((await page.getByTestId('print-valid-until').textContent()).trim(), `${until} (45 days)`);
    assert.equal(digits(await page.getByTestId('print-total').textContent()), cli.total_rounded);
    assert.ok((await doc.textContent()).includes('Payment within 30 days of invoice.'));
    assert.equal(await page.locator('button:visible, input:visible, select:visible, textarea:visible').count(), 0, 'no UI chrome in print');
    assert.equal(await page.getByTestId('chart').isVisible(), false);
    const a4 = await page.pdf({ path: resolve(SHOTS, 'quote-a4.pdf'), format: 'A4', preferCSSPageSize: true });
    assert.match(a4.toString('latin1'), /\/MediaBox \[0 0 59[45]\.\d+ 84[12]\.\d+\]/, 'A4 pages');

    await page.emulateMedia({ media: 'screen' });
    await calc.setQuoteDetails({ letter: true });
    await page.emulateMedia({ media: 'print' });
    const letter = await page.pdf({ path: resolve(SHOTS, 'quote-letter.pdf'), format: 'Letter', preferCSSPageSize: true });
    assert.match(letter.toString('latin1'), /\/MediaBox \[0 0 612 792\]/, 'Letter pages');
    await page.emulateMedia({ media: 'screen' });
    assert.equal(await doc.isVisible(), false, 'hidden on screen');
    // A line that cannot be priced is named on the printed quote, not silently dropped.
    await calc.fill(1, 'input_tokens', 'lots');
    await page.emulateMedia({ media: 'print' });
    await page.getByText('Left out of the total: line 1').waitFor();
    await page.emulateMedia({ media: 'screen' });
    assert.deepEqual(calc.errors, []);
    await calc.close();
  });

  test('"Print quote" writes the document, then opens the print dialog', async () => {
    // window.print is replaced by a counter, so no beforeprint event writes the document for it.
    const calc = await open({}, () => {
      window.print = () => {
        window.printed = (window.printed ?? 0) + 1;
      };
    });
    await calc.setQuoteDetails({ customer: 'Print Button Co' });
    await calc.quote().getByRole('button', { name: 'Print quote' }).click();
    assert.equal(await calc.page.evaluate(() => window.printed), 1);
    assert.equal((await calc.page.getByTestId('print-customer').textContent()).trim(), 'Print Button Co');
    assert.equal(digits(await calc.page.getByTestId('print-total').textContent()), cliQuote(await calc.estimate()).total_rounded);
    assert.deepEqual(calc.errors, []);
    await calc.close();
  });

  test('the quote section speaks Chinese', async () => {
    const calc = await open({ locale: 'zh-CN' });
    const q = calc.quote();
    assert.ok(await q.getByRole('heading', { name: '报价单', exact: true }).isVisible());
    for (const name of ['下载 CSV', '下载 JSON', '复制 Markdown', '打印报价单']) {
      assert.ok(await q.getByRole('button', { name }).isVisible(), name);
    }
    assert.match((await calc.page.getByTestId('quote-valid-until').textContent()).trim(), /^有效期至 \d{4}-\d{2}-\d{2}$/);
    await calc.close();
  });
});
