// End-to-end tests of issue 14's decision tools in the widget: the volume cliff on the line, cost
// against volume (chart and table), the free-trial horizon, concurrency sizing, the balance runway
// in the visitor's time zone, and the start month with a price that changes on a date. Each tool is
// opened by a docs link's `view=` key. Expected values are worked by hand from the seeds (the
// arithmetic is beside each), and totals are checked against `ratecard quote --json`.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

import { cliLink, cliQuote } from './calculator.mjs';
import { ROOT, axe, matchesCli, useWidget } from './harness.mjs';

const SHOTS = resolve(ROOT, 'screenshots');
mkdirSync(SHOTS, { recursive: true });
const h = useWidget();

const IMAGES = (n) => ({
  version: 1,
  lines: [{ provider: 'hunyuan-image-global', model: 'Image Style Transfer', images: String(n), free_trial: false }],
});

// Seed 003: 1,000,000 free tokens per language model, valid 90 days, claim by 2026-12-31; 1,000
// requests of 300 input + 100 output tokens a month at entered prices of 1 and 2 USD per 1M.
const INTL = {
  version: 1,
  start: '2026-12',
  lines: [
    {
      provider: 'tencent-tokenhub-intl',
      model: 'Language model',
      requests: '1000',
      input_tokens: '300',
      output_tokens: '100',
      prices: { input_per_1m: '1', output_per_1m: '2' },
    },
  ],
};

/** Opens `estimate` at the tool `view` and returns the calculator and the tool's element. */
async function openTool(estimate, view, options) {
  const calc = await h.open(`#${cliLink(estimate, view)}`, options);
  const tool = calc.page.getByTestId(`tool-${view}`);
  await tool.waitFor();
  assert.equal(await tool.evaluate((d) => d.open), true, `view=${view} opens the tool`);
  return { calc, tool };
}

async function shoot(calc, tool, name) {
  await tool.scrollIntoViewIfNeeded();
  await tool.screenshot({ path: resolve(SHOTS, `${name}.png`) });
}

describe('volume cliff and cost against volume (seed 002)', () => {
  test('the line says 10 more images cost 199.20 USD less, and the curve marks the tier bound', async () => {
    const { calc, tool } = await openTool(IMAGES(9990), 'curve');
    // All-units tiers: 9,990 x 0.08 = 799.20 USD; 10,000 x 0.06 = 600.00, so 10 more images save
    // 199.20.
    await matchesCli(calc);
    const breakdown = calc.page.getByTestId('breakdown');
    await breakdown.getByText('10 more images would cost 199.20 USD less').waitFor();
    const curve = tool.getByTestId('curve');
    // Today 9,990 images; the curve reaches 3 x 9,990 = 29,970.
    await curve.getByText('Today 9,990 images cost $799.20 a month.').waitFor();
    assert.match(await curve.textContent(), /from 0 to 29,970/);
    const marks = await tool.getByTestId('curve-mark').allTextContents();
    // Break-even months (seed 002's packages after no discount, see tests/decide.rs): 79, 573 and
    // 4,688 images a month; tier 2 from 10,000 at 600.00, one below it 9,999 x 0.08 = 799.92.
    assert.deepEqual(
      marks.map((m) => m.replace(/\s+/g, ' ').trim()),
      [
        '1 1,000 package pays off: 79 images, $6.32',
        '2 10,000 package pays off: 573 images, $45.84',
        '3 100,000 package pays off: 4,688 images, $375.04',
        '4 tier 2 starts: 10,000 images, $600.00 (9,999 images: $799.92)',
      ],
    );
    // The chart is an image named for assistive technology, with the numbers in a table.
    const svg = tool.locator('svg.rc-plot');
    assert.match(await svg.getAttribute('aria-label'), /numbers are in the table/);
    assert.equal(await tool.locator('svg.rc-plot .rc-plot__mark').count(), 4);
    await tool.getByText("The chart's numbers").click();
    const rows = await tool.getByTestId('curve-table').locator('tbody tr').allTextContents();
    // 21 points from 0 to 29,970 (i x 29,970 / 20 floored: 0, 1,498, 2,997, ..., 8,991, 10,489,
    // ...), and the marks' 79, 573, 4,688, 9,990, 10,000 and 9,999, none of which is a point.
    assert.equal(rows.length, 21 + 6);
    const row = rows.find((r) => r.startsWith('10,000'));
    assert.equal(row, '10,000$600.00$600.00tier 2 starts');
    await shoot(calc, tool, 'decide-curve-desktop');
    // Up to 10 x today: the curve reaches 99,900, still short of tier 3 (100,000); the 1M package
    // now is in range: 30,000 / 0.06 = 500,000 a year, so floor(500,000 / 12) + 1 = 41,667 a month.
    await tool.getByTestId('curve-times').selectOption('10');
    await curve.getByText('from 0 to 99,900').waitFor();
    const more = await tool.getByTestId('curve-mark').allTextContents();
    assert.ok(more.some((m) => m.includes('1,000,000 package pays off: 41,667 images')), more.join('\n'));
    assert.deepEqual(calc.errors, []);
    await calc.close();
  });

  test('a phone, dark and in Chinese, draws the curve in the column', async () => {
    const { calc, tool } = await openTool(IMAGES(9990), 'curve', {
      viewport: { width: 390, height: 844 },
      colorScheme: 'dark',
      locale: 'zh-CN',
    });
    await tool.getByTestId('curve').getByText('第 1 行').waitFor();
    const box = await tool.locator('svg.rc-plot').boundingBox();
    assert.ok(box.width <= 390 && box.width > 250, `chart ${box.width} px wide`);
    const marks = await tool.getByTestId('curve-mark').allTextContents();
    assert.ok(marks.some((m) => m.includes('第 2 档起点')), marks.join('\n'));
    await shoot(calc, tool, 'decide-curve-phone-dark-zh');
    await calc.close();
  });

  test('a line without a volume field says so', async () => {
    const { calc, tool } = await openTool(
      { version: 1, lines: [{ provider: 'tencent-tokenhub', model: 'GLM-5', requests: '0', input_tokens: '1000', output_tokens: '100' }] },
      'curve',
    );
    await tool.getByTestId('curve-error').getByText('must be more than 0').waitFor();
    await calc.close();
  });
});

describe('free-trial horizon (seed 003)', () => {
  test('month by month until the trial ends in 2027-02', async () => {
    const { calc, tool } = await openTool(INTL, 'trial');
    await matchesCli(calc);
    // 1,000,000 - 400,000 = 600,000 left after 2026-12; 200,000 after 2027-01; in 2027-02 half of
    // 400,000 is post-paid: 150,000 x 1 / 1M + 50,000 x 2 / 1M = 0.25 USD; then 0.3 + 0.2 = 0.50.
    await tool.getByTestId('trial-ends').getByText('The trial ends in 2027-02 (month 3); the month after costs $0.50.').waitFor();
    const rows = await tool.getByTestId('trial-table').locator('tbody tr').allTextContents();
    assert.deepEqual(rows, [
      '2026-12$0.00600,000 tokens',
      '2027-01$0.00200,000 tokens',
      '2027-02$0.250 tokens',
    ]);
    assert.match(await tool.textContent(), /valid 90 days from the claim, claim by 2026-12-31/);
    // Four bars: three months and the month after.
    assert.equal(await tool.locator('svg.rc-plot .rc-plot__bar').count(), 4);
    await shoot(calc, tool, 'decide-trial-desktop');
    await calc.close();
  });

  test('after the campaign closes no line draws on a free quota, in Chinese too', async () => {
    const { calc, tool } = await openTool({ ...INTL, start: '2027-01' }, 'trial', { locale: 'zh-CN' });
    await tool.getByTestId('trial-error').waitFor();
    assert.match(await tool.getByTestId('trial-error').textContent(), /免费额度/);
    await calc.close();
  });
});

describe('concurrency sizing (seed 002)', () => {
  test('1,000 tasks in the peak hour of 45 s need 13, and monthly add-ons are cheaper for 25 days', async () => {
    const { calc, tool } = await openTool(IMAGES(2500), 'concurrency');
    await tool.getByTestId('concurrency-rate').fill('1,000');
    await tool.getByTestId('concurrency-seconds').fill('45');
    await tool.getByTestId('concurrency-days').fill('25');
    // 1,000 x 45 / 3,600 = 12.5 in flight, so 13: 3 included and 10 add-ons; 10 x 200 x 25 =
    // 50,000 daily against 10 x 4,000 = 40,000 monthly; a month costs no more from 4,000 / 200 = 20
    // days.
    await tool.getByTestId('concurrency-needed').getByText('Concurrency needed: 13 (3 included, 10 add-ons).').waitFor();
    assert.equal(
      await tool.getByTestId('concurrency-verdict').textContent(),
      'For 25 days: daily $50,000.00, monthly $40,000.00: monthly add-ons are cheaper (a month costs no more from 20 days).',
    );
    // 10 days: 10 x 200 x 10 = 20,000 daily, cheaper than 40,000.
    await tool.getByTestId('concurrency-days').fill('10');
    await tool.getByTestId('concurrency-verdict').getByText('daily add-ons are cheaper').waitFor();
    // 60 a minute of 2 s: 60 x 2 / 60 = 2 in flight, below the 3 included.
    await tool.getByTestId('concurrency-minute').check();
    await tool.getByTestId('concurrency-rate').fill('60');
    await tool.getByTestId('concurrency-seconds').fill('2');
    await tool.getByTestId('concurrency-needed').getByText('Concurrency needed: 3 (3 included, 0 add-ons).').waitFor();
    // A bad entry is named; 32 days is past the month the add-ons cover.
    await tool.getByTestId('concurrency-seconds').fill('two');
    await tool.getByTestId('concurrency-error').waitFor();
    await tool.getByTestId('concurrency-seconds').fill('2');
    await tool.getByTestId('concurrency-days').fill('32');
    await tool.getByTestId('concurrency-error').getByText('days must be 1 to 31, not 32').waitFor();
    await tool.getByTestId('concurrency-days').fill('25');
    await shoot(calc, tool, 'decide-concurrency-desktop');
    assert.deepEqual(calc.errors, []);
    await calc.close();
  });
});

describe('balance runway (seed 000)', () => {
  for (const timezoneId of ['UTC', 'Asia/Shanghai', 'America/New_York']) {
    test(`110 USD at 600 USD a month lasts 132 hours, shown in ${timezoneId}`, async () => {
      const { calc, tool } = await openTool(IMAGES(10000), 'runway', { timezoneId });
      // 10,000 x 0.06 = 600 USD a month, 20 a day; 110 x 720 / 600 = 132 hours from midnight of
      // 2026-12-01 local: 2026-12-06 12:00; the grace period ends 15 days later, 2026-12-21 12:00,
      // and the reminder comes 4 hours before, at 08:00 (no daylight-saving change in December).
      await tool.getByTestId('runway-balance').fill('110');
      await tool.getByTestId('runway-start').fill('2026-12-01');
      await tool.getByText('lasts 132 hours').waitFor();
      assert.match(await tool.getByTestId('runway').textContent(), /\$20\.00 a day/);
      assert.match(await tool.getByTestId('runway-stops').textContent(), /Dec 6, 2026.*12:00/);
      assert.match(await tool.getByTestId('runway-reminder').textContent(), /Dec 21, 2026.*08:00/);
      assert.match(await tool.getByTestId('runway-deleted').textContent(), /Dec 21, 2026.*12:00/);
      assert.match(await tool.textContent(), new RegExp(timezoneId.replace('/', '\\/')));
      if (timezoneId === 'UTC') await shoot(calc, tool, 'decide-runway-desktop');
      await calc.close();
    });
  }

  test('a start date in March crosses a daylight-saving change in New York by the clock', async () => {
    const { calc, tool } = await openTool(IMAGES(10000), 'runway', { timezoneId: 'America/New_York' });
    // 2027-03-10 00:00 EST + 132 hours: clocks go forward on 2027-03-14 at 02:00, so the instant
    // 132 hours later reads 13:00 EDT on 2027-03-15.
    await tool.getByTestId('runway-balance').fill('110');
    await tool.getByTestId('runway-start').fill('2027-03-10');
    await tool.getByText('lasts 132 hours').waitFor();
    assert.match(await tool.getByTestId('runway-stops').textContent(), /Mar 15, 2027.*13:00.*EDT/);
    await calc.close();
  });

  test('nothing post-paid never runs out, in both languages', async () => {
    const { calc, tool } = await openTool(
      { version: 1, lines: [{ provider: 'hunyuan-image-global', model: 'Image Style Transfer', images: '0', free_trial: false }] },
      'runway',
    );
    await tool.getByTestId('runway-error').getByText('never runs out').waitFor();
    await calc.page.getByRole('radio', { name: '中文' }).check();
    await tool.getByTestId('runway-error').getByText('余额').waitFor();
    await calc.close();
  });
});

describe('start month and a price that changes on a date', () => {
  test('Gemini 3.8 Flash from 2026-11: 2.63 the first month, 5.25 a typical month, 57.75 a year', async () => {
    const estimate = {
      version: 1,
      lines: [{ provider: 'gateway', model: 'Gemini 3.8 Flash', requests: '1000', input_tokens: '1000', output_tokens: '500' }],
    };
    const calc = await h.open(`#${cliLink(estimate)}`);
    await calc.page.getByTestId('start').fill('2026-11');
    await calc.page.getByTestId('start').dispatchEvent('change');
    // 1,000 x 1,000 x 0.75 / 1M + 1,000 x 500 x 3.75 / 1M = 0.75 + 1.875 = 2.625 in 2026-11 and
    // 2026-12; from 2027-01 twice that, 5.25; a year 2 x 2.625 + 10 x 5.25 = 57.75.
    const json = await calc.estimate();
    assert.equal(json.start, '2026-11');
    const cli = cliQuote({ ...estimate, start: '2026-11' });
    assert.equal(cli.total.replace(/0+$/, ''), '2.625');
    await matchesCli(calc);
    assert.match(await calc.page.getByTestId('total-typical').textContent(), /\$5\.25/);
    assert.match(await calc.page.getByTestId('total-year').textContent(), /\$57\.75/);
    await calc.page.getByTestId('breakdown').getByText("this model's price changes on 2027-01-01").waitFor();
    await calc.close();
  });
});

describe('accessibility of the decision tools', () => {
  for (const colorScheme of ['light', 'dark']) {
    for (const locale of ['en-US', 'zh-CN']) {
      test(`no axe-core violations with every tool open, ${colorScheme}, ${locale}`, async () => {
        const calc = await h.open(`#${cliLink(IMAGES(9990), 'curve')}`, { colorScheme, locale });
        const { page } = calc;
        await page.getByTestId('curve-mark').first().waitFor();
        for (const view of ['trial', 'concurrency', 'runway', 'usage']) {
          await page.getByTestId(`tool-${view}`).locator('summary').click();
        }
        await page.getByTestId('concurrency-needed').waitFor();
        await page.getByTestId('runway-stops').waitFor();
        await page.getByTestId('curve').locator('details summary').click();
        assert.deepEqual(await axe(page), []);
        assert.deepEqual(calc.errors, []);
        await calc.close();
      });
    }
  }
});
