// End-to-end tests of deep links and persistence: the estimate in the URL fragment and in
// localStorage. Every total is checked against `ratecard quote --json` on the same estimate.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

import { Calculator, cliLink } from './calculator.mjs';
import { ROOT, matchesCli, useWidget } from './harness.mjs';

const TOKENHUB = 'Tencent Cloud TokenHub';
const widget = useWidget();
const open = widget.open;

/** A second page in the same context (same storage) on `path`. */
async function openBeside(calc, path = '') {
  const page = await calc.context.newPage();
  const other = new Calculator(page);
  other.errors = [];
  page.on('pageerror', (e) => other.errors.push(e.message));
  await other.open(widget.server.url + path);
  return other;
}

/** Waits until the URL fragment has caught up with the estimate. */
async function settled(calc) {
  await calc.page.waitForFunction(() => location.hash.length > 1);
  // The page writes its URL a quarter second after the last edit.
  await calc.page.waitForTimeout(400);
}

describe('deep links', () => {
  test('a link round trip opens the same estimate and the same exact total', async () => {
    const calc = await open('', { permissions: ['clipboard-read', 'clipboard-write'] });
    const entries = await calc.page.evaluate(() => history.length);
    await calc.addLine('HY-Image-V3.0', TOKENHUB, 'Image');
    await calc.fill(2, 'images', '120');
    await calc.fill(1, 'input_tokens', '40000');
    await calc.setFreeTrial(1, 'off');
    await calc.setDiscount('Channel', '0.9');
    await calc.setCurrency('USD');
    await calc.setRate('7.1');
    // Back in the lines, so the link carries no view (as `ratecard link` writes it).
    await calc.field(1, 'requests').focus();
    await settled(calc);
    const built = await matchesCli(calc);
    const estimate = await calc.estimate();
    const fragment = await calc.fragment();
    assert.equal(fragment, cliLink(estimate), 'the URL fragment is what `ratecard link` writes');
    assert.equal(await calc.page.evaluate(() => history.length), entries, 'edits replace the history entry');

    assert.equal(await calc.copyLink(), 'Link copied');
    const copied = await calc.page.evaluate(() => navigator.clipboard.readText());
    assert.equal(copied, calc.page.url());

    const other = await open(`#${fragment}`);
    assert.deepEqual(await other.linkProblems(), []);
    assert.deepEqual(await other.estimate(), estimate);
    const opened = await matchesCli(other);
    assert.equal(opened.exact, built.exact);
    assert.equal(await other.lineCount(), 2);
    await other.close();
    await calc.close();
  });

  test('a hand-written short link opens its line and total', async () => {
    const calc = await open('#p=tencent-tokenhub&m=GLM-5&in=40000&rq=1000');
    // A hand-written token line without out= says that output is priced as 0 (issue 13).
    assert.deepEqual(await calc.linkProblems(), [
      'line 1: note: no output tokens given (out=), so output is priced as 0 tokens per request',
    ]);
    const estimate = await calc.estimate();
    assert.deepEqual(estimate.lines, [
      { provider: 'tencent-tokenhub', model: 'GLM-5', requests: '1000', input_tokens: '40000' },
    ]);
    assert.equal(await calc.lineCount(), 1);
    assert.equal(await calc.field(1, 'input_tokens').inputValue(), '40000');
    assert.equal(await calc.field(1, 'output_tokens').inputValue(), '');
    await matchesCli(calc);
    await calc.close();
  });

  test('a bad link names what was wrong, keeps what was valid, and still shows the calculator', async () => {
    const calc = await open('#p=tencent-tokenhub&m=GLM-6&in=4x0');
    const problems = await calc.linkProblems();
    assert.ok(problems.some((p) => p.includes('in') && p.includes('"4x0" is not a number')), problems.join('\n'));
    assert.ok(problems.some((p) => p.includes('"GLM-6"')), problems.join('\n'));
    const estimate = await calc.estimate();
    assert.equal(estimate.lines.length, 1);
    assert.equal(estimate.lines[0].provider, 'tencent-tokenhub');
    assert.equal(estimate.lines[0].model, 'GLM-6');
    assert.equal(estimate.lines[0].input_tokens, undefined);
    await assert.doesNotReject(calc.page.getByRole('heading', { name: 'Ratecard' }).waitFor());
    await assert.doesNotReject(calc.page.getByRole('button', { name: 'Add a line' }).waitFor());
    assert.deepEqual(calc.errors, [], 'no page errors');
    const dir = resolve(ROOT, 'screenshots');
    mkdirSync(dir, { recursive: true });
    await calc.page.screenshot({ path: resolve(dir, 'desktop-link-problems.png') });
    await calc.page.getByRole('button', { name: 'Dismiss' }).click();
    await calc.page.getByTestId('link-problems').waitFor({ state: 'detached' });
    await calc.close();

    // A valid line beside bad keys and a link cut short: the valid values are kept and priced.
    const mixed = await open('#v=1&p=tencent-tokenhub&m=GLM-5&in=3000&out=abc&rq=10&bogus=1');
    const named = await mixed.linkProblems();
    assert.ok(named.some((p) => p.includes('out') && p.includes('"abc"')), named.join('\n'));
    assert.ok(named.some((p) => p.includes('"bogus"')), named.join('\n'));
    assert.ok(named.some((p) => p.includes('cut short')), named.join('\n'));
    const kept = (await mixed.estimate()).lines[0];
    assert.equal(kept.input_tokens, '3000');
    assert.equal(kept.requests, '10');
    await matchesCli(mixed);
    await mixed.close();
  });

  test('a link carries the view the visitor works in and opens at it', async () => {
    // Working in the discounts panel puts view=discounts in the link; opening it opens the panel.
    const calc = await open('#p=tencent-tokenhub&m=GLM-5&in=40000&rq=1000');
    assert.equal(await calc.page.locator('details[data-view="discounts"]').getAttribute('open'), null);
    await calc.setDiscount('Channel', '0.9');
    await settled(calc);
    assert.match(calc.page.url(), /[#&]view=discounts(&|$)/);
    const fragment = await calc.fragment();
    const other = await open(`#${fragment}`);
    assert.deepEqual(await other.linkProblems(), []);
    assert.notEqual(await other.page.locator('details[data-view="discounts"]').getAttribute('open'), null);
    await matchesCli(other);
    await other.close();
    // Back in the lines, the view is the default and is not written.
    await calc.field(1, 'requests').focus();
    await settled(calc);
    assert.doesNotMatch(calc.page.url(), /view=/);
    await calc.close();

    // A hand-written link can open at the quote: the page scrolls to it.
    const quote = await open('#p=tencent-tokenhub&m=GLM-5&in=40000&out=500&rq=1000&view=quote', { viewport: { width: 1280, height: 700 } });
    await quote.page.waitForFunction(() => {
      const r = document.querySelector('[data-view="quote"]').getBoundingClientRect();
      // Scrolled to the top of the viewport, give or take a fraction of a pixel of rounding.
      return r.top > -1 && r.top < innerHeight;
    });
    assert.deepEqual(await quote.linkProblems(), []);
    await quote.close();

    // An unknown view is named, and the rest of the link is kept.
    const bad = await open('#p=tencent-tokenhub&m=GLM-5&in=40000&rq=1000&view=charts');
    const problems = await bad.linkProblems();
    assert.ok(problems.some((p) => p.includes('unknown view "charts"') && p.includes('discounts, breakdown, quote')), problems.join('\n'));
    assert.equal((await bad.estimate()).lines[0].input_tokens, '40000');
    await matchesCli(bad);
    await bad.close();
  });

  test('a link from another catalog version says prices may differ', async () => {
    const calc = await open('#p=tencent-tokenhub&m=GLM-5&in=40000&rq=1000&cat=00000000');
    const problems = await calc.linkProblems();
    assert.ok(problems.some((p) => p.includes('another catalog version')), problems.join('\n'));
    await matchesCli(calc);
    await calc.close();
  });
});

describe('persistence', () => {
  test('a reload keeps the estimate, the saved one opens without a link, and Reset clears it', async () => {
    const calc = await open();
    await calc.fill(1, 'requests', '777');
    await calc.addLine('HY-Image-V3.0', TOKENHUB, 'Image');
    await settled(calc);
    const edited = await matchesCli(calc);
    const estimate = await calc.estimate();
    const saved = await calc.page.evaluate(() => localStorage.getItem('ratecard:estimate'));
    assert.equal(saved, await calc.fragment(), 'storage holds the link fragment');

    await calc.page.reload();
    await calc.page.getByTestId('total').waitFor();
    assert.deepEqual(await calc.estimate(), estimate);
    assert.equal((await matchesCli(calc)).exact, edited.exact);

    const bare = await openBeside(calc);
    assert.deepEqual(await bare.estimate(), estimate, 'the saved estimate opens without a link');
    assert.equal((await matchesCli(bare)).exact, edited.exact);

    const linked = await openBeside(calc, '#p=tencent-tokenhub&m=GLM-5&in=40000&rq=1000');
    assert.equal((await linked.estimate()).lines[0].requests, '1000', 'a link wins over storage');
    await linked.page.close();

    await bare.reset();
    assert.equal(await bare.lineCount(), 1);
    const fresh = await bare.estimate();
    assert.equal(fresh.lines[0].requests, '1000');
    assert.equal(fresh.lines[0].input_tokens, '2000');
    await matchesCli(bare);
    assert.equal(await bare.page.evaluate(() => localStorage.getItem('ratecard:estimate')), null);
    await bare.page.close();

    const after = await openBeside(calc);
    assert.equal((await after.estimate()).lines.length, 1);
    assert.equal((await after.estimate()).lines[0].requests, '1000', 'after Reset the default opens');
    await calc.close();
  });
});
