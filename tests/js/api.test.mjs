// The JavaScript API bundle (scripts/build-api.sh) loaded in Node: quote, catalog, estimateTokens,
// links, host catalogs, and errors that name the line and field.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const api = await import(new URL('../../dist-api/ratecard-api.js', import.meta.url));
api.initSync({ module: readFileSync(new URL('../../dist-api/ratecard-api_bg.wasm', import.meta.url)) });

test('quote prices seed 002 example 1 exactly', () => {
  const b = api.quote({ lines: [{ provider: 'hunyuan-image-global', model: 'Image Style Transfer', images: 10000, free_remaining: 50 }] });
  assert.equal(b.currency, 'USD');
  assert.equal(b.total, '796.00');
  assert.equal(b.lines[0].components[0].tier.label, '[0, 10,000)');
});

test('JSON text is read exactly: no number passes through a binary double', () => {
  // As a JS number, 7.123456789012345678 would already be 7.123456789012346; as JSON text it is kept.
  const text = '{"usd_cny": 7.123456789012345678, "lines": [{"provider": "tencent-tokenhub", "model": "GLM-5", "requests": 1, "input_tokens": 1000}]}';
  assert.equal(api.quote(text).usd_cny, '7.123456789012345678');
});

test('bad input throws an Error naming the line and field', () => {
  assert.throws(
    () => api.quote({ lines: [{ provider: 'gateway', model: 'FLUX1.1 [pro]', images: -1 }] }),
    { message: 'line 1 (FLUX1.1 [pro]): images: -1 is negative' },
  );
  assert.throws(() => api.quote({ lines: [{ provider: 'gateway', model: 'FLUX1.1 [pro]', imgs: 1 }] }), /line 1: imgs: unknown field "imgs"/);
});

test('catalog returns the five rate cards, estimateTokens the seed rule', () => {
  const cards = api.catalog();
  assert.deepEqual(cards.map((c) => c.card.provider).sort(), ['gateway', 'hunyuan-image-global', 'tencent-tokenhub', 'tencent-tokenhub-intl', 'ucloud-modelverse']);
  assert.deepEqual(api.estimateTokens('你好 GPT'), { cjk_chars: 2, english_words: 1, tokens: 3 });
});

test('links round-trip and host catalogs are checked', () => {
  const estimate = { lines: [{ provider: 'tencent-tokenhub', model: 'GLM-5', requests: 10, input_tokens: 40000 }] };
  const link = api.encodeLink(estimate, 'breakdown');
  const back = api.decodeLink(link);
  assert.deepEqual(back.problems, []);
  assert.equal(api.quote(back.estimate).total, api.quote(estimate).total);
  const card = { provider: 'acme', name: 'Acme', currency: 'USD', source: 'acme.html', as_of: '2026-11-01',
                 models: [{ name: 'Acme-1', kind: 'text', input_per_1m: '1', output_per_1m: '2' }] };
  assert.deepEqual(api.loadCatalog(card, 'acme.json').providers, ['acme']);
  // 1,000,000 input tokens x 1 / 1M + 500,000 output x 2 / 1M = 2 USD (an exact decimal string).
  assert.equal(Number(api.quote({ lines: [{ provider: 'acme', model: 'Acme-1', requests: 1000, input_tokens: 1000, output_tokens: 500 }] }).total), 2);
  assert.throws(() => api.loadCatalog({ ...card, models: [{ ...card.models[0], input_per_1m: 1 }] }, 'bad.json'),
                /bad.json: model "Acme-1": input_per_1m: prices are decimal strings/);
});

test('importEstimate (the widget Import) reads strictly and returns a link fragment', () => {
  const doc = { estimate: { lines: [{ provider: 'tencent-tokenhub', model: 'GLM-5', requests: 10, input_tokens: 40000 }] }, breakdown: {} };
  const back = api.decodeLink(api.importEstimate(JSON.stringify(doc)));
  assert.deepEqual(back.problems, []);
  assert.deepEqual(back.estimate.lines[0], { provider: 'tencent-tokenhub', model: 'GLM-5', requests: '10', input_tokens: '40000' });
  assert.throws(() => api.importEstimate('{ "lines": [ { "provider": "gateway", "modle": "x" } ] }'), /line 1: modle: unknown field "modle"/);
  assert.throws(() => api.importEstimate('{ "lines": ['), /not valid JSON/);
  // A file saved with a UTF-8 byte-order mark reads the same.
  assert.equal(api.importEstimate(`\uFEFF${JSON.stringify(doc)}`), api.importEstimate(JSON.stringify(doc)));
});

test('exportQuote (the widget Export) prices with a host card for that call only', () => {
  const card = { provider: 'acme', name: 'Acme', currency: 'USD', source: 'acme.html', as_of: '2026-11-01',
                 models: [{ name: 'Acme-1', kind: 'text', input_per_1m: '1', output_per_1m: '2' }] };
  const estimate = { lines: [{ provider: 'acme', model: 'Acme-1', requests: 1000, input_tokens: 1000, output_tokens: 500 }] };
  // 1,000 x 1,000 input tokens at 1 USD per 1M = 1 USD; 1,000 x 500 output tokens at 2 USD per 1M = 1 USD.
  const csv = api.exportQuote('csv', estimate, JSON.stringify(card), 'acme.json').trim().split('\n');
  assert.equal(csv[0].split(',')[0], 'line');
  const amounts = csv.slice(1, 3).map((row) => Number(row.split(',')[14]));
  assert.deepEqual(amounts, [1, 1]);
  // The totals close the file: the first month (2 USD), the typical month (the same: nothing is
  // free or prepaid) and 12 months (12 x 2 = 24 USD).
  assert.deepEqual(csv.slice(-3).map((row) => Number(row.split(',').at(-1))), [2, 2, 24]);
  const json = JSON.parse(api.exportQuote('json', estimate, JSON.stringify(card), 'acme.json'));
  assert.equal(Number(json.breakdown.total), 2);
  assert.match(api.exportQuote('markdown', estimate, JSON.stringify(card), 'acme.json'), /Acme-1/);
  // Without the host card the provider is unknown, and an unknown format is named.
  assert.match(api.exportQuote('csv', { lines: [] }), /^line,provider/);
  assert.throws(() => api.exportQuote('pdf', estimate, JSON.stringify(card)), /unknown export format "pdf"/);
});

test('packCatalog (the widget host catalogs) checks cards as the CLI does and returns them packed', () => {
  const card = { provider: 'acme', name: 'Acme', currency: 'USD', source: 'acme.html', as_of: '2026-11-01',
                 models: [{ name: 'Acme-1', kind: 'text', input_per_1m: '1', output_per_1m: '2' }] };
  const { pack: packed, version } = api.packCatalog(JSON.stringify(card), 'acme.json');
  assert.ok(packed instanceof Uint8Array);
  // The version links made over the embedded cards and this one carry, as encodeLink writes it.
  api.loadCatalog(card, 'other-name.json');
  const link = api.encodeLink({ lines: [{ provider: 'acme', model: 'Acme-1', requests: 1 }] });
  assert.equal(new URLSearchParams(link).get('cat'), version);
  assert.match(version, /^[0-9a-f]{8}$/);
  // The magic number, then one card whose file is the label.
  assert.deepEqual([...packed.slice(0, 5)], [...Buffer.from('RC2'), 1, 'acme.json'.length]);
  assert.equal(Buffer.from(packed.slice(5, 14)).toString(), 'acme.json');
  // Every problem, one per line, each naming the file, model and field.
  const bad = { ...card, models: [{ ...card.models[0], input_per_1m: 0.5, colour: 'red' }, { name: 'Acme-2', kind: 'text', input_per_1m: '-1', output_per_1m: '2' }] };
  assert.throws(() => api.packCatalog(JSON.stringify(bad), 'bad.json'), (e) => {
    assert.match(e.message, /^bad\.json: model "Acme-1": /);
    return true;
  });
  assert.throws(() => api.packCatalog('{"provider":', 'x.json'), /^Error: x\.json: not valid JSON/);
});
