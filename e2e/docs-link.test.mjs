// End-to-end tests of the job "a docs page links to a calculator that shows what the writer meant"
// (issue 13): suffixes and thousands separators in links and form fields, a cache share in
// percent, messages that say what a key means, a visible note for a missing `out`, compare mode,
// and whole-number token counts in the breakdown. Every total is checked against
// `ratecard quote --json` on the same estimate (a compared model: on its line alone).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';

import { CLI, cliQuote, digits } from './calculator.mjs';
import { matchesCli, useWidget } from './harness.mjs';

const widget = useWidget();
const open = widget.open;
const GLM = 'p=tencent-tokenhub&m=GLM-5';

describe('a docs link says what the writer meant', () => {
  test('in=40k and rq=1M are numbers, and 1.5M is 1,500,000 exactly', async () => {
    // Seen today: "40k" and "1M" were "not a number".
    const calc = await open(`#${GLM}&in=40k&out=1k&rq=1.5M&trial=0`);
    assert.deepEqual(await calc.linkProblems(), []);
    const line = (await calc.estimate()).lines[0];
    assert.equal(line.input_tokens, '40000');
    assert.equal(line.output_tokens, '1000');
    assert.equal(line.requests, '1500000');
    // 40,000 input tokens is above 32k: GLM-5's (32k, ...) tier, seed 000: 6 CNY and 22 CNY per 1M.
    // 1,500,000 x 40,000 = 60,000M input tokens x 6 = 360,000; 1,500M output x 22 = 33,000: 393,000 CNY.
    const total = await matchesCli(calc);
    assert.equal(Number(total.exact), 393000);
    await calc.close();
  });

  test('thousands separators as the locale writes them: 30,000, 30 000 and 30\u202f000', async () => {
    const calc = await open(`#${GLM}&in=30,000&out=1%20000&rq=2%E2%80%AF000&trial=0`);
    assert.deepEqual(await calc.linkProblems(), []);
    const line = (await calc.estimate()).lines[0];
    assert.deepEqual([line.input_tokens, line.output_tokens, line.requests], ['30000', '1000', '2000']);
    // 2,000 x 30,000 = 60M input x 4 = 240; 2M output x 18 = 36: 276 CNY.
    assert.equal(Number((await matchesCli(calc)).exact), 276);
    await calc.close();
  });

  test('cache=30% is 30% of the input, with no broken %-escape', async () => {
    // Seen today: "a broken %-escape", priced with no cache.
    const calc = await open(`#${GLM}&in=40k&cache=30%&out=1000&rq=1000&trial=0`);
    const problems = await calc.linkProblems();
    assert.ok(!problems.some((p) => p.includes('%-escape')), problems.join('\n'));
    assert.deepEqual(problems, []);
    // 40,000 x 30 / 100 = 12,000 cached tokens per request.
    assert.equal((await calc.estimate()).lines[0].cached_tokens, '12000');
    assert.equal(await calc.field(1, 'cached_tokens').inputValue(), '12000');
    // (32k, ...] tier: uncached 28,000 x 1,000 = 28M x 6 = 168; cached 12M x 1.5 = 18; 1M output x 22
    // = 22: 208 CNY.
    assert.equal(Number((await matchesCli(calc)).exact), 208);
    // The escaped form reads the same.
    const escaped = await open(`#${GLM}&in=40k&cache=30%25&out=1000&rq=1000&trial=0`);
    assert.equal((await escaped.estimate()).lines[0].cached_tokens, '12000');
    await escaped.close();
    await calc.close();
  });

  test('messages say what a key means: cache=0.3 and a bad in=', async () => {
    // Seen today: cache=0.3 was "not a whole number", with nothing about shares.
    const calc = await open(`#${GLM}&in=4x0&cache=0.3&out=500&rq=10`);
    const problems = await calc.linkProblems();
    assert.ok(
      problems.some((p) => p.includes('cache: "0.3" is cached tokens per request, not a share: for 30% of the input write cache=30%')),
      problems.join('\n'),
    );
    assert.ok(
      problems.some((p) => p.includes('in: "4x0" is not a number; in is input tokens, per request, e.g. 40000, 40k or 40,000')),
      problems.join('\n'),
    );
    await calc.close();
    const zh = await open(`#${GLM}&in=1000&cache=abc&out=500&rq=10`, { locale: 'zh-CN' });
    const zhProblems = await zh.linkProblems();
    assert.ok(zhProblems.some((p) => p.includes('cache 表示缓存命中 tokens（每次请求，含于输入），也可写输入的占比，例如 30%')), zhProblems.join('\n'));
    await zh.close();
  });

  test('a token line without out= says that output is priced as 0', async () => {
    // Seen today: a missing out silently meant 0.
    const calc = await open(`#${GLM}&in=2000&rq=10`);
    const problems = await calc.linkProblems();
    assert.ok(
      problems.some((p) => p.includes('line 1: note: no output tokens given (out=), so output is priced as 0 tokens per request')),
      problems.join('\n'),
    );
    await matchesCli(calc);
    await calc.close();
  });
});

describe('form fields read what people type', () => {
  test('40k, 30,000 and 30 000 in a field, 30% in the cached tokens field', async () => {
    const calc = await open('');
    await calc.fill(1, 'input_tokens', '40k');
    await calc.fill(1, 'requests', '1,000');
    await calc.fill(1, 'output_tokens', '1 000');
    await calc.fill(1, 'cached_tokens', '30%');
    await calc.page.waitForFunction(() => JSON.parse(document.querySelector('[data-testid="estimate-json"]').textContent).lines[0].cached_tokens === '12000');
    const line = (await calc.estimate()).lines[0];
    assert.deepEqual([line.input_tokens, line.requests, line.output_tokens, line.cached_tokens], ['40000', '1000', '1000', '12000']);
    assert.equal(await calc.field(1, 'cached_tokens').inputValue(), '30%');
    // The share follows the input: 50k x 30 / 100 = 15,000.
    await calc.fill(1, 'input_tokens', '50k');
    await calc.page.waitForFunction(() => JSON.parse(document.querySelector('[data-testid="estimate-json"]').textContent).lines[0].cached_tokens === '15000');
    await matchesCli(calc);
    await calc.fill(1, 'requests', '1.2345k');
    await assert.doesNotReject(
      calc.fieldError(1, 'requests').getByText('"1.2345k" is 1,234.5, not a whole number: k, M and B are for whole counts').waitFor(),
    );
    await calc.close();
  });

  test('in Chinese, 30,000 is thirty thousand', async () => {
    const calc = await open('', { locale: 'zh-CN' });
    await calc.fill(1, 'input_tokens', '30,000');
    await calc.page.waitForFunction(() => JSON.parse(document.querySelector('[data-testid="estimate-json"]').textContent).lines[0].input_tokens === '30000');
    await matchesCli(calc);
    await calc.close();
  });
});

/** `ratecard compare --json` on an estimate object. */
function cliCompare(estimate) {
  return JSON.parse(execFileSync(CLI, ['compare', '-', '--json'], { input: JSON.stringify(estimate), encoding: 'utf8' }));
}

const COMPARE = `#cmp=1&cur=CNY&${GLM}&in=2k&out=500&rq=1000&m=kimi-k2.5&p=gateway&m=claude-sonnet-5-5&m=Gemini%203.8%20Flash`;

describe('compare mode', () => {
  test('a cmp=1 link ranks the models cheapest first, never summed, each total the CLI\'s', async () => {
    // Seen today: a link with two models added them up.
    const calc = await open(COMPARE);
    assert.deepEqual(await calc.linkProblems(), []);
    const table = calc.page.getByTestId('compare');
    await table.waitFor();
    assert.equal(await calc.page.getByTestId('total').count(), 0, 'no summed total in compare mode');
    const rows = table.getByTestId('compare-row');
    assert.equal(await rows.count(), 4);
    const estimate = await calc.estimate();
    assert.equal(estimate.lines.length, 4);
    // Every line carries the first line's workload.
    for (const l of estimate.lines) assert.deepEqual([l.input_tokens, l.output_tokens, l.requests], ['2000', '500', '1000']);
    const seen = [];
    for (let i = 0; i < 4; i++) {
      const row = rows.nth(i);
      const line = Number(await row.getAttribute('data-line'));
      const exact = await row.getAttribute('data-exact');
      // Each model's month is `ratecard quote --json` on its line alone, in the display currency.
      const cli = cliQuote({ ...estimate, lines: [estimate.lines[line - 1]] });
      assert.equal(exact, cli.total, `row ${i + 1}`);
      assert.equal(digits(await row.getByTestId('compare-total').evaluate((td) => td.firstChild.textContent)), cli.total_rounded);
      seen.push([await row.getAttribute('data-model'), Number(exact)]);
    }
    for (let i = 1; i < seen.length; i++) assert.ok(seen[i - 1][1] <= seen[i][1], `ranked: ${JSON.stringify(seen)}`);
    // GLM-5 with its 1M-token trial (seed 000): 2.5M tokens, 1M free, drawn in proportion: input
    // 2M - 800k = 1.2M x 4 = 4.8, output 0.5M - 200k = 0.3M x 18 = 5.4: 10.2 CNY. kimi-k2.5 (trial
    // 500k): 1.6M x 4 + 0.4M x 21 = 6.4 + 8.4 = 14.8. Gemini 3.8 Flash 3.375 USD x 7.3 = 24.6375;
    // Claude Sonnet 5.5 9 USD x 7.3 = 65.7 CNY.
    assert.deepEqual(seen, [['GLM-5', 10.2], ['kimi-k2.5', 14.8], ['Gemini 3.8 Flash', 24.6375], ['Claude Sonnet 5.5', 65.7]]);
    const text = await table.textContent();
    assert.ok(text.includes('cheapest'), text);
    // 14.8 - 10.2 = 4.6 more, 4.6 / 10.2 = 45.1%.
    assert.ok(text.includes('+¥4.60') && text.includes('+45.1%'), text);
    assert.ok(text.includes('converted at 1 USD = 7.3 CNY'), text);
    assert.ok(text.includes('$9.00'), text);
    // The CLI ranks the same estimate the same way.
    assert.deepEqual(cliCompare(estimate).ranked.map((r) => r.model), seen.map(([m]) => m));
    // The link keeps compare mode.
    await calc.page.waitForFunction(() => location.hash.includes('cmp=1'));
    // Turning it off shows the summed total again, which is the CLI's.
    await calc.page.getByTestId('compare-switch').uncheck();
    await calc.page.getByTestId('total').waitFor();
    await matchesCli(calc);
    await calc.close();
  });

  test('compare mode in Chinese, and the table is a real table', async () => {
    const calc = await open(COMPARE, { locale: 'zh-CN' });
    const table = calc.page.getByTestId('compare').getByRole('table');
    await table.waitFor();
    assert.equal(await table.getByRole("columnheader").count(), 4);
    assert.equal(await table.getByRole('rowheader').count(), 4);
    const text = await calc.page.getByTestId('compare').textContent();
    assert.ok(text.includes('最便宜') && text.includes('不相加') && text.includes('按 1 USD = 7.3 CNY 换算'), text);
    await calc.close();
  });
});

describe('whole-number tokens', () => {
  test('the breakdown shows the free share of a token count as a whole number', async () => {
    // Seen today: "682,926.829268 tokens". GLM-5's 1M free tokens over 1,400,000 input and
    // 650,000 output tokens: the input draws 1,000,000 x 1,400,000 / 2,050,000 = 682,926.83.
    const calc = await open(`#${GLM}&rq=1000&in=1400&out=650`);
    const text = await calc.page.getByTestId('breakdown').textContent();
    assert.ok(text.includes('682,927'), text);
    assert.ok(!text.includes('682,926.8'), text);
    // 1,400,000 - 682,926.83 = 717,073.17 billable, shown 717,073.
    assert.ok(text.includes('717,073'), text);
    await matchesCli(calc);
    await calc.close();
  });
});
