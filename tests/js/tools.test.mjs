// The decision tools in the JavaScript API bundle (src/js_tools.rs), with the values worked out by
// hand in tests/decide.rs and tests/usage.rs, and errors that name the argument.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const api = await import(new URL('../../dist-api/ratecard-api.js', import.meta.url));
api.initSync({ module: readFileSync(new URL('../../dist-api/ratecard-api_bg.wasm', import.meta.url)) });

// Decimal strings compare by value: "1650" equals "1650.00".
const same = (a, b) => assert.equal(String(a).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, ''), b);
const images = (n) => ({ lines: [{ provider: 'hunyuan-image-global', model: 'Image Style Transfer', images: n, free_trial: false }] });
const HY = ['hunyuan-image-global', 'Image Style Transfer'];

test('costCurve: 19,980 x 0.06 = 1,198.80; the 0.06 tier starts at 10,000 (600)', () => {
  const c = api.costCurve(images(9990), 1, 4, '3');
  assert.equal(c.field, 'images');
  same(c.points[2].line_total, '1198.8');
  const tier = c.marks.find((m) => m.kind === 'tier_bound');
  same(tier.point.quantity, '10000');
  same(tier.point.line_total, '600');
  assert.throws(() => api.costCurve(images(9990), 5), /line: /);
});

test('planMix: 3 x 550 = 1,650 against 30,000 x 0.072 = 2,160; 10,000 pays off above 7,638', () => {
  const p = api.planMix(...HY, 30000, { channel: '0.9' });
  same(p.total, '1650');
  same(p.all_postpaid, '2160');
  same(p.saving, '510');
  assert.equal(p.break_evens[0].pays_off_above, null);
  assert.equal(p.break_evens[1].pays_off_above, 7638);
  assert.throws(() => api.planMix(...HY, '1.5'), /yearly: /);
  assert.throws(() => api.planMix(...HY, 10, { channel: '2' }), /discounts: /);
});

test('sizeConcurrency: 30 a minute x 20 s = 10; 7 add-ons; 7 x 200 x 10 = 14,000 < 28,000', () => {
  const s = api.sizeConcurrency(...HY, { per_minute: '30' }, '20', 10);
  assert.equal(s.concurrency, 10);
  assert.equal(s.extra, 7);
  assert.equal(s.cheaper, 'daily');
  same(s.daily_cost, '14000');
  assert.throws(() => api.sizeConcurrency(...HY, {}, '20', 10), /throughput: /);
});

test('balanceRunway: 110 x 720 / 600 = 132 hours from 2026-12-01', () => {
  const r = api.balanceRunway(images(10000), '110', '2026-12-01');
  assert.equal(r.hours, 132);
  assert.deepEqual(r.stops, { date: '2026-12-06', hour: 12 });
  assert.deepEqual(r.reminder, { date: '2026-12-21', hour: 8 });
  assert.deepEqual(r.deleted, { date: '2026-12-21', hour: 12 });
  assert.throws(() => api.balanceRunway(images(10000), '110', '2026-02-30'), /start: /);
});

// Seed 003: 1,000,000 free tokens for 90 days, claimed by 2026-12-31; 400,000 tokens a month at
// entered prices of 1 and 2 USD per 1M (tests/decide.rs works it out).
const intl = {
  lines: [{ provider: 'tencent-tokenhub-intl', model: 'Language model', requests: 1000, input_tokens: 300, output_tokens: 100,
    prices: { input_per_1m: '1', output_per_1m: '2' } }],
};

test('trialHorizon: 600,000, 200,000, then 0 left; month 3 costs 0.25, the month after 0.5', () => {
  const h = api.trialHorizon(intl, '2026-12');
  assert.deepEqual(h.months.map((m) => [m.calendar, m.quotas[0].left]), [['2026-12', '600000'], ['2027-01', '200000'], ['2027-02', '0']]);
  same(h.months[2].cost, '0.25');
  same(h.after, '0.5');
  assert.equal(h.ends, 3);
  assert.equal(h.ends_calendar, '2027-02');
  // The estimate's own start, when no start argument is given.
  assert.equal(api.trialHorizon({ ...intl, start: '2026-12' }).ends, 3);
  // From 2027-01 the campaign can no longer be claimed.
  assert.throws(() => api.trialHorizon(intl, '2027-01'), /^Error: estimate: no line draws on a free quota/);
  assert.throws(() => api.trialHorizon(intl, '2026-13'), /^Error: start: /);
  assert.throws(() => api.trialHorizon(intl, 202612), /^Error: start: /);
});

test('quote and projectYear price each month at the prices in force from the start month', () => {
  // Gemini 3.8 Flash from 2026-11: 2 x 2.625 + 10 x 5.25 = 57.75 USD (tests/price_changes.rs).
  const gemini = { start: '2026-11', lines: [{ provider: 'gateway', model: 'Gemini 3.8 Flash', requests: 1000, input_tokens: 1000, output_tokens: 500 }] };
  same(api.projectYear(gemini).total, '57.75');
  const flag = api.quote(gemini).lines[0].flags.find((f) => f.code === 'price_change');
  assert.deepEqual([flag.from, flag.month], ['2027-01-01', 3]);
  assert.throws(() => api.quote({ ...gemini, start: 'soon' }), /start/);
});

test('priceUsage: two Deepseek-r1-0528 requests cost 0.021004 CNY; gpt-4o is reported', () => {
  const text = [
    '{"model":"deepseek-r1-0528","usage":{"prompt_tokens":1000,"completion_tokens":500,"prompt_tokens_details":{"cached_tokens":200},"completion_tokens_details":{"reasoning_tokens":300}}}',
    '{"model":"DeepSeek-R1-0528","usage":{"prompt_tokens":2001,"completion_tokens":100}}',
    '{"model":"gpt-4o","usage":{"prompt_tokens":10,"completion_tokens":10}}',
  ].join('\n');
  const u = api.priceUsage(text);
  assert.equal(u.records, 3);
  assert.equal(u.unmatched[0].name, 'gpt-4o');
  same(u.breakdown.total, '0.021004');
  assert.throws(() => api.priceUsage('model,tokens\nx,1'), /records: /);
});

test('usageOnEach: the README records on Deepseek-r1-0528 0.021004 CNY and GLM-5 0.022204 CNY (+0.0012)', () => {
  // Input 3,001 with 200 cached, output 600. Deepseek-r1-0528 (4 / 16 / cache 1 per 1M):
  // 2,801 x 4 + 200 + 600 x 16 = 21,004 per 1M. GLM-5 first tier (4 / 18 / cache 1), trial left
  // out: 11,204 + 200 + 600 x 18 = 22,204 per 1M.
  const text = [
    '{"model":"deepseek-r1-0528","usage":{"prompt_tokens":1000,"completion_tokens":500,"prompt_tokens_details":{"cached_tokens":200},"completion_tokens_details":{"reasoning_tokens":300}}}',
    '{"model":"gpt-4o","usage":{"prompt_tokens":2001,"completion_tokens":100}}',
  ].join('\n');
  const t = api.usageOnEach(text, ['tencent-tokenhub/GLM-5', 'tencent-tokenhub/Deepseek-r1-0528', 'x/y']);
  assert.equal(t.records, 2);
  assert.deepEqual(t.ranked.map((r) => r.model), ['Deepseek-r1-0528', 'GLM-5']);
  same(t.ranked[0].total, '0.021004');
  same(t.ranked[1].total, '0.022204');
  same(t.ranked[1].difference, '0.0012');
  assert.match(t.left_out[0].why, /^x\/y: no token-priced model "y" from provider "x"/);
  assert.throws(() => api.usageOnEach(text, 'GLM-5'), /models: a list/);
  assert.throws(() => api.usageOnEach('{', []), /records: line 1: the JSON ends early/);
});

test('compareModels: GLM-5 17 CNY, kimi-k2.5 18.5 CNY (+1.5, 8.82%), Claude Sonnet 5.5 9 USD = 65.7 CNY; never summed', () => {
  // 1,000 requests of 2,000 input and 500 output tokens: GLM-5 (seed 000) 2M x 4 / 1M + 0.5M x 18 / 1M
  // = 17; kimi-k2.5 8 + 0.5M x 21 / 1M = 18.5; Claude (seed 004 list, per 1K) 2,000 x 0.002 + 500 x 0.01
  // = 9 USD x 7.3 = 65.7 CNY.
  const c = api.compareModels('#cur=CNY&p=tencent-tokenhub&m=GLM-5&in=2k&out=500&rq=1000&trial=0&m=kimi-k2.5&p=gateway&m=claude-sonnet-5-5');
  assert.equal(c.currency, 'CNY');
  assert.equal(c.converted, true);
  assert.deepEqual(c.ranked.map((r) => r.model), ['GLM-5', 'kimi-k2.5', 'Claude Sonnet 5.5']);
  same(c.ranked[0].total, '17');
  same(c.ranked[0].difference, '0');
  same(c.ranked[1].difference, '1.5');
  assert.ok(c.ranked[1].percent.startsWith('8.8235294117'), c.ranked[1].percent);
  same(c.ranked[2].card_total, '9');
  same(c.ranked[2].total, '65.7');
  assert.equal(c.total, undefined);
  const e = api.compareModels({ lines: [{ provider: 'tencent-tokenhub', model: 'GLM-5', requests: 1, input_tokens: 1, output_tokens: 1 }] });
  assert.equal(e.ranked.length, 1);
  assert.throws(() => api.compareModels({ lines: [] }), /estimate: the estimate has no lines to compare/);
});
