// End-to-end tests of the release build in headless Chromium. Every case checks the widget's total
// against `ratecard quote --json` on the same estimate.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

import { cliQuote, digits } from './calculator.mjs';
import { ROOT, matchesCli, useWidget } from './harness.mjs';

const TOKENHUB = 'Tencent Cloud TokenHub';
const widget = useWidget();
const open = (options = {}) => widget.open('', options);

/** Runs in the page: every visible text whose contrast with its background is below WCAG AA. */
function contrastFailures() {
  const parse = (c) => {
    const m = c.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const [r, g, b, a = 1] = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return { r, g, b, a };
  };
  const lum = ({ r, g, b }) => {
    const f = (v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c.a >= 0.99) return c;
    }
    return parse(getComputedStyle(document.body).backgroundColor) ?? { r: 255, g: 255, b: 255 };
  };
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!n.textContent.trim() || !el || el.closest('script, [aria-hidden=true], :disabled, .rc-visually-hidden')) continue;
    const style = getComputedStyle(el);
    const rect = el.getBoundingClientRect();
    if (style.visibility === 'hidden' || rect.width === 0 || rect.height === 0) continue;
    const fg = parse(style.color);
    const bg = background(el);
    const [l1, l2] = [lum(fg), lum(bg)].sort((a, b) => b - a);
    const ratio = (l1 + 0.05) / (l2 + 0.05);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5)) out.push(`${n.textContent.trim().slice(0, 30)}: ${ratio.toFixed(2)}`);
  }
  return out;
}

describe('the widget', () => {
  test('opens on a TokenHub GLM-5 line in CNY that matches the CLI', async () => {
    const calc = await open();
    const estimate = await calc.estimate();
    assert.equal(estimate.currency, 'CNY');
    assert.equal(estimate.lines[0].model, 'GLM-5');
    await matchesCli(calc);
    await calc.close();
  });

  test('a text model across a tier boundary', async () => {
    const calc = await open();
    await calc.line(1).getByRole('button', { name: '32k input tokens' }).click();
    assert.match(await calc.tierHint(1), /\(0, 32k\]/);
    const low = await matchesCli(calc);
    await calc.fill(1, 'input_tokens', '32001');
    assert.match(await calc.tierHint(1), /32k\+/);
    const high = await matchesCli(calc);
    assert.ok(Number(high.exact) > Number(low.exact));
    await calc.close();
  });

  test('a cache share', async () => {
    const calc = await open();
    await calc.fill(1, 'input_tokens', '8000');
    await calc.fill(1, 'cached_tokens', '6000');
    await matchesCli(calc);
    await calc.line(1).getByRole('button', { name: '50% of input tokens cached' }).click();
    assert.equal((await calc.estimate()).lines[0].cached_tokens, '4000');
    assert.equal(await calc.field(1, 'cached_tokens').inputValue(), '4000');
    await matchesCli(calc);
    await assert.doesNotReject(calc.page.getByTestId('breakdown').getByText('Cached input tokens').waitFor());
    await calc.close();
  });

  test('an image line added to a text line', async () => {
    const calc = await open();
    await calc.addLine('HY-Image-V3.0', TOKENHUB, 'Image');
    await calc.fill(2, 'images', '120');
    assert.equal(await calc.lineCount(), 2);
    await matchesCli(calc);
    await calc.close();
  });

  test('a video line by resolution', async () => {
    const calc = await open();
    await calc.chooseModel(1, 'YT-Video-2.0', TOKENHUB, 'Video');
    await calc.fill(1, 'calls', '40');
    await calc.setFreeTrial(1, 'off');
    await calc.setResolution(1, '480p');
    const low = await matchesCli(calc);
    await calc.setResolution(1, '1080p');
    const high = await matchesCli(calc);
    assert.ok(Number(high.exact) > Number(low.exact));
    const estimate = await calc.estimate();
    assert.equal(estimate.lines[0].resolution, '1080p');
    assert.equal(estimate.lines[0].requests, undefined, 'token fields are dropped with the text model');
    await calc.close();
  });

  test('a 3D range', async () => {
    const calc = await open();
    await calc.chooseModel(1, 'HY-3D-3.0', TOKENHUB, '3D');
    await calc.fill(1, 'calls', '200');
    await matchesCli(calc);
    await assert.doesNotReject(calc.page.getByTestId('total-range').waitFor());
    await calc.fill(1, 'credits', '30');
    await matchesCli(calc);
    await calc.close();
  });

  test('free trial on and off', async () => {
    const calc = await open();
    const on = await matchesCli(calc);
    await calc.setFreeTrial(1, 'off');
    const off = await matchesCli(calc);
    assert.ok(Number(off.exact) > Number(on.exact));
    await calc.setFreeTrial(1, 'remaining');
    await calc.fill(1, 'free_remaining', '250000');
    const some = await matchesCli(calc);
    assert.ok(Number(some.exact) > Number(on.exact) && Number(some.exact) < Number(off.exact));
    await calc.close();
  });

  test('discounts', async () => {
    const calc = await open();
    await calc.setFreeTrial(1, 'off');
    const full = await matchesCli(calc);
    await calc.setDiscount('Channel', '0.9');
    await calc.setDiscount('User', '0.95');
    const discounted = await matchesCli(calc);
    assert.ok(Number(discounted.exact) < Number(full.exact));
    await assert.doesNotReject(calc.page.getByTestId('breakdown').getByText('Channel discount').waitFor());
    await calc.close();
  });

  test('the currency switch and the rate', async () => {
    const calc = await open();
    await calc.addLine('FLUX1.1 [pro]', 'USD API gateway (aggregator)', 'Image');
    await matchesCli(calc);
    await calc.setCurrency('USD');
    const usd = await matchesCli(calc);
    assert.equal(usd.currency, 'USD');
    assert.match(usd.text, /\$/);
    await calc.setRate('7.1');
    await matchesCli(calc);
    await calc.close();
  });

  test('an invalid field shows its message while the other lines keep their total', async () => {
    const calc = await open();
    const before = await calc.total();
    await calc.addLine('HY-Image-V3.0', TOKENHUB, 'Image');
    assert.notEqual((await calc.total()).exact, before.exact);
    await calc.fill(2, 'images', 'abc');
    await assert.doesNotReject(calc.fieldError(2, 'images').getByText('"abc" is not a number').waitFor());
    assert.equal(await calc.field(2, 'images').getAttribute('aria-invalid'), 'true');
    const after = await calc.total();
    assert.equal(after.exact, before.exact, 'the total is the first line alone');
    const estimate = await calc.estimate();
    const cli = cliQuote({ ...estimate, lines: [estimate.lines[0]] });
    assert.equal(after.exact, cli.total);
    await calc.fill(2, 'images', '-5');
    await assert.doesNotReject(calc.fieldError(2, 'images').getByText('negative').waitFor());
    await calc.fill(1, 'input_tokens', '200000000');
    await assert.doesNotReject(calc.fieldError(1, 'input_tokens').getByText(/limit|largest tier/).waitFor());
    assert.deepEqual(calc.errors, []);
    await calc.close();
  });

  test('duration pricing with an entered unit price, and the priority flag', async () => {
    const calc = await open();
    await calc.chooseModel(1, 'Fine-tuning', 'UCloud ModelVerse', 'Other');
    await assert.doesNotReject(calc.fieldError(1, 'unit_price').getByText(/price/).waitFor());
    await calc.fill(1, 'hours', '12.5');
    await calc.fill(1, 'unit_price', '30');
    await calc.fill(1, 'label', 'Nightly fine-tune');
    await matchesCli(calc);
    await calc.addLine('Veo 3.1 Standard 720p/1080p', 'USD API gateway (aggregator)', 'Video');
    await calc.fill(2, 'seconds', '8');
    const normal = await matchesCli(calc);
    await calc.line(2).getByLabel(/Priority/).check();
    const priority = await matchesCli(calc);
    assert.ok(Number(priority.exact) > Number(normal.exact));
    assert.equal((await calc.estimate()).lines[0].label, 'Nightly fine-tune');
    await calc.close();
  });

  test('lines can be duplicated, reordered and removed from the keyboard', async () => {
    const calc = await open();
    await calc.line(1).getByRole('button', { name: 'Duplicate line 1' }).focus();
    await calc.page.keyboard.press('Enter');
    assert.equal(await calc.lineCount(), 2);
    await calc.fill(2, 'requests', '5');
    await calc.line(2).getByRole('button', { name: 'Move line 2 up' }).focus();
    await calc.page.keyboard.press('Enter');
    assert.equal((await calc.estimate()).lines[0].requests, '5');
    await matchesCli(calc);
    await calc.line(1).getByRole('button', { name: 'Remove line 1' }).click();
    assert.equal(await calc.lineCount(), 1);
    await matchesCli(calc);
    await calc.close();
  });

  test('the model picker works from the keyboard', async () => {
    const calc = await open();
    const page = calc.page;
    await calc.line(1).getByRole('button', { name: 'Change model' }).focus();
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'model-search');
    await page.keyboard.press('Escape');
    await calc.line(1).getByTestId('model-picker').waitFor({ state: 'detached' });
    assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'change-model');
    await page.keyboard.press('Enter');
    await page.keyboard.type('HY-Image-V3');
    await page.keyboard.press('Tab'); // the kind filter (one radio group)
    await page.keyboard.press('Tab'); // the first matching model
    await page.keyboard.press('Enter');
    assert.equal((await calc.estimate()).lines[0].model, 'HY-Image-V3.0');
    assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'change-model');
    await matchesCli(calc);
    await calc.close();
  });

  for (const scheme of ['light', 'dark']) {
    test(`text contrast meets WCAG AA (${scheme})`, async () => {
      const calc = await open({ colorScheme: scheme });
      await calc.setDiscount('Channel', '0.9');
      await calc.line(1).getByRole('button', { name: 'Change model' }).click();
      const failures = await calc.page.evaluate(contrastFailures);
      assert.deepEqual(failures, []);
      await calc.close();
    });
  }

  test('the paste box estimates tokens with the core rule', async () => {
    const calc = await open();
    await calc.line(1).getByText('Estimate input tokens from text').click();
    await calc.line(1).getByLabel('Paste a typical prompt').fill('Hello, brave world!');
    await assert.doesNotReject(calc.line(1).getByText('≈ 4 tokens').waitFor());
    await calc.line(1).getByRole('button', { name: 'Use as input tokens' }).click();
    assert.equal((await calc.estimate()).lines[0].input_tokens, '4');
    await matchesCli(calc);
    await calc.close();
  });
});

describe('screenshots', () => {
  const dir = resolve(ROOT, 'screenshots');
  mkdirSync(dir, { recursive: true });
  for (const [device, width, height] of [
    ['desktop', 1280, 900],
    ['phone', 375, 812],
  ]) {
    for (const scheme of ['light', 'dark']) {
      test(`${device} ${scheme}`, async () => {
        const calc = await open({ viewport: { width, height }, colorScheme: scheme });
        await calc.addLine('HY-Image-V3.0', TOKENHUB, 'Image');
        await calc.addLine('YT-Video-2.0', TOKENHUB, 'Video');
        await calc.addLine('HY-3D-3.0', TOKENHUB, '3D');
        await calc.setDiscount('Channel', '0.9');
        await calc.page.evaluate(() => window.scrollTo(0, 0));
        await calc.page.screenshot({ path: resolve(dir, `${device}-${scheme}.png`), fullPage: true });
        const overflow = await calc.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `no horizontal overflow at ${width}px (${overflow}px)`);
        await calc.page.getByRole('button', { name: 'Change model' }).first().click();
        await calc.page.screenshot({ path: resolve(dir, `${device}-${scheme}-picker.png`) });
        await calc.close();
      });
    }
  }
});

describe('the chart', () => {
  test('bars follow the largest line, and a new scale redraws no bar', async () => {
    // 1,000 and 2,000 FLUX1.1 [pro] images at 0.04 USD: 40 and 80 USD, so the first bar is half
    // the second; at 4,000 images (160 USD) the first is a quarter of the new largest.
    const calc = await widget.open('#p=gateway&m=FLUX1.1+[pro]&img=1000&p=gateway&m=FLUX1.1+[pro]&img=2000');
    const { page } = calc;
    await matchesCli(calc);
    const widths = () =>
      page.getByTestId('chart').locator('.rc-chart__row').evaluateAll((rows) =>
        rows.map((r) => [...r.querySelectorAll('.rc-chart__seg')].reduce((w, s) => w + s.getBoundingClientRect().width, 0)),
      );
    const [a, b] = await widths();
    assert.ok(Math.abs(a / b - 0.5) < 0.01, `${a} / ${b}`);
    // Mark line 1's bar: a redraw would replace it.
    await page.getByTestId('chart').locator('.rc-chart__row').first().locator('svg').evaluate((s) => (s.dataset.mark = 'kept'));
    await calc.fill(2, 'images', '4000');
    await page.getByTestId('chart').getByText('$160.00', { exact: true }).waitFor();
    const [c, d] = await widths();
    assert.ok(Math.abs(c / d - 0.25) < 0.01, `${c} / ${d}`);
    assert.equal(await page.locator('svg[data-mark=kept]').count(), 1, "line 1's bar was not redrawn");
    await calc.close();
  });
});
