// The JS API never traps: every export checks its arguments' JS types and throws an Error naming
// the function and the argument; NaN, Infinity, BigInt and functions in an estimate object are
// named where they are; documents over the limits of src/rating/limits.rs are refused by name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const api = await import(new URL('../../dist-api/ratecard-api.js', import.meta.url));
api.initSync({ module: readFileSync(new URL('../../dist-api/ratecard-api_bg.wasm', import.meta.url)) });

const throws = (f, message) => assert.throws(f, (e) => {
  assert.ok(e instanceof Error && !(e instanceof WebAssembly.RuntimeError), `${e?.constructor?.name}: ${e?.message}`);
  assert.equal(e.message, message);
  return true;
});

test('a string argument of another type is named, with what it was', () => {
  throws(() => api.estimateTokens({}), 'estimateTokens: text must be a string, not an object');
  throws(() => api.estimateTokens(), 'estimateTokens: text must be a string, not undefined');
  throws(() => api.estimateTokens(Symbol('x')), 'estimateTokens: text must be a string, not a symbol');
  throws(() => api.decodeLink(5), 'decodeLink: fragment must be a string, not a number');
  throws(() => api.decodeLink(null), 'decodeLink: fragment must be a string, not null');
  throws(() => api.importEstimate({}), 'importEstimate: text must be a string, not an object');
  throws(() => api.packCatalog('{}', 7), 'packCatalog: label must be a string, not a number');
  throws(() => api.packCatalog(new Uint8Array(3), 'x.json'), 'packCatalog: text must be a string, not a typed array');
  throws(() => api.exportQuote(1, { lines: [] }), 'exportQuote: format must be a string, not a number');
  throws(() => api.exportQuote('csv', { lines: [] }, {}), 'exportQuote: host must be a string, not an object');
  throws(() => api.exportQuote('csv', { lines: [] }, undefined, 5n), 'exportQuote: hostLabel must be a string, not a BigInt');
  throws(() => api.encodeLink({ lines: [] }, () => 1), 'encodeLink: view must be a string, not a function');
  throws(() => api.loadCatalog({}, true), 'loadCatalog: source must be a string, not a boolean');
  // Optional arguments may be left out, undefined or null.
  assert.match(api.encodeLink({ lines: [] }, null), /^v=1&cat=/);
  assert.deepEqual(api.estimateTokens('你好'), { cjk_chars: 2, english_words: 0, tokens: 2 });
});

test('a document argument must be an object or JSON text', () => {
  throws(() => api.quote(5), 'quote: estimate must be an object or JSON text, not a number');
  throws(() => api.quote(), 'quote: estimate must be an object or JSON text, not undefined');
  throws(() => api.projectYear([]), 'projectYear: estimate must be an object or JSON text, not an array');
  throws(() => api.encodeLink(null), 'encodeLink: estimate must be an object or JSON text, not null');
  throws(() => api.exportQuote('csv', new Float64Array(2)), 'exportQuote: estimate must be an object or JSON text, not a typed array');
  throws(() => api.loadCatalog(5), 'loadCatalog: cards must be an object, an array or JSON text, not a number');
  const cycle = { lines: [] };
  cycle.self = cycle;
  throws(() => api.quote(cycle), 'quote: estimate cannot be written as JSON (a cycle, or nested too deeply)');
});

test('NaN, Infinity, BigInt and functions are named where they are, not read as null', () => {
  const line = (extra) => ({ lines: [{ provider: 'gateway', model: 'FLUX1.1 [pro]', ...extra }] });
  throws(() => api.quote(line({ images: NaN })), 'line 1: images: NaN is not a number');
  throws(() => api.quote({ usd_cny: -Infinity, lines: [] }), 'usd_cny: -Infinity is not a number');
  throws(() => api.projectYear(line({ discounts: { channel: Infinity } })), 'line 1: discounts.channel: Infinity is not a number');
  throws(() => api.quote(line({ packages: [{ size: 1, count: NaN }] })), 'line 1: packages[0].count: NaN is not a number');
  throws(() => api.quote(line({ images: 10n })), 'line 1: images: 10n is a BigInt: write it as a number or a decimal string');
  throws(() => api.encodeLink(line({ images: () => 1 })), 'line 1: images: a function is not a JSON value');
  throws(() => api.loadCatalog({ provider: 'a', models: [{ input_per_1m: NaN }] }, 'a.json'),
         'loadCatalog: cards: models[0].input_per_1m: NaN is not a number');
  // -0 is a number (0), and undefined is a field left out, as in JSON.stringify.
  assert.equal(api.quote(line({ images: -0, label: undefined })).total, '0');
});

test('documents over the limits are refused by name', () => {
  const lines = (n) => JSON.stringify({ lines: Array.from({ length: n }, () => ({ provider: 'gateway', model: 'x' })) });
  throws(() => api.quote(lines(100_001)), 'the estimate has 100,001 lines; at most 100,000 are read');
  throws(() => api.quote(' '.repeat(50_000_001)), 'the estimate has more than 50,000,000 bytes; at most 50,000,000 are read');
  // 25,000,001 characters of two bytes each: counted exactly once copied.
  throws(() => api.quote('é'.repeat(25_000_001)), 'the estimate has 50,000,002 bytes; at most 50,000,000 are read');
  const exported = (n) => JSON.stringify({ estimate: JSON.parse(lines(n)), breakdown: {} });
  throws(() => api.importEstimate(exported(5_001)), 'the imported document has 5,001 lines; at most 5,000 are read');
  throws(() => api.importEstimate(' '.repeat(20_000_001)), 'the imported document has more than 20,000,000 bytes; at most 20,000,000 are read');
  const link = 'p=gateway&m=x&'.repeat(5_001);
  assert.deepEqual(api.decodeLink(link).problems, ['the link has 5,001 lines; at most 5,000 are read']);
  assert.deepEqual(api.decodeLink('a'.repeat(1_000_001)).problems, ['the link has 1,000,001 characters; at most 1,000,000 are read']);
  assert.deepEqual(api.decodeLink('a'.repeat(4_000_001)).problems, ['the link has 4,000,001 characters; at most 1,000,000 are read']);
  const models = (n) => ({ provider: 'acme', models: Array.from({ length: n }, () => ({})) });
  throws(() => api.loadCatalog(models(5_001), 'acme.json'), 'acme.json: the rate cards have 5,001 models; at most 5,000 are read');
  throws(() => api.packCatalog(' '.repeat(5_000_001), 'acme.json'), 'the rate card text has more than 5,000,000 bytes; at most 5,000,000 are read');
  throws(() => api.estimateTokens('a'.repeat(50_000_001)), 'estimateTokens: the text has 50,000,001 characters; at most 50,000,000 are read');
});
