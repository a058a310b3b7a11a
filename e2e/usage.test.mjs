// End-to-end tests of "Price real traffic" (issue 14, item 7) in the widget's Decision tools:
// usage records pasted as JSON Lines or CSV, a name mapped through its select, a broken line named
// by its number, "Open as estimate", and the whole traffic ranked on each ticked model. Every
// total is worked out by hand from seed 000 (Tencent Cloud TokenHub, CNY per 1M tokens) and checked
// against `ratecard usage --json` on the same records.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { CLI, digits } from './calculator.mjs';
import { matchesCli, useWidget } from './harness.mjs';

const h = useWidget();
const scratch = mkdtempSync(join(tmpdir(), 'ratecard-usage-'));
let files = 0;

/** `ratecard usage --json` on `text` (written to a file named `.ext`), with `--map` entries. */
function cliUsage(text, ext = 'jsonl', maps = []) {
  const file = join(scratch, `records-${files++}.${ext}`);
  writeFileSync(file, text);
  const args = ['usage', '--json', file, ...maps.flatMap((m) => ['--map', m])];
  return JSON.parse(execFileSync(CLI, args, { encoding: 'utf8' }));
}

// The README's example: two Deepseek-r1-0528 requests (in 4 / out 16 / cache hit 1 CNY per 1M).
// Input 1,000 + 2,001 = 3,001 with 200 cached, output 500 + 100 = 600 (reasoning is output):
// 2,801 x 4 + 200 x 1 + 600 x 16 = 11,204 + 200 + 9,600 = 21,004 per 1M = 0.021004 CNY.
const R1 = [
  '{"model":"deepseek-r1-0528","usage":{"prompt_tokens":1000,"completion_tokens":500,"prompt_tokens_details":{"cached_tokens":200},"completion_tokens_details":{"reasoning_tokens":300}}}',
  '{"model":"DeepSeek-R1-0528","usage":{"prompt_tokens":2001,"completion_tokens":100}}',
];
// A line of TokenHub's GLM-5, as a link writes it.
const GLM = 'p=tencent-tokenhub&m=GLM-5&rq=1000&in=2k&out=500&';
// A name no catalog model has: mapped by the visitor to Deepseek-r1-0528, it adds
// 10,000 x 4 + 1,000 x 16 = 56,000 per 1M = 0.056 CNY: 0.077004 CNY in all.
const MINE = '{"model":"my-r1","usage":{"prompt_tokens":10000,"completion_tokens":1000}}';

/** An exact decimal as text without trailing zeros: the CLI writes `0.152000`, the widget `0.152`. */
function exact(text) {
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

/**
 * Opens the widget at the usage tool (`view=usage`) and returns the page object and the tool: on
 * an empty estimate, or with `line` (a link's line, e.g. TokenHub's GLM-5).
 */
async function openTool(options, line = '') {
  const calc = await h.open(`#${line}view=usage`, options);
  const tool = calc.page.getByTestId('tool-usage');
  await tool.getByTestId('usage-text').waitFor();
  assert.notEqual(await tool.getAttribute('open'), null, 'view=usage opens the tool');
  return { calc, tool };
}

async function readRecords(tool, text) {
  await tool.getByTestId('usage-text').fill(text);
  await tool.getByTestId('usage-read').click();
  await tool.getByTestId('usage-counts').waitFor();
}

async function usageTotal(tool) {
  const el = tool.getByTestId('usage-total');
  return { exact: await el.getAttribute('data-exact'), currency: await el.getAttribute('data-currency'), text: (await el.textContent()).trim() };
}

describe('price real traffic', () => {
  test('two JSONL records cost 0.021004 CNY, shown 0.02 CNY, as ratecard usage prices them', async () => {
    const { calc, tool } = await openTool();
    await readRecords(tool, R1.join('\n'));
    assert.equal((await tool.getByTestId('usage-counts').textContent()).trim(), '2 records read, 2 priced.');
    const total = await usageTotal(tool);
    const cli = cliUsage(R1.join('\n'));
    assert.equal(exact(cli.breakdown.total), '0.021004');
    assert.equal(total.exact, exact(cli.breakdown.total));
    assert.equal(total.currency, 'CNY');
    assert.equal(digits(total.text), '0.02');
    assert.deepEqual(calc.errors, []);
    await calc.close();
  });

  test('an unmatched name is listed with its count and priced once mapped through its select', async () => {
    const { calc, tool } = await openTool();
    const text = [...R1, MINE].join('\n');
    await readRecords(tool, text);
    assert.equal((await tool.getByTestId('usage-counts').textContent()).trim(), '3 records read, 2 priced.');
    const select = tool.getByTestId('usage-map');
    assert.equal(await select.getAttribute('data-name'), 'my-r1');
    assert.match(await tool.locator('.rc-usage__name').textContent(), /my-r1 \(1 record\)/);
    // Three closest names, then every token model; nothing chosen until the visitor chooses.
    assert.equal(await select.locator('optgroup').first().locator('option').count(), 3);
    assert.equal(await select.inputValue(), '');
    await select.selectOption('tencent-tokenhub/Deepseek-r1-0528');
    await tool.getByText('3 records read, 3 priced.').waitFor();
    const total = await usageTotal(tool);
    const cli = cliUsage(text, 'jsonl', ['my-r1=tencent-tokenhub/Deepseek-r1-0528']);
    assert.equal(exact(cli.breakdown.total), '0.077004');
    assert.equal(total.exact, exact(cli.breakdown.total));
    assert.equal(digits(total.text), '0.08');
    // The mapping is listed and can be taken back: the record is left out again.
    const mapped = tool.getByTestId('usage-mapped');
    assert.equal((await mapped.locator('span').textContent()).trim(), 'my-r1 → Tencent Cloud TokenHub / Deepseek-r1-0528');
    await mapped.getByRole('button', { name: 'Undo' }).click();
    await tool.getByText('3 records read, 2 priced.').waitFor();
    assert.equal((await usageTotal(tool)).exact, '0.021004');
    await calc.close();
  });

  test('CSV with a header is read, tiers per request', async () => {
    const { calc, tool } = await openTool();
    // Deepseek-r1-0528 has one tier: input 32,000 x 4 = 128,000; output 1,500 x 16 = 24,000:
    // 152,000 per 1M = 0.152 CNY (the spend column is not read).
    const csv = 'model,prompt_tokens,completion_tokens,spend\nDeepseek-r1-0528,30000,1000,0.1\n"Deepseek-r1-0528",2000,500,0.01\n';
    await readRecords(tool, csv);
    const total = await usageTotal(tool);
    assert.equal(total.exact, '0.152');
    assert.equal(total.exact, exact(cliUsage(csv, 'csv').breakdown.total));
    // A header without a needed column reads nothing and says which.
    await tool.getByTestId('usage-text').fill('model,tokens\nx,1');
    await tool.getByTestId('usage-read').click();
    assert.match(await tool.getByTestId('usage-refused').textContent(), /line 1: the header has no "prompt_tokens" column\. Nothing was read\./);
    // The same CSV opened as a file.
    await tool.getByTestId('usage-file').setInputFiles({ name: 'spend.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await tool.getByText('2 records read, 2 priced.').waitFor();
    assert.equal((await usageTotal(tool)).exact, '0.152');
    // Over the widget's limit (rating/limits.rs USAGE_RECORDS), nothing is read and the limit is named.
    const many = 'model,prompt_tokens,completion_tokens\n' + 'x,1,1\n'.repeat(200_001);
    await tool.getByTestId('usage-file').setInputFiles({ name: 'many.csv', mimeType: 'text/csv', buffer: Buffer.from(many) });
    assert.equal(
      (await tool.getByTestId('usage-refused').textContent()).trim(),
      'many.csv: line 200002: more than 200,000 records; at most 200,000 are read here (the CLI reads any number). Nothing was read.',
    );
    await calc.close();
  });

  test('a broken line is named by its number, in English and in Chinese, and the rest are priced', async () => {
    const { calc, tool } = await openTool();
    await readRecords(tool, [R1[0], 'not json', R1[1], '{"model":"deepseek-r1-0528","usage":'].join('\n'));
    const items = await tool.getByTestId('usage-problem').allTextContents();
    assert.equal(items.length, 2);
    assert.match(items[0], /^line 2: not JSON: /);
    assert.match(items[1], /^line 4: the JSON ends early: /);
    assert.match(await tool.getByTestId('usage-problems').textContent(), /2 records could not be read/);
    assert.equal((await usageTotal(tool)).exact, '0.021004');
    // Twelve broken lines: the first 10 are listed, then how many more.
    await readRecords(tool, [R1[0], ...Array(12).fill('{"model":"x","usage":{"prompt_tokens":-1}}')].join('\n'));
    const listed = await tool.getByTestId('usage-problems').getByRole('listitem').allTextContents();
    assert.equal(listed.length, 11);
    assert.match(listed[0], /^line 2: a value of the wrong type/);
    assert.equal(listed[10].trim(), 'and 2 more');
    await calc.close();
    const zh = await openTool({ locale: 'zh-CN' });
    await readRecords(zh.tool, [R1[0], '{oops'].join('\n'));
    assert.equal((await zh.tool.getByTestId('usage-problem').textContent()).trim(), '第 2 行：不是有效的 JSON（第 2 个字符处）');
    // The first line says the format: `{` is JSON Lines, anything else a CSV header.
    await zh.tool.getByTestId('usage-text').fill('not json');
    await zh.tool.getByTestId('usage-read').click();
    assert.equal((await zh.tool.getByTestId('usage-refused').textContent()).trim(), '第 1 行：表头缺少 "model" 列。未读取任何记录。');
    await zh.calc.close();
  });

  test('"Open as estimate" asks, then the estimate costs what ratecard usage says', async () => {
    const { calc, tool } = await openTool({}, GLM);
    const text = [...R1, MINE].join('\n');
    await readRecords(tool, text);
    await tool.getByTestId('usage-map').selectOption('tencent-tokenhub/Deepseek-r1-0528');
    await tool.getByText('3 records read, 3 priced.').waitFor();
    await tool.getByTestId('usage-open').click();
    // The estimate has its default line, so the tool asks first.
    await tool.getByTestId('usage-open-confirm').waitFor();
    await tool.getByTestId('usage-open-yes').click();
    await tool.getByTestId('usage-status').getByText('line(s) opened as the estimate').waitFor();
    const cli = cliUsage(text, 'jsonl', ['my-r1=tencent-tokenhub/Deepseek-r1-0528']);
    const estimate = await calc.estimate();
    assert.equal(estimate.lines.length, cli.estimate.lines.length);
    assert.ok(estimate.lines.every((l) => l.model === 'Deepseek-r1-0528'));
    const total = await matchesCli(calc);
    assert.equal(exact(total.exact), exact(cli.breakdown.total));
    await calc.close();
  });

  test('the traffic on each ticked model, cheapest first with the difference', async () => {
    const { calc, tool } = await openTool({}, GLM);
    await readRecords(tool, [...R1, MINE].join('\n'));
    await tool.getByTestId('usage-map').selectOption('tencent-tokenhub/Deepseek-r1-0528');
    await tool.getByText('3 records read, 3 priced.').waitFor();
    await tool.getByTestId('usage-compare-button').click();
    // By default: the model matched and every token model of the estimate's provider (TokenHub).
    const boxes = tool.getByTestId('usage-candidate');
    await tool.locator('.rc-usage__choose summary').click();
    assert.ok(await tool.locator('[data-testid="usage-candidate"][data-model="tencent-tokenhub/GLM-5"]').isChecked());
    const rows = tool.getByTestId('usage-compare-row');
    await rows.first().waitFor();
    const exact = (await rows.evaluateAll((r) => r.map((e) => Number(e.dataset.exact))));
    assert.ok(exact.length >= 2);
    assert.deepEqual(exact, [...exact].sort((a, b) => a - b), 'cheapest first');
    assert.equal(await rows.first().getAttribute('data-difference'), '0');
    // Only two ticked: the whole traffic (input 13,001 with 200 cached, output 1,600) on
    // Deepseek-v3-0324 (in 2 / out 8 / cache hit 0.5, its trial not used): 12,801 x 2 + 200 x 0.5
    // + 1,600 x 8 = 25,602 + 100 + 12,800 = 38,502 per 1M = 0.038502 CNY; on Deepseek-r1-0528
    // 12,801 x 4 + 200 + 1,600 x 16 = 77,004 per 1M = 0.077004 CNY, 0.038502 more: +100%.
    for (const b of await boxes.all()) if (await b.isChecked()) await b.uncheck();
    await tool.locator('[data-model="tencent-tokenhub/Deepseek-v3-0324"]').check();
    await tool.locator('[data-model="tencent-tokenhub/Deepseek-r1-0528"]').check();
    await tool.getByTestId('usage-compare').getByText('All 3 records on 2 models').waitFor();
    assert.equal(await rows.count(), 2);
    const cells = await rows.evaluateAll((r) => r.map((e) => [e.dataset.model, e.dataset.exact, e.dataset.difference]));
    assert.deepEqual(cells, [
      ['Deepseek-v3-0324', '0.038502', '0'],
      ['Deepseek-r1-0528', '0.077004', '0.038502'],
    ]);
    assert.match(await rows.nth(0).textContent(), /cheapest/);
    assert.match(await rows.nth(1).textContent(), /\+100%/);
    // A model in USD is converted at the default rate, and the table says so. Claude Sonnet 5.5
    // (seed 004 list, USD per 1K; cache read 0.1 x input): 12,801 x 0.002 + 200 x 0.0002 +
    // 1,600 x 0.01 = (25.602 + 0.04 + 16) / 1,000 = 0.041642 USD x 7.3 = 0.3039866 CNY.
    await tool.locator('[data-model="gateway/Claude Sonnet 5.5"]').check();
    await tool.getByTestId('usage-compare').getByText('All 3 records on 3 models').waitFor();
    const third = rows.nth(2);
    assert.deepEqual([await third.getAttribute('data-model'), await third.getAttribute('data-exact')], ['Claude Sonnet 5.5', '0.3039866']);
    assert.equal(await third.getAttribute('data-difference'), '0.2654846');
    assert.match(await tool.getByTestId('usage-compare-rate').textContent(), /Amounts in CNY; converted at 1 USD = 7\.3 CNY/);
    // The ranked Deepseek-r1-0528 total is the usage total priced on its own.
    assert.equal((await usageTotal(tool)).exact, '0.077004');
    assert.deepEqual(calc.errors, []);
    await calc.close();
  });
});
