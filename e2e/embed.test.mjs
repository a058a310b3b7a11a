// End-to-end tests of embedding: the <ratecard-calculator> element (two instances on one page, one
// themed, one compact with discounts hidden), style isolation both ways, the ratecard:change event,
// the iframe (resize and the origin allow-list, with the host on a second origin) and the docs
// page's deep links. Every total is checked against `ratecard quote --json` on the same estimate.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

import { launch } from './browser.mjs';
import { Calculator, cliLink, cliQuote } from './calculator.mjs';
import { EmbeddedCalculator, FramedCalculator, recordChanges } from './embedded.mjs';
import { matchesCli } from './harness.mjs';
import { serve } from './server.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const DIST = process.env.RATECARD_DIST ?? resolve(ROOT, 'dist');
const SHOTS = resolve(ROOT, 'screenshots');
const TOKENHUB = 'Tencent Cloud TokenHub';
let server;
/** The same files on another port: another origin, for the iframe's origin check. */
let other;
let browser;

before(async () => {
  server = await serve(DIST);
  other = await serve(DIST);
  browser = await launch();
  mkdirSync(SHOTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  await server?.close();
  await other?.close();
});

/** A fresh context on `url`, recording ratecard:change events and page errors. */
async function open(url, options = {}) {
  const context = await browser.newContext({
    locale: 'en-US',
    colorScheme: 'light',
    viewport: { width: 1280, height: 900 },
    ...options,
  });
  await context.addInitScript(recordChanges);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  return { page, errors, close: () => context.close() };
}

/** Waits until the element's last ratecard:change carries `exact` as its total; returns it. */
async function lastChange(calc, exact) {
  await calc.hostPage.waitForFunction(
    ([id, exact]) => (window.__ratecardChanges ?? []).filter((c) => c.target === id).at(-1)?.total === exact,
    [await calc.element.getAttribute('id'), exact],
  );
  return (await calc.changes()).at(-1);
}

/** Polls `check` until it is true (at most 5 s). */
async function until(check, what) {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await new Promise((done) => setTimeout(done, 50));
  }
  assert.fail(`timed out waiting: ${what}`);
}

const rgb = (hex) => {
  const n = parseInt(hex.slice(1), 16);
  return `rgb(${n >> 16}, ${(n >> 8) & 255}, ${n & 255})`;
};

describe('the <ratecard-calculator> element', () => {
  test('two instances on one page: own estimates, totals equal to the CLI, independent edits', async () => {
    const { page, errors, close } = await open(`${server.url}examples/pricing.html`);
    const themed = new EmbeddedCalculator(page, '#plan-calculator');
    const compact = new EmbeddedCalculator(page, '#quick-calculator');
    await themed.ready();
    await compact.ready();

    // The attributes set each instance up.
    const themedEstimate = await themed.estimate();
    assert.deepEqual(
      themedEstimate.lines.map((l) => [l.provider, l.model]),
      [
        ['tencent-tokenhub', 'GLM-5'],
        ['tencent-tokenhub', 'Deepseek-v3.2'],
      ],
    );
    assert.equal(themedEstimate.currency, 'USD');
    const compactEstimate = await compact.estimate();
    assert.deepEqual(compactEstimate.lines, [
      { provider: 'tencent-tokenhub', model: 'GLM-5', requests: '20000', input_tokens: '3000', output_tokens: '800' },
    ]);
    assert.equal(compactEstimate.currency, 'CNY');
    const themedStart = await matchesCli(themed);
    const compactStart = await matchesCli(compact);
    assert.equal(themedStart.currency, 'USD');
    assert.equal(compactStart.currency, 'CNY');

    // Typing in one instance changes its total only (Leptos' handlers work in the shadow root).
    await themed.fill(1, 'requests', '250000');
    await page.waitForFunction(
      ([before]) =>
        document.querySelector('#plan-calculator').shadowRoot.querySelector('[data-testid=total]').dataset.exact !== before,
      [themedStart.exact],
    );
    const themedTyped = await matchesCli(themed);
    assert.notEqual(themedTyped.exact, themedStart.exact);
    assert.equal((await compact.total()).exact, compactStart.exact, 'the other instance did not change');
    assert.equal((await themed.estimate()).lines[0].requests, '250000');

    // Clicking in the compact instance: a line added through the picker.
    await compact.addLine('Deepseek-v3.2', TOKENHUB);
    assert.equal(await compact.lineCount(), 2);
    const compactClicked = await matchesCli(compact);
    assert.notEqual(compactClicked.exact, compactStart.exact);
    assert.equal((await themed.total()).exact, themedTyped.exact, 'the other instance did not change');
    assert.equal(await themed.lineCount(), 2);

    // ratecard:change: the estimate document, the exact total and the currency, per element.
    const themedChange = await lastChange(themed, themedTyped.exact);
    assert.deepEqual(themedChange.estimate, await themed.estimate());
    assert.equal(themedChange.currency, 'USD');
    const compactChange = await lastChange(compact, compactClicked.exact);
    assert.deepEqual(compactChange.estimate, await compact.estimate());
    assert.equal(compactChange.currency, 'CNY');
    const compactCli = cliQuote(compactChange.estimate);
    assert.equal(compactCli.total, compactChange.total);
    assert.equal(compactCli.total_rounded, compactChange.total_rounded);
    // The host page's own listener shows it, rounded for display.
    assert.equal(await page.locator('#quick-total').textContent(), `CNY ${compactCli.total_rounded} per month`);

    await page.screenshot({ path: resolve(SHOTS, 'embed-pricing.png'), fullPage: true });

    // Removing one element unmounts it; the other keeps working.
    await compact.element.evaluate((el) => el.remove());
    await themed.fill(1, 'requests', '1000');
    const again = await matchesCli(themed);
    assert.notEqual(again.exact, themedTyped.exact);
    await lastChange(themed, again.exact);
    assert.deepEqual(errors, [], 'no page errors');
    await close();
  });

  test("a host's attribute change keeps the visitor's edits; a new estimate replaces them", async () => {
    const { page, errors, close } = await open(`${server.url}examples/pricing.html`);
    const calc = new EmbeddedCalculator(page, '#plan-calculator');
    await calc.ready();
    await calc.fill(1, 'requests', '250000');
    await until(async () => (await calc.estimate()).lines[0].requests === '250000', 'the edit');
    const typed = await matchesCli(calc);
    assert.equal(typed.currency, 'USD');
    const change = await lastChange(calc, typed.exact);
    assert.match(change.link, /(^|&)rq=250000(&|$)/, 'ratecard:change carries the estimate as a link');

    // A site-wide currency switch sets the attribute: the instance follows and keeps the edit.
    await calc.element.evaluate((el) => el.setAttribute('currency', 'CNY'));
    await until(async () => (await calc.estimate()).currency === 'CNY', 'the currency attribute');
    await calc.ready();
    assert.equal((await calc.estimate()).lines[0].requests, '250000');
    assert.equal(await calc.lineCount(), 2);
    assert.equal((await matchesCli(calc)).currency, 'CNY');

    // The lines attribute sets a new estimate, which replaces the edits.
    await calc.element.evaluate((el) => el.setAttribute('lines', 'p=tencent-tokenhub&m=GLM-5&rq=10&in=100&out=10'));
    await until(async () => (await calc.lineCount()) === 1, 'the lines attribute');
    assert.equal((await calc.estimate()).lines[0].requests, '10');
    await matchesCli(calc);
    assert.deepEqual(errors, [], 'no page errors');
    await close();
  });

  test('two instances in two languages each format numbers in their own', async () => {
    // An Indian English browser: English groups by lakh (12,34,567), Chinese by thousand.
    const context = await browser.newContext({ locale: 'en-IN', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const lines = 'p=tencent-tokenhub&m=GLM-5&rq=100000000&in=2000&out=500';
    await page.route('**/two-languages.html', (r) =>
      r.fulfill({
        status: 200,
        contentType: 'text/html',
        body: `<!doctype html><html><body><script type="module" src="/ratecard-embed.js"></script>
          <ratecard-calculator id="en" locale="en" lines="${lines}"></ratecard-calculator>
          <ratecard-calculator id="zh" locale="zh-CN" lines="${lines}"></ratecard-calculator></body></html>`,
      }),
    );
    await page.goto(`${server.url}two-languages.html`);
    const en = new EmbeddedCalculator(page, '#en');
    const zh = new EmbeddedCalculator(page, '#zh');
    await en.ready();
    await zh.ready();
    // An edit in the first instance, after the second has started, re-formats its amounts.
    await en.fill(1, 'requests', '99999999');
    await en.fill(1, 'requests', '100000000');
    await until(async () => (await en.estimate()).lines[0].requests === '100000000', 'the edit');
    const [a, b] = [await en.total(), await zh.total()];
    assert.equal(a.exact, b.exact);
    assert.equal(cliQuote(await en.estimate()).total, a.exact);
    // By hand: 10^8 requests x 2,000 input tokens = 2 x 10^11, less 800,000 of the new-user
    // trial's 1,000,000 free tokens (shared 4:1 with output), at 4 CNY per 1M = 799,996.80; 5 x 10^10
    // output tokens less 200,000, at 18 CNY per 1M = 899,996.40. In all 1,699,993.20 CNY.
    assert.equal(a.exact.replace(/\.?0+$/, ''), '1699993.2');
    assert.ok(a.text.endsWith('16,99,993.20'), `English in an en-IN browser groups by lakh: ${a.text}`);
    assert.ok(b.text.endsWith('1,699,993.20'), `Chinese groups by thousand: ${b.text}`);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("an instance links to the calculator page and leaves the host's URL and storage alone", async () => {
    const { page, errors, close } = await open(`${server.url}examples/pricing.html`, {
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    await page.evaluate(() => localStorage.setItem('ratecard:estimate', 'the host page owns this'));
    const themed = new EmbeddedCalculator(page, '#plan-calculator');
    await themed.ready();
    await themed.fill(2, 'requests', '4200');
    const total = await matchesCli(themed);
    const estimate = await themed.estimate();
    assert.equal(await themed.copyLink(), 'Link copied');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(copied, `${server.url}index.html#${cliLink(estimate)}`, 'the page with `ratecard link` of the estimate');
    await themed.reset();
    assert.equal(await themed.lineCount(), 1);
    assert.equal(new URL(page.url()).hash, '', "the host's URL is untouched");
    assert.equal(await page.evaluate(() => localStorage.getItem('ratecard:estimate')), 'the host page owns this');

    // The copied link opens the page with the same estimate and total.
    const calc = new Calculator(await page.context().newPage());
    await calc.open(copied);
    assert.deepEqual(await calc.linkProblems(), []);
    assert.deepEqual(await calc.estimate(), estimate);
    assert.equal((await matchesCli(calc)).exact, total.exact);
    assert.deepEqual(errors, []);
    await close();
  });

  test('hidden controls and the compact layout', async () => {
    const { page, close } = await open(`${server.url}examples/pricing.html`);
    const themed = new EmbeddedCalculator(page, '#plan-calculator');
    const compact = new EmbeddedCalculator(page, '#quick-calculator');
    await themed.ready();
    await compact.ready();
    // The full instance shows discounts, share actions, chart and breakdown.
    assert.equal(await themed.page.getByTestId('discounts-toggle').count(), 1);
    assert.equal(await themed.page.getByRole('button', { name: 'Copy link' }).count(), 1);
    assert.equal(await themed.page.getByTestId('breakdown-line-total').count(), 2);
    // The compact one, hidden="discounts,share": no discounts, no share actions, lines and totals.
    assert.equal(await compact.page.getByTestId('discounts-toggle').count(), 0);
    assert.equal(await compact.page.getByRole('textbox', { name: 'Channel' }).count(), 0);
    assert.equal(await compact.page.getByRole('button', { name: 'Copy link' }).count(), 0);
    assert.equal(await compact.page.getByTestId('breakdown-line-total').count(), 0);
    assert.match(await compact.page.getByTestId('app').getAttribute('class'), /\brc-app--compact\b/);
    // It reads in its 360 px column: nothing wider than the element.
    const widths = await compact.element.evaluate((host) => ({
      host: host.getBoundingClientRect().width,
      widest: Math.max(...[...host.shadowRoot.querySelectorAll('*')].map((e) => e.getBoundingClientRect().right)) -
        host.getBoundingClientRect().left,
    }));
    assert.equal(widths.host, 360);
    assert.ok(widths.widest <= widths.host + 0.5, `content fits the column (${widths.widest} px)`);
    await compact.element.screenshot({ path: resolve(SHOTS, 'embed-compact.png') });

    // An instance is a region of the host page, not a second main landmark; the second element
    // on the page has a numbered name, so that the two regions' names differ.
    assert.equal(await page.getByRole('main').count(), 1, "only the host page's <main>");
    assert.equal(await themed.page.getByRole('region', { name: 'Ratecard', exact: true }).count(), 1);
    assert.equal(await compact.page.getByRole('region', { name: 'Ratecard 2', exact: true }).count(), 1);

    // The layout follows the element's width, not the window's: the full layout in 360 px has
    // one column and fits.
    await themed.element.evaluate((el) => (el.style.width = '360px'));
    const narrow = await themed.element.evaluate((host) => ({
      columns: getComputedStyle(host.shadowRoot.querySelector('.rc-app__body')).gridTemplateColumns.split(' ').length,
      overflow: host.shadowRoot.querySelector('.rc-host').scrollWidth - host.getBoundingClientRect().width,
    }));
    assert.deepEqual(narrow, { columns: 1, overflow: 0 });
    await themed.element.screenshot({ path: resolve(SHOTS, 'embed-full-360.png') });
    await close();
  });

  test('theming through custom properties, and the theme attribute', async () => {
    const { page, close } = await open(`${server.url}examples/pricing.html`);
    const themed = new EmbeddedCalculator(page, '#plan-calculator');
    const compact = new EmbeddedCalculator(page, '#quick-calculator');
    await themed.ready();
    await compact.ready();
    // --rc-accent: #0a7f5a on the element reaches the "Add a line" button and the logo.
    assert.equal(await themed.style('.rc-button--add', 'color'), rgb('#0a7f5a'));
    assert.equal(await themed.style('.rc-app__logo', 'background-color'), rgb('#0a7f5a'));
    assert.equal(await themed.style('.rc-app__logo', 'border-radius'), '4px');
    assert.equal(await themed.style('.rc-host', 'background-color'), rgb('#ffffff'));
    // The other instance keeps the default tokens.
    assert.equal(await compact.style('.rc-button--add', 'color'), rgb('#1b56c7'));
    assert.equal(await compact.style('.rc-host', 'background-color'), rgb('#f4f5f8'));
    // theme="dark" switches that instance to the dark tokens, without re-creating it.
    await compact.fill(1, 'requests', '30000');
    await compact.element.evaluate((el) => el.setAttribute('theme', 'dark'));
    assert.equal(await compact.style('.rc-host', 'background-color'), rgb('#0e1116'));
    assert.equal(await compact.style('.rc-button--add', 'color'), rgb('#8db1ff'));
    assert.equal(await compact.field(1, 'requests').inputValue(), '30000', 'the instance kept its state');
    assert.equal(await themed.style('.rc-button--add', 'color'), rgb('#0a7f5a'));
    await compact.element.screenshot({ path: resolve(SHOTS, 'embed-compact-dark.png') });
    await close();
  });

  test('styles do not leak: host CSS stays out, widget CSS stays in', async () => {
    const { page, close } = await open(`${server.url}examples/pricing.html`);
    const themed = new EmbeddedCalculator(page, '#plan-calculator');
    await themed.ready();
    const probe = () =>
      themed.element.evaluate((host) => {
        const pick = (css, props) => {
          const s = getComputedStyle(host.shadowRoot.querySelector(css));
          return props.map((p) => s.getPropertyValue(p));
        };
        return [
          pick('.rc-host', ['font-family', 'color', 'line-height', 'text-align', 'letter-spacing']),
          pick('.rc-button--add', ['background-color', 'border-radius', 'font-family', 'color', 'text-transform']),
          pick('[data-testid=total]', ['color', 'font-size', 'font-family']),
          pick('.rc-app__tagline', ['color', 'font-style']),
        ];
      });
    const before = await probe();
    // The host page's own CSS (serif body, pink buttons) did not reach in.
    assert.ok(!before[0][0].includes('Georgia'), `widget font: ${before[0][0]}`);
    assert.notEqual(before[1][0], 'rgb(255, 105, 180)', 'the page\'s pink buttons stay outside');
    // Hostile host CSS, added now, changes nothing inside.
    await page.addStyleTag({
      content: `* { color: red !important; font-family: monospace !important; letter-spacing: 3px !important; }
        button, p, div, h1 { background: hotpink !important; border-radius: 0 !important; font-style: italic !important; }
        .rc-button, .rc-host, .rc-app__tagline, [data-testid] { text-transform: uppercase !important; color: lime !important; }
        body { line-height: 3 !important; text-align: center !important; }
        html { font-size: 10px !important; }`,
    });
    assert.deepEqual(await probe(), before, 'the widget looks the same under hostile host CSS');

    // The widget's CSS does not reach the host: the page keeps its fonts and colours, and host
    // elements that happen to use the widget's class names are not styled by it.
    const host = await page.evaluate(() => {
      const div = document.createElement('div');
      div.className = 'rc-app rc-button rc-totals__amount';
      div.textContent = 'host element';
      document.querySelector('footer').append(div);
      const s = getComputedStyle(div);
      const talk = getComputedStyle(document.querySelector('aside button'));
      const body = getComputedStyle(document.body);
      return {
        padding: s.paddingTop,
        border: s.borderTopStyle,
        weight: s.fontWeight,
        maxWidth: s.maxWidth,
        talkBackground: talk.backgroundColor,
        bodyFont: body.fontFamily,
        rootTokens: getComputedStyle(document.documentElement).getPropertyValue('--rc-accent'),
      };
    });
    assert.deepEqual(host, {
      padding: '0px',
      border: 'none',
      weight: '400',
      maxWidth: 'none',
      talkBackground: 'rgb(255, 105, 180)',
      bodyFont: 'monospace',
      rootTokens: '',
    });
    await close();
  });
});

describe('the iframe', () => {
  test('it resizes itself and reports changes to its listed host', async () => {
    const { page, errors, close } = await open(`${server.url}examples/iframe.html`);
    const framed = new FramedCalculator(page, '#ratecard');
    await framed.ready();
    await page.waitForFunction(() => document.getElementById('ratecard').style.height !== '');
    const start = await framed.height();
    assert.ok(start > 200, `the frame grew to its content (${start} px)`);
    const total = await matchesCli(framed);
    await page.getByTestId('frame-total').getByText(`USD ${total.exact}`).waitFor();

    // Adding lines makes the content taller, and the frame follows.
    await framed.addLine('Deepseek-v3.2', TOKENHUB);
    await framed.addLine('HY-Image-V3.0', TOKENHUB, 'Image');
    await page.waitForFunction((h) => document.getElementById('ratecard').getBoundingClientRect().height > h, start);
    const grown = await framed.height();
    const content = await framed.frame.locator('html').evaluate((html) => html.getBoundingClientRect().height);
    assert.ok(Math.abs(grown - Math.ceil(content)) <= 2, `frame ${grown} px fits its content ${content} px`);
    const after = await matchesCli(framed);
    assert.notEqual(after.exact, total.exact);
    await page.getByTestId('frame-total').getByText(`USD ${after.exact}`).waitFor();
    assert.equal(await framed.frame.getByTestId('frame-notice').isVisible(), false);
    await page.screenshot({ path: resolve(SHOTS, 'embed-iframe.png'), fullPage: true });
    assert.deepEqual(errors, []);
    await close();
  });

  /** On a page of `hostServer`, loads the frame from `server` with `query`; returns what it posted. */
  async function crossOrigin(hostServer, query) {
    const { page, close } = await open(`${hostServer.url}examples/docs.html`);
    await page.evaluate((src) => {
      window.__messages = [];
      window.addEventListener('message', (e) => window.__messages.push({ origin: e.origin, data: e.data }));
      const frame = document.createElement('iframe');
      frame.id = 'probe';
      frame.style.cssText = 'width: 800px; height: 300px';
      frame.src = src;
      document.body.append(frame);
    }, `${server.url}frame.html?${query}`);
    const framed = new FramedCalculator(page, '#probe');
    await framed.ready();
    await framed.fill(1, 'requests', '4321');
    await matchesCli(framed);
    await page.waitForTimeout(300);
    const messages = await page.evaluate(() => window.__messages);
    return { page, framed, messages, close };
  }

  test('a parent on another, listed origin gets resize and change messages from the frame origin', async () => {
    const host = new URL(other.url).origin;
    const { framed, messages, close } = await crossOrigin(other, `origins=${encodeURIComponent(`https://a.example,${host}`)}`);
    assert.notEqual(host, new URL(server.url).origin, 'the host is on another origin than the frame');
    const frameOrigin = new URL(server.url).origin;
    assert.ok(messages.length > 0);
    assert.ok(messages.every((m) => m.origin === frameOrigin));
    assert.ok(messages.some((m) => m.data.type === 'ratecard:resize' && m.data.height > 0));
    const last = messages.filter((m) => m.data.type === 'ratecard:change').at(-1).data;
    assert.equal(last.total, (await framed.total()).exact);
    assert.equal(last.total, cliQuote(last.estimate).total);
    assert.equal(last.estimate.lines[0].requests, '4321');
    assert.equal(await framed.page.getByTestId('frame-notice').isVisible(), false);
    await close();
  });

  test('a parent that is not on the list gets nothing and the frame says so', async () => {
    for (const origins of ['https://a.example,https://b.example', '']) {
      const { framed, messages, close } = await crossOrigin(other, `origins=${encodeURIComponent(origins)}`);
      assert.deepEqual(messages, [], `no message to an unlisted parent (origins=${origins})`);
      const notice = framed.page.getByTestId('frame-notice');
      assert.match(await notice.textContent(), origins ? /not on this calculator's origin list/ : /no origin list/);
      if (origins) {
        await framed.frame.locator('body').evaluate(() => window.scrollTo(0, 0));
        await framed.frameElement.screenshot({ path: resolve(SHOTS, 'embed-iframe-unlisted.png') });
      }
      await close();
    }
  });

  test('messages into the frame are accepted only from the listed parent', async () => {
    const host = new URL(other.url).origin;
    const { page, framed, close } = await crossOrigin(other, `origins=${encodeURIComponent(host)}`);
    // The listed parent sets the estimate with a short link.
    await page.evaluate(() =>
      document
        .getElementById('probe')
        .contentWindow.postMessage({ type: 'ratecard:set', lines: 'p=tencent-tokenhub&m=GLM-5&rq=777&in=1000' }, '*'),
    );
    await until(async () => (await framed.field(1, 'requests').inputValue()) === '777', 'the frame took the estimate');
    assert.deepEqual((await framed.estimate()).lines, [
      { provider: 'tencent-tokenhub', model: 'GLM-5', requests: '777', input_tokens: '1000' },
    ]);
    await matchesCli(framed);
    await close();

    // A frame whose list does not name this page ignores it.
    const second = await crossOrigin(other, `origins=${encodeURIComponent('https://a.example')}`);
    await second.page.evaluate(() =>
      document.getElementById('probe').contentWindow.postMessage({ type: 'ratecard:set', lines: 'p=tencent-tokenhub&m=GLM-5&rq=777' }, '*'),
    );
    await second.page.waitForTimeout(300);
    assert.equal((await second.framed.estimate()).lines[0].requests, '4321');
    await second.close();
  });
});

describe('the page', () => {
  test('sends ratecard:change on its document', async () => {
    const { page, errors, close } = await open(server.url);
    const calc = new Calculator(page);
    await page.getByTestId('total').waitFor();
    await calc.fill(1, 'requests', '3333');
    const total = await matchesCli(calc);
    await page.waitForFunction((exact) => window.__ratecardChanges.at(-1)?.total === exact, total.exact);
    const change = await page.evaluate(() => window.__ratecardChanges.at(-1));
    assert.deepEqual(change.estimate, await calc.estimate());
    assert.equal(change.currency, total.currency);
    assert.deepEqual(errors, []);
    await close();
  });
});

describe('the docs page', () => {
  const line = (model, fields) => ({ provider: 'tencent-tokenhub', model, ...fields });
  const chat = { requests: '10000', input_tokens: '2000', output_tokens: '500' };
  const launch = {
    version: 1,
    currency: 'USD',
    usd_cny: '7.2',
    discounts: { channel: '0.9' },
    lines: [
      line('GLM-5', { requests: '50000', input_tokens: '6000', output_tokens: '1200' }),
      line('HY-Image-V3.0', { images: '300' }),
    ],
  };
  // What each link on the page says, written out by hand.
  const EXPECTED = [
    { version: 1, lines: [line('GLM-5', { requests: '1000', input_tokens: '40000', output_tokens: '800' })] },
    { version: 1, currency: 'USD', lines: [line('GLM-5', chat), line('Deepseek-v3.2', chat)] },
    launch,
    {
      version: 1,
      lines: [{ provider: 'hunyuan-image-global', model: 'Image Style Transfer', images: '9990', free_trial: false }],
    },
  ];

  test('each deep link opens the calculator with the right total', async () => {
    const { page, errors, close } = await open(`${server.url}examples/docs.html`);
    const links = page.getByRole('main').getByRole('link', { name: /^Open / });
    assert.equal(await links.count(), EXPECTED.length);
    const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.match(hrefs[0], /#p=tencent-tokenhub&m=GLM-5&in=40k&out=800&rq=1000$/, 'the short form of the issue');
    assert.match(hrefs[1], /#cmp=1&/, 'the comparison opens compare mode (issue 13)');
    assert.equal(hrefs[2].split('#')[1], cliLink(launch), 'the long link is what `ratecard link` writes');
    await page.screenshot({ path: resolve(SHOTS, 'embed-docs.png'), fullPage: true });
    for (const [i, expected] of EXPECTED.entries()) {
      await page.goto(`${server.url}examples/docs.html`);
      await links.nth(i).click();
      await page.waitForURL(/index\.html/);
      const calc = new Calculator(page);
      await page.getByTestId('total').or(page.getByTestId('compare')).waitFor();
      assert.deepEqual(await calc.linkProblems(), [], `link ${i + 1} opens cleanly`);
      const estimate = await calc.estimate();
      assert.deepEqual(estimate.lines, expected.lines, `link ${i + 1} opens its lines`);
      assert.equal(estimate.currency, expected.currency);
      if (i === 1) {
        // Compare mode: each model's month is the CLI's total for its line alone, never a sum.
        const rows = page.getByTestId('compare-row');
        assert.equal(await rows.count(), 2);
        assert.equal(await page.getByTestId('total').count(), 0);
        for (let r = 0; r < 2; r++) {
          const n = Number(await rows.nth(r).getAttribute('data-line'));
          const alone = { ...expected, lines: [expected.lines[n - 1]] };
          assert.equal(await rows.nth(r).getAttribute('data-exact'), cliQuote(alone).total, `compare row ${r + 1}`);
        }
      } else {
        const total = await matchesCli(calc);
        assert.equal(total.exact, cliQuote(expected).total, `link ${i + 1}: the total of the estimate it says`);
      }
      if (i === 3) {
        // view=curve opens the curve: 9,990 x 0.08 = 799.20 USD today.
        assert.equal(await page.getByTestId('tool-curve').evaluate((d) => d.open), true);
        await page.getByTestId('curve').getByText('Today 9,990 images cost $799.20 a month.').waitFor();
      }
      await page.evaluate(() => localStorage.clear());
    }
    assert.deepEqual(errors, []);
    await close();
  });
});
