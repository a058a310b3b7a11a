// Deploying dist/ as it is: under a path prefix, behind a strict Content-Security-Policy. The page,
// an embedded <ratecard-calculator> on a host page and the iframe each start, price, and report no
// CSP violation; an embedded element's "Copy link" opens a working calculator page under the same
// prefix; Import (which loads the JS API bundle on demand) works there too.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';

import { launch } from './browser.mjs';
import { Calculator, cliQuote, digits } from './calculator.mjs';
import { EmbeddedCalculator, FramedCalculator } from './embedded.mjs';
import { ROOT } from './harness.mjs';
import { serve } from './server.mjs';

/** The policy the README tells hosts to send. */
export const STRICT_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'";
const PREFIX = '/tools/ratecard/';

// Host pages written the way a strict site writes them: no inline script or style.
const PAGES = {
  '/host.html': `<!doctype html><html lang="en"><head><meta charset="utf-8">
    <script type="module" src="./ratecard-embed.js"></script></head>
    <body><ratecard-calculator id="calc" locale="en" provider="hunyuan-image-global" models="Image Style Transfer"></ratecard-calculator></body></html>`,
};
/** The iframe's host page, allowing its own origin (known once the server listens). */
const framedPage = (origin) => `<!doctype html><html lang="en"><head><meta charset="utf-8"></head>
    <body><iframe id="frame" title="Ratecard" src="./frame.html?locale=en&origins=${origin}"></iframe></body></html>`;

/** An init script: records every securitypolicyviolation in this document, and every message. */
function recordViolations() {
  window.__csp = [];
  window.__messages = [];
  window.addEventListener('message', (e) => window.__messages.push(e.data));
  document.addEventListener('securitypolicyviolation', (e) =>
    window.__csp.push(`${e.violatedDirective}: ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`),
  );
}

describe('dist/ under a path prefix and a strict Content-Security-Policy', () => {
  const h = {};
  before(async () => {
    h.server = await serve(process.env.RATECARD_DIST ?? resolve(ROOT, 'dist'), 0, {
      prefix: PREFIX,
      headers: { 'content-security-policy': STRICT_CSP },
      pages: PAGES,
    });
    PAGES['/framed.html'] = framedPage(new URL(h.server.url).origin);
    h.browser = await launch();
  });
  after(async () => {
    await h.browser?.close();
    await h.server?.close();
  });

  /** A fresh page recording page errors, console CSP reports and violation events. */
  async function page() {
    const context = await h.browser.newContext({
      locale: 'en-US',
      viewport: { width: 1280, height: 900 },
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    await context.addInitScript(recordViolations);
    const p = await context.newPage();
    p.errors = [];
    p.on('pageerror', (e) => p.errors.push(e.message));
    p.on('console', (m) => {
      if (/Content[- ]Security[- ]Policy/i.test(m.text())) p.errors.push(m.text());
    });
    p.closeAll = () => context.close();
    return p;
  }

  async function violations(p) {
    const all = [];
    for (const frame of p.frames()) all.push(...(await frame.evaluate(() => window.__csp ?? []).catch(() => [])));
    return all;
  }

  test('the calculator page starts and prices from the prefix', async () => {
    assert.ok(h.server.url.endsWith(PREFIX));
    const p = await page();
    const calc = new Calculator(p);
    await calc.open(`${h.server.url}#p=tencent-tokenhub&m=GLM-5&rq=1000&in=40000&out=1000`);
    const cli = cliQuote(await calc.estimate());
    assert.equal(digits((await calc.total()).text), cli.total_rounded);
    assert.deepEqual(await violations(p), []);
    assert.deepEqual(p.errors, []);
    await p.closeAll();
  });

  test('an embedded element works, and its "Copy link" opens a calculator page that works', async () => {
    const p = await page();
    await p.goto(`${h.server.url}host.html`);
    const el = new EmbeddedCalculator(p, '#calc');
    await el.ready();
    const estimate = await el.estimate();
    assert.equal(digits((await el.total()).text), cliQuote(estimate).total_rounded);
    assert.equal(await el.copyLink(), 'Link copied');
    const link = await p.evaluate(() => navigator.clipboard.readText());
    assert.ok(link.startsWith(`${h.server.url}index.html`), `the link points next to the embed script: ${link}`);
    const opened = await page();
    const calc = new Calculator(opened);
    await calc.open(link);
    assert.equal(digits((await calc.total()).text), cliQuote(await calc.estimate()).total_rounded);
    assert.deepEqual(await violations(p), []);
    assert.deepEqual(await violations(opened), []);
    assert.deepEqual([...p.errors, ...opened.errors], []);
    await p.closeAll();
    await opened.closeAll();
  });

  test('the iframe starts under the prefix and posts its height to an allowed parent', async () => {
    const p = await page();
    await p.goto(`${h.server.url}framed.html`);
    const framed = new FramedCalculator(p, '#frame');
    await framed.ready();
    await p.waitForFunction(() => window.__messages.some((m) => m?.type === 'ratecard:resize' && m.height > 0));
    assert.equal(await framed.page.getByTestId('frame-notice').isVisible(), false, 'the parent is on the list');
    assert.deepEqual(await violations(p), []);
    assert.deepEqual(p.errors, []);
    await p.closeAll();
  });

  test('Import loads the JS API bundle from beside the page', async () => {
    const p = await page();
    const calc = new Calculator(p);
    await calc.open(h.server.url);
    const doc = { version: 1, lines: [{ provider: 'gateway', model: 'FLUX1.1 [pro]', images: 250 }] };
    const q = p.getByTestId('quote');
    await q.getByRole('textbox', { name: 'Or paste an estimate (JSON)' }).fill(JSON.stringify(doc));
    await q.getByRole('button', { name: 'Import pasted estimate' }).click();
    // By hand (seed 004): 250 images x 0.04 USD = 10 USD.
    await p.getByTestId('total').getByText(/10\.00/).waitFor();
    assert.deepEqual(await violations(p), []);
    assert.deepEqual(p.errors, []);
    await p.closeAll();
  });
});
