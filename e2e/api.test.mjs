// The JavaScript API bundle (dist-api/, built by scripts/build-api.sh) called from a page in
// Chromium, as a host would: quote, catalog, estimateTokens, loadCatalog, encodeLink/decodeLink,
// and a JS Error naming the field for bad input. Totals are checked against `ratecard quote --json`.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { launch } from './browser.mjs';
import { cliLink, cliQuote } from './calculator.mjs';
import { serve } from './server.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const GOOD = resolve(ROOT, 'e2e/fixtures/host-card.json');
let server;
let browser;
let page;

before(async () => {
  server = await serve(resolve(ROOT, 'dist-api'));
  browser = await launch();
  page = await (await browser.newContext()).newPage();
  // Any page of the same origin will do: the bundle is imported as an ES module.
  await page.goto(server.url + 'blank');
  await page.evaluate(async () => {
    window.api = await import('/ratecard-api.js');
    await window.api.default();
  });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Calls `api[name](...args)` in the page; returns `{ value }` or `{ error, isError }`. */
function call(name, ...args) {
  return page.evaluate(
    ([n, a]) => {
      try {
        return { value: window.api[n](...a) };
      } catch (e) {
        return { error: e.message, isError: e instanceof Error };
      }
    },
    [name, args],
  );
}

describe('JS API in the browser', () => {
  test('quote returns the breakdown with exact decimal strings, equal to the CLI', async () => {
    const estimate = {
      version: 1,
      currency: 'USD',
      lines: [
        { provider: 'tencent-tokenhub', model: 'GLM-5', requests: '1000', input_tokens: '40000', output_tokens: '800' },
        { provider: 'hunyuan-image-global', model: 'Image Style Transfer', images: '10000', free_remaining: '50' },
      ],
    };
    const { value } = await call('quote', estimate);
    const cli = cliQuote(estimate);
    assert.equal(value.total, cli.total);
    assert.equal(value.currency, 'USD');
    assert.equal(value.lines.length, 2);
    // Seed 002 example 1, by hand: (10,000 - 50) x 0.08 = 796.00 USD.
    assert.equal(value.lines[1].total, '796.00');
  });

  test('bad input throws an Error naming the line and field', async () => {
    const r = await call('quote', { lines: [{ provider: 'gateway', model: 'FLUX1.1 [pro]', images: -1 }] });
    assert.equal(r.isError, true);
    assert.equal(r.error, 'line 1 (FLUX1.1 [pro]): images: -1 is negative');
    const u = await call('quote', { lines: [{ provider: 'gateway', model: 'FLUX1.1 [pro]', imgs: 1 }] });
    assert.match(u.error, /line 1: imgs: unknown field "imgs"/);
  });

  test('catalog, estimateTokens and links', async () => {
    const cards = (await call('catalog')).value;
    assert.equal(cards.length, 5);
    assert.deepEqual((await call('estimateTokens', '你好 GPT')).value, { cjk_chars: 2, english_words: 1, tokens: 3 });
    const estimate = { version: 1, lines: [{ provider: 'tencent-tokenhub', model: 'GLM-5', requests: '1000', input_tokens: '40000' }] };
    const link = (await call('encodeLink', estimate)).value;
    assert.equal(link, cliLink(estimate));
    const back = (await call('decodeLink', link)).value;
    assert.deepEqual(back.problems, []);
    assert.deepEqual(back.estimate.lines, estimate.lines);
  });

  test('loadCatalog prices a host card; a broken card throws naming the model and field', async () => {
    const card = JSON.parse(readFileSync(GOOD, 'utf8'));
    const loaded = (await call('loadCatalog', card, 'acme.json')).value;
    assert.deepEqual(loaded.providers, ['acme-ai']);
    const estimate = { version: 1, lines: [{ provider: 'acme-ai', model: 'Acme-1', requests: '1000', input_tokens: '2000', output_tokens: '500' }] };
    const { value } = await call('quote', estimate);
    assert.equal(value.total, cliQuote(estimate, GOOD).total);
    // By hand: 2M input x 1.5 USD/1M + 0.5M output x 6 USD/1M = 6 USD (exact, unrounded scale).
    assert.match(value.total, /^6\.0*$/);
    const broken = { ...card, models: [{ ...card.models[0], input_per_1m: 0.5 }] };
    const r = await call('loadCatalog', broken, 'broken.json');
    assert.equal(r.isError, true);
    assert.match(r.error, /broken\.json: model "Acme-1": input_per_1m: /);
  });
});
