// Hostile input in the browser: script payloads in every place a string from a link, an import,
// a host card or storage is shown must stay text (no script runs, the payload reads as typed),
// a host card with 10,000 models is refused with the limit named, and garbage in every
// localStorage key the widget uses leaves a working page with its total, never a blank one.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';

import { Calculator, cliLink, cliQuote } from './calculator.mjs';
import { ROOT, matchesCli, useWidget } from './harness.mjs';
import { QuoteCalculator } from './quote.mjs';

const SHOTS = resolve(ROOT, 'screenshots');
const h = useWidget();

/**
 * Each payload, if it ever became markup or script, would add one to `window.__xss`: an
 * attribute handler, a script element, a markup break-out, a `javascript:` URL, and text that
 * looks like a template or an entity.
 */
const PAYLOADS = [
  '<img src=x onerror="window.__xss=(window.__xss||0)+1">',
  '<script>window.__xss=(window.__xss||0)+1</script>',
  '"><svg onload="window.__xss=(window.__xss||0)+1"><b x="',
  'javascript:window.__xss=(window.__xss||0)+1',
  '{{7*7}} ${window.__xss=1} &lt;b&gt; &amp;',
];
const ALL = PAYLOADS.join(' ');

/** Fails if any payload ran, or if the page added an element a payload names. */
async function assertInert(page, where) {
  const state = await page.evaluate(() => {
    // The widget may draw inside shadow roots: look in the document and in every open root.
    const roots = [document];
    for (const el of document.querySelectorAll('*')) if (el.shadowRoot) roots.push(el.shadowRoot);
    const found = roots.flatMap((r) => [...r.querySelectorAll('img[src=x], svg[onload], [onerror], [onload]')]);
    return { ran: window.__xss ?? 0, elements: found.map((e) => e.outerHTML.slice(0, 80)) };
  });
  assert.equal(state.ran, 0, `${where}: no payload ran`);
  assert.deepEqual(state.elements, [], `${where}: no element came from a payload`);
}

/** A navigation to a `javascript:` URL would also run: none may be offered as a link. */
async function assertNoScriptLinks(page, where) {
  const hrefs = await page.evaluate(() => {
    const roots = [document];
    for (const el of document.querySelectorAll('*')) if (el.shadowRoot) roots.push(el.shadowRoot);
    return roots.flatMap((r) => [...r.querySelectorAll('[href], [src]')].map((e) => e.getAttribute('href') ?? e.getAttribute('src')));
  });
  assert.deepEqual(hrefs.filter((u) => /^\s*javascript:/i.test(u)), [], `${where}: no javascript: URL`);
}

const hostileEstimate = () => ({
  title: ALL,
  customer: ALL,
  notes: ALL,
  valid_days: 30,
  lines: [
    { provider: 'tencent-tokenhub', model: 'GLM-5', label: ALL, requests: '1000', input_tokens: '2000', output_tokens: '500' },
    { provider: 'hunyuan-image-global', model: 'Image Style Transfer', label: PAYLOADS[1], images: '100' },
  ],
});

describe('script payloads stay text', () => {
  test('in a link: line labels, title, customer and notes, on screen and on the printed quote', async () => {
    const estimate = hostileEstimate();
    const calc = await h.open(`#${cliLink(estimate)}`);
    const q = new QuoteCalculator(calc.page);
    const got = await calc.estimate();
    assert.equal(got.lines[0].label, ALL, 'the label is kept exactly as written');
    assert.equal(got.customer, ALL);
    assert.equal(got.notes, ALL);
    // The label field shows the text as it was written.
    assert.equal(await calc.field(1, 'label').inputValue(), ALL);
    await assertInert(calc.page, 'link');
    await matchesCli(calc);
    // The printed quote writes every one of them as text.
    await calc.page.emulateMedia({ media: 'print' });
    await calc.page.getByTestId('print-customer').waitFor();
    assert.equal((await calc.page.getByTestId('print-customer').textContent()).trim(), ALL);
    const doc = await calc.page.getByTestId('print-document').textContent();
    assert.ok(doc.includes(PAYLOADS[0]), 'the printed quote shows the payload as text');
    await assertInert(calc.page, 'printed quote');
    await assertNoScriptLinks(calc.page, 'printed quote');
    await calc.page.emulateMedia({ media: 'screen' });
    assert.ok(q.quote(), 'the quote section is still there');
    assert.deepEqual(calc.errors, []);
    await calc.close();
  });

  test('in an imported estimate, pasted and as a file, including its file name', async () => {
    const calc = await h.open();
    const q = new QuoteCalculator(calc.page);
    await q.importPaste(JSON.stringify(hostileEstimate()));
    const pasted = await q.importResult();
    assert.equal(pasted.error, '', `imported: ${pasted.status}`);
    assert.equal((await calc.estimate()).lines[0].label, ALL);
    await assertInert(calc.page, 'pasted import');
    // A broken document whose text holds payloads: the message quotes it as text.
    await q.importPaste(`{"lines": [{"provider": "${PAYLOADS[0].replaceAll('"', '\\"')}"}]}`);
    const broken = await q.importResult();
    assert.notEqual(broken.error, '', 'a line with an unknown provider is named');
    await assertInert(calc.page, 'import error');
    const name = '<img src=x onerror="window.__xss=1">.json';
    await q.importFile(name, JSON.stringify(hostileEstimate()));
    const file = await q.importResult(name);
    assert.equal(file.error, '', `imported from the file: ${file.status}`);
    await assertInert(calc.page, 'file import');
    await matchesCli(calc);
    await calc.close();
  });

  test('in a host card: card, model and note names, in the picker and the breakdown', async () => {
    const card = {
      provider: 'evil-ai',
      name: `Evil ${PAYLOADS[0]}`,
      currency: 'USD',
      source: `https://example.com/${PAYLOADS[2]}`,
      as_of: '2026-11-01',
      notes: [ALL],
      models: [{ name: `Evil-1 ${PAYLOADS[1]}`, kind: 'text', input_per_1m: '1.5', output_per_1m: '6' }],
    };
    const context = await h.browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.route('**/cards/evil.json', (r) => r.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(card) }));
    const url = `${h.server.url}cards/evil.json`;
    const estimate = {
      lines: [{ provider: 'evil-ai', model: card.models[0].name, label: ALL, requests: '1000', input_tokens: '2000', output_tokens: '500' }],
    };
    const calc = new Calculator(page);
    await calc.open(`${h.server.url}?catalog=${encodeURIComponent(url)}#${cliLink(estimate)}`);
    await page.getByTestId('priced-with').getByText('Evil', { exact: false }).first().waitFor();
    const priced = await page.getByTestId('priced-with').textContent();
    assert.ok(priced.includes(card.name), `the card's name reads as written: ${priced}`);
    // 1,000 requests x 2,000 input tokens at 1.5 USD per 1M = 3.00; x 500 output at 6 per 1M = 3.00.
    const total = await calc.total();
    assert.equal(total.currency, 'USD');
    assert.equal(Number(total.exact), 6);
    await page.getByTestId('line').first().getByRole('button', { name: 'Change model' }).click();
    await page.getByTestId('model-picker').getByRole('searchbox').fill('Evil');
    await page.getByTestId('model-picker').getByText('Evil-1', { exact: false }).first().waitFor();
    await assertInert(page, 'host card in the picker');
    await assertNoScriptLinks(page, 'host card');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('in an embedded element\'s attributes', async () => {
    const context = await h.browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const attr = (s) => s.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');
    await page.route('**/hostile-host.html', (r) =>
      r.fulfill({
        status: 200,
        contentType: 'text/html',
        body: `<!doctype html><html><body><script type="module" src="/ratecard-embed.js"></script>
          <ratecard-calculator id="a" locale="${attr(ALL)}" models="${attr(PAYLOADS[0])}" provider="${attr(PAYLOADS[1])}"
            hidden="${attr(PAYLOADS[2])}" layout="${attr(PAYLOADS[3])}" currency="${attr(ALL)}"></ratecard-calculator>
          <ratecard-calculator id="b" lines="${attr(`p=tencent-tokenhub&m=GLM-5&lb=${encodeURIComponent(ALL)}&rq=10&in=100&out=10`)}"></ratecard-calculator>
        </body></html>`,
      }),
    );
    await page.goto(`${h.server.url}hostile-host.html`);
    for (const id of ['a', 'b']) {
      await page.locator(`#${id}`).getByTestId('total').waitFor();
    }
    await assertInert(page, 'embedded element');
    const label = await page.locator('#b').getByTestId('field-label').first().inputValue();
    assert.equal(label, ALL);
    assert.deepEqual(errors, []);
    await context.close();
  });
});

describe('limits and garbage', () => {
  test('a host card with 10,000 models is refused with the limit named; the page still prices', async () => {
    const models = Array.from({ length: 10_000 }, (_, i) => ({ name: `M-${i}`, kind: 'text', input_per_1m: '1', output_per_1m: '2' }));
    const card = { provider: 'big-ai', name: 'Big AI', currency: 'USD', source: 'e2e', as_of: '2026-11-01', models };
    const context = await h.browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.route('**/cards/big.json', (r) => r.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(card) }));
    const calc = new Calculator(page);
    calc.errors = errors;
    const started = Date.now();
    await calc.open(`${h.server.url}?catalog=${encodeURIComponent(`${h.server.url}cards/big.json`)}`);
    const problems = page.getByTestId('catalog-problems');
    await problems.waitFor();
    const text = await problems.textContent();
    assert.match(text, /10,000 models/, `the count is named: ${text}`);
    assert.match(text, /5,000/, `the limit is named: ${text}`);
    console.log(`10,000-model host card refused after ${Date.now() - started} ms`);
    // The embedded cards still price the default line, as the CLI does.
    await matchesCli(calc);
    await context.close();
  });

  test('garbage in every localStorage key the widget uses leaves a working page', async () => {
    // First, the keys the widget writes when it is used (so a key added later is covered too).
    const first = await h.open();
    await first.fill(1, 'requests', 1234);
    // Switching the language saves it too.
    await first.page.getByTestId('lang-zh').check();
    await first.page.getByTestId('lang-en').check();
    await first.page.waitForFunction(() => localStorage.getItem('ratecard:lang') !== null);
    const written = await first.page.evaluate(() => Object.keys(localStorage));
    await first.close();
    const keys = [...new Set([...written, 'ratecard:estimate', 'ratecard:estimate:loading', 'ratecard:estimate:broken', 'ratecard:lang'])]
      .filter((k) => k.startsWith('ratecard'));
    assert.ok(keys.includes('ratecard:estimate'), `the widget saves its estimate: ${written}`);
    const GARBAGE = [
      '',
      '\u0000\uffff\ud800',
      ALL,
      '{"lines": [{"provider": 5}]}',
      `p=${'x'.repeat(200_000)}`,
      '#p=tencent-tokenhub&m=GLM-5&rq=1e400&in=NaN&out=-1&z=0',
      'p=a&'.repeat(6_000),
      JSON.stringify({ [PAYLOADS[0]]: PAYLOADS[1] }),
    ];
    // Garbage in every key at once, then in the saved estimate alone (the loading marker, when it
    // is set, already sets the saved estimate aside unread).
    const runs = GARBAGE.flatMap((garbage) => [
      { garbage, keys },
      { garbage, keys: ['ratecard:estimate'] },
    ]);
    for (const { garbage, keys } of runs) {
      const what = `${keys.length} key(s) holding ${JSON.stringify(garbage.slice(0, 40))}`;
      const context = await h.browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
      await context.addInitScript(
        ({ keys, garbage }) => {
          if (sessionStorage.getItem('seeded')) return;
          sessionStorage.setItem('seeded', '1');
          for (const k of keys) localStorage.setItem(k, garbage);
        },
        { keys, garbage },
      );
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(e.message));
      const calc = new Calculator(page);
      calc.errors = errors;
      await calc.open(h.server.url);
      await assertInert(page, what);
      const estimate = await calc.estimate();
      assert.ok(estimate.lines.length >= 1, `${what}: a line is shown`);
      // A saved estimate may open with a line the CLI refuses as a whole (an unknown provider, a
      // value that was dropped): the widget keeps the line, names its problem, and prices nothing
      // for it. These estimates have one line, so their total is then zero.
      let expected = '0';
      try {
        expected = cliQuote(estimate).total;
      } catch {
        assert.equal(estimate.lines.length, 1, `${what}: one line`);
      }
      assert.equal(Number((await calc.total()).exact), Number(expected), `${what}: the total is the CLI's`);
      if (garbage !== '') {
        // Nothing is lost: what could not be opened is kept aside, and the visitor is told.
        const said = (await calc.linkProblems()).join(' ');
        assert.ok(said.length < 2000, `${what}: the message is short (${said.length} characters)`);
        assert.notEqual(said, '', `${what}: what could not be read is named`);
        const kept = await page.evaluate(() => localStorage.getItem('ratecard:estimate:broken'));
        // A lone surrogate is not text; it is kept as U+FFFD (the widget reads storage as text).
        if (/set aside/.test(said) && !/stopped the page/.test(said)) assert.equal(kept, garbage.toWellFormed(), `${what}: set aside as it was`);
      }
      assert.deepEqual(errors, [], `${what}: no page errors`);
      // It keeps working after a reload, with whatever it wrote back.
      await page.reload();
      await page.getByTestId('total').waitFor();
      assert.deepEqual(errors, [], `${what}: no page errors after a reload`);
      if (garbage === ALL && keys.length === 1) await page.screenshot({ path: resolve(SHOTS, 'hostile-storage.png') });
      await context.close();
    }
  });
});
