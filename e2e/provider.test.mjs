// End-to-end tests of a provider embedding its own calculator on its pricing page: the currency
// of its card, `providers` (the picker and "Add a line" keep to its cards), `brand`, `hidden` add
// and header, a named unknown provider or model with nothing put in its place, the compact
// layout's height and its "More" disclosure, axe-core on the page and inside the element (light
// and dark, English and Chinese, picker open), the low-contrast accent warning, and the picker's
// keys. Totals are checked against `ratecard quote --json` wherever one is shown.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

import { launch } from './browser.mjs';
import { Calculator, cliQuote, digits } from './calculator.mjs';
import { EmbeddedCalculator } from './embedded.mjs';
import { axe, matchesCli } from './harness.mjs';
import { serve } from './server.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const DIST = process.env.RATECARD_DIST ?? resolve(ROOT, 'dist');
const SHOTS = resolve(ROOT, 'screenshots');
const HY = 'hunyuan-image-global';
const HY_NAME = 'Tencent HY Image Global';

/** A host page: the embed script, then `body` inside a <main>, elements in 400 px columns. */
const host = (body, style = '') => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Pricing</title>
<script type="module" src="ratecard-embed.js"></script>
<style>body{margin:0;font:16px/1.5 Georgia,serif}.col{width:400px;margin:16px}${style}</style>
</head><body><main><h1>Pricing</h1>${body}</main></body></html>`;

/** The issue's element: Image Style Transfer (a USD card) in Chinese, compact. */
const ISSUE = `<ratecard-calculator id="hy" provider="${HY}" models="Image Style Transfer" locale="zh-CN" layout="compact"></ratecard-calculator>`;

const PAGES = {
  '/issue.html': host(`<div class="col">${ISSUE}</div>`),
  '/converted.html': host(
    `<div class="col"><ratecard-calculator id="hy" provider="${HY}" models="Image Style Transfer" currency="CNY" layout="compact"></ratecard-calculator></div>`,
  ),
  '/own.html': host(
    `<div class="col"><ratecard-calculator id="own" provider="${HY}" providers="${HY},tencent-tokenhub-intl" models="Image Style Transfer" brand="Acme Cloud" layout="compact" locale="en"></ratecard-calculator></div>
     <div class="col"><ratecard-calculator id="bare" provider="${HY}" models="Image Style Transfer" hidden="add,header,share,language" layout="compact" locale="en"></ratecard-calculator></div>
     <div class="col"><ratecard-calculator id="first" provider="${HY}" layout="compact" locale="en"></ratecard-calculator></div>`,
  ),
  '/bad.html': host(
    `<div class="col"><ratecard-calculator id="badp" provider="hunyuan-image" models="Image Style Transfer" locale="en" layout="compact"></ratecard-calculator></div>
     <div class="col"><ratecard-calculator id="badpzh" provider="hunyuan-image" models="Image Style Transfer" locale="zh-CN" layout="compact"></ratecard-calculator></div>
     <div class="col"><ratecard-calculator id="badm" provider="${HY}" models="Image Style Transfr" locale="en" layout="compact"></ratecard-calculator></div>
     <div class="col"><ratecard-calculator id="badlist" providers="acme,${HY}" locale="en" layout="compact"></ratecard-calculator></div>`,
  ),
  '/heights.html': host(
    `<div class="col">${ISSUE}</div>
     <div class="col"><ratecard-calculator id="glm" provider="tencent-tokenhub" models="GLM-5" locale="en" layout="compact"></ratecard-calculator></div>
     <div class="col"><ratecard-calculator id="pkg" lines="p=${HY}&amp;m=Image%20Style%20Transfer&amp;img=30000&amp;pkg=10000x3" locale="en" layout="compact"></ratecard-calculator></div>`,
  ),
  '/two.html': host(
    `<div class="col"><ratecard-calculator id="one" provider="tencent-tokenhub" models="GLM-5"></ratecard-calculator></div>
     <div class="col"><ratecard-calculator id="two" provider="${HY}" models="Image Style Transfer" layout="compact"></ratecard-calculator></div>`,
  ),
  '/accent.html': host(
    `<div class="col"><ratecard-calculator id="pale" provider="${HY}" models="Image Style Transfer" layout="compact"></ratecard-calculator></div>
     <div class="col"><ratecard-calculator id="fine" provider="${HY}" models="Image Style Transfer" layout="compact"></ratecard-calculator></div>`,
    '#pale{--rc-accent:#ff9ebb}#fine{--rc-accent:#0a7f5a}',
  ),
};

let server;
let browser;

before(async () => {
  server = await serve(DIST, 0, { pages: PAGES });
  browser = await launch();
  mkdirSync(SHOTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** A fresh context on `path`, with page errors and console warnings recorded. */
async function open(path, options = {}) {
  const context = await browser.newContext({
    locale: 'en-US',
    colorScheme: 'light',
    viewport: { width: 1280, height: 900 },
    ...options,
  });
  const page = await context.newPage();
  const errors = [];
  const warnings = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  await page.goto(server.url + path.replace(/^\//, ''));
  return { page, errors, warnings, close: () => context.close() };
}

/** The element `#id` on `page`, ready. */
async function element(page, id) {
  const calc = new EmbeddedCalculator(page, `#${id}`);
  await calc.ready();
  return calc;
}

describe("a provider's own calculator", () => {
  test("the currency is the card's (USD), and no rate is named when nothing is converted", async () => {
    const { page, errors, close } = await open('/issue.html');
    const calc = await element(page, 'hy');
    const estimate = await calc.estimate();
    assert.equal(estimate.currency, undefined, 'the estimate leaves the currency to the first line');
    assert.deepEqual(
      estimate.lines.map((l) => [l.provider, l.model]),
      [[HY, 'Image Style Transfer']],
    );
    const total = await matchesCli(calc);
    assert.equal(total.currency, 'USD');
    assert.match(total.text, /^\$|^US\$/, `shown in dollars: ${total.text}`);
    assert.ok(!total.text.includes('¥'));
    // 100 images at the first volume tier, 0.08 USD each (seed 002), the free quota unpublished.
    assert.equal(digits(total.text), '8.00');
    assert.equal((await calc.page.getByTestId('rate-note').textContent()).trim(), '', 'no rate note');
    assert.ok(!(await calc.page.getByTestId('app').textContent()).includes('7.3'));
    assert.deepEqual(errors, []);
    await close();
  });

  test('a host currency converts, and then the rate is named', async () => {
    const { page, close } = await open('/converted.html');
    const calc = await element(page, 'hy');
    const total = await matchesCli(calc);
    assert.equal(total.currency, 'CNY');
    // 8 USD x 7.3 = 58.40 CNY.
    assert.equal(cliQuote(await calc.estimate()).total_rounded, '58.40');
    assert.match(await calc.page.getByTestId('rate-note').textContent(), /Converted at 1 USD = 7\.3 CNY/);
    await close();
  });

  test('providers= keeps the picker and "Add a line" to the host\'s cards; brand= names the header', async () => {
    const { page, errors, close } = await open('/own.html');
    const own = await element(page, 'own');
    assert.equal((await own.page.getByTestId('brand').textContent()).trim(), 'Acme Cloud');
    assert.ok(!(await own.page.getByTestId('header').textContent()).includes('Ratecard'));
    await own.line(1).getByRole('button', { name: 'Change model' }).click();
    const offered = await own.line(1).getByTestId('model-option').evaluateAll((all) =>
      all.map((b) => b.dataset.provider),
    );
    assert.deepEqual([...new Set(offered)], [HY, 'tencent-tokenhub-intl'], "only the host's cards, its own first");
    await page.keyboard.press('Escape');
    await own.page.getByRole('button', { name: 'Add a line' }).click();
    const lines = (await own.estimate()).lines;
    assert.equal(lines.length, 2);
    assert.deepEqual([lines[1].provider, lines[1].model], [HY, 'Image Style Transfer'], 'no GLM-5 from TokenHub');
    await page.keyboard.press('Escape');
    await matchesCli(own);
    assert.equal((await own.total()).currency, 'USD');

    // hidden="add,header,share,language": no header at all, no add button.
    const bare = await element(page, 'bare');
    assert.equal(await bare.page.getByTestId('header').isVisible(), false);
    assert.equal(await bare.page.getByTestId('add-line').count(), 0);
    assert.equal(await bare.page.getByText('Ratecard').count(), 0);
    await matchesCli(bare);

    // provider= alone: the card's first model, and the picker lists that card first.
    const first = await element(page, 'first');
    assert.equal((await first.estimate()).lines[0].provider, HY);
    await first.line(1).getByRole('button', { name: 'Change model' }).click();
    assert.equal(await first.line(1).getByTestId('model-option').first().getAttribute('data-provider'), HY);
    assert.deepEqual(errors, []);
    await close();
  });

  test('providers= and brand= reach the iframe through its query string', async () => {
    const { page, close } = await open(`frame.html?provider=${HY}&providers=${HY}&brand=Acme%20Cloud&locale=en`);
    await page.getByTestId('total').waitFor();
    assert.equal((await page.getByTestId('brand').textContent()).trim(), 'Acme Cloud');
    await page.getByRole('button', { name: 'Add a line' }).click();
    const offered = await page.getByTestId('model-option').evaluateAll((all) => all.map((b) => b.dataset.provider));
    assert.deepEqual([...new Set(offered)], [HY]);
    await close();
  });

  test('an unknown provider or model is named as such, and nothing from another card is put in its place', async () => {
    const { page, close } = await open('/bad.html');
    const badp = await element(page, 'badp');
    const problems = await badp.linkProblems();
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(problems[0], /^provider: there is no rate card "hunyuan-image" \(known: .*hunyuan-image-global/);
    assert.equal(await badp.lineCount(), 0, 'no GLM-5 in its place');
    assert.ok(!(await badp.page.getByTestId('app').textContent()).includes('GLM-5'));

    const zh = await element(page, 'badpzh');
    assert.match((await zh.linkProblems())[0], /^provider：没有名为“hunyuan-image”的价目表（可用：/);
    assert.equal(await zh.lineCount(), 0);

    const badm = await element(page, 'badm');
    const [model] = await badm.linkProblems();
    assert.match(
      model,
      /^models: rate card "hunyuan-image-global" has no model "Image Style Transfr" \(its models: .*Image Style Transfer/,
    );
    assert.equal(await badm.lineCount(), 0, "no other model in the one the host named's place");

    const list = await element(page, 'badlist');
    assert.match((await list.linkProblems())[0], /^providers: there is no rate card "acme"/);
    assert.equal((await list.estimate()).lines[0].provider, HY, 'the known card of the list opens');
    await close();
  });
});

describe('the compact layout', () => {
  test('one image or token line fits in about 600 px at 400 px wide; rarely used fields are under More', async () => {
    const { page, close } = await open('/heights.html');
    const heights = {};
    for (const id of ['hy', 'glm']) {
      const calc = await element(page, id);
      await matchesCli(calc);
      heights[id] = await calc.element.evaluate((e) => Math.round(e.getBoundingClientRect().height));
      assert.ok(heights[id] <= 650, `#${id} is ${heights[id]} px tall`);
      const more = calc.line(1).getByTestId('more');
      assert.equal(await more.evaluate((d) => d.tagName), 'DETAILS');
      assert.equal(await more.evaluate((d) => d.open), false, 'closed when nothing in it is set');
    }
    console.log(`compact heights at 400 px: image line ${heights.hy} px, token line ${heights.glm} px`);
    const hy = await element(page, 'hy');
    // Concurrency and packages are not shown until More is opened.
    assert.equal(await hy.field(1, 'extra_concurrency').isVisible(), false);
    assert.equal(await hy.line(1).getByTestId('packages').isVisible(), false);
    await hy.line(1).getByText('更多').click();
    assert.equal(await hy.field(1, 'extra_concurrency').isVisible(), true);
    const glm = await element(page, 'glm');
    assert.equal(await glm.field(1, 'cached_tokens').isVisible(), false);

    // A link that buys packages opens More by itself, and the count says what it bought.
    const pkg = await element(page, 'pkg');
    assert.equal(await pkg.line(1).getByTestId('more').evaluate((d) => d.open), true);
    assert.equal(await pkg.line(1).getByTestId('packages').isVisible(), true);
    assert.equal(await pkg.line(1).getByTestId('package-count-10000').inputValue(), '3', 'the count says what it bought');
    await matchesCli(pkg);
    // 3 x 10,000 = 30,000 images prepaid at 550 USD a package (seed 002): 1,650 USD.
    assert.equal((await pkg.total()).exact, cliQuote(await pkg.estimate()).total);
    assert.equal(digits((await pkg.total()).text), '1650.00');
    await close();
  });
});

describe('accessibility', () => {
  for (const colorScheme of ['light', 'dark']) {
    for (const locale of ['en-US', 'zh-CN']) {
      test(`no axe-core violations on the page, ${colorScheme}, ${locale}, picker open`, async () => {
        const { page, close } = await open('index.html#p=tencent-tokenhub&m=GLM-5&rq=1000&in=2000&out=500', {
          colorScheme,
          locale,
        });
        await page.getByTestId('total').waitFor();
        assert.deepEqual(await axe(page), []);
        await page.getByTestId('change-model').first().click();
        await page.getByTestId('model-option').first().waitFor();
        assert.deepEqual(await axe(page), [], 'picker open');
        await close();
      });

      test(`no axe-core violations with two elements on a host page, ${colorScheme}, ${locale}, picker open`, async () => {
        const { page, close } = await open('/two.html', { colorScheme, locale });
        const one = await element(page, 'one');
        await element(page, 'two');
        assert.deepEqual(await axe(page), []);
        await one.line(1).getByTestId('change-model').click();
        await one.line(1).getByTestId('model-option').first().waitFor();
        assert.deepEqual(await axe(page), [], 'picker open');
        await close();
      });
    }
  }

  test('a host accent that fails AA contrast is reported in the console, with its colour and ratio', async () => {
    const { page, warnings, close } = await open('/accent.html');
    await element(page, 'pale');
    await element(page, 'fine');
    const about = warnings.filter((w) => w.startsWith('Ratecard: the accent colour'));
    assert.equal(about.length, 1, about.join('\n'));
    // WCAG relative luminance: #ff9ebb is 0.2126 x 1 + 0.7152 x 0.3419 + 0.0722 x 0.4969 = 0.4930;
    // the light background #f4f5f8 is 0.9132; (0.9132 + 0.05) / (0.4930 + 0.05) = 1.774, shown
    // rounded down. #0a7f5a against it: (0.9132 + 0.05) / (0.1598 + 0.05) = 4.59, which passes.
    assert.match(about[0], /#ff9ebb/);
    assert.match(about[0], /contrast ratio of 1\.77:1 against the background rgb\(244, 245, 248\) \(--rc-bg\)/);
    assert.match(about[0], /id="pale"/);
    assert.match(about[0], /4\.5:1/);
    await close();
  });
});

describe('the model picker by keyboard', () => {
  test('Enter takes the first result, the arrows move through results, Escape closes', async () => {
    const { page, errors, close } = await open('index.html#p=tencent-tokenhub&m=GLM-5&rq=1000&in=2000&out=500');
    const calc = new Calculator(page);
    calc.errors = errors;
    await page.getByTestId('total').waitFor();
    const toggle = page.getByTestId('change-model').first();
    const search = page.getByTestId('model-search');
    // Enter on "Change model" opens the picker with the focus in the search.
    await toggle.press('Enter');
    await search.waitFor();
    assert.equal(await search.evaluate((el) => el === document.activeElement), true);
    await page.keyboard.type('Image Style');
    await page.keyboard.press('Enter');
    await search.waitFor({ state: 'detached' });
    assert.equal((await calc.estimate()).lines[0].model, 'Image Style Transfer');
    assert.equal(await toggle.evaluate((el) => el === document.activeElement), true, 'focus back on the toggle');

    // ArrowDown twice, ArrowUp once: the second result has the focus, then the first; Enter takes it.
    await toggle.press('Enter');
    await page.keyboard.type('deepseek');
    const names = await page.getByTestId('model-option').evaluateAll((all) => all.map((b) => b.dataset.model));
    assert.ok(names.length >= 3, names.join());
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const focused = () => page.evaluate(() => document.activeElement?.dataset?.model ?? null);
    assert.equal(await focused(), names[2]);
    await page.keyboard.press('ArrowUp');
    assert.equal(await focused(), names[1]);
    await page.keyboard.press('Enter');
    await search.waitFor({ state: 'detached' });
    assert.equal((await calc.estimate()).lines[0].model, names[1]);

    // ArrowUp from the first result goes back to the search; Escape closes without a change.
    await toggle.press('Enter');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    assert.equal(await search.evaluate((el) => el === document.activeElement), true);
    await page.keyboard.press('Escape');
    await search.waitFor({ state: 'detached' });
    assert.equal((await calc.estimate()).lines[0].model, names[1]);
    await matchesCli(calc);
    await close();
  });
});

describe('screenshots', () => {
  for (const [name, colorScheme, width] of [
    ['embed-provider-zh-light', 'light', 1000],
    ['embed-provider-zh-dark', 'dark', 1000],
    ['embed-provider-zh-phone', 'light', 375],
  ]) {
    test(name, async () => {
      const { page, close } = await open('/issue.html', {
        colorScheme,
        viewport: { width, height: 800 },
        deviceScaleFactor: width < 400 ? 2 : 1,
      });
      const calc = await element(page, 'hy');
      if (width < 400) await page.addStyleTag({ content: '.col{width:auto;margin:8px}' });
      await calc.element.screenshot({ path: resolve(SHOTS, `${name}.png`) });
      await close();
    });
  }
});
