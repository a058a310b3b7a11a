// The performance report (not a timed test; it prints figures and never fails on them): start-up
// time, first priced total on a throttled phone profile, keystroke to updated total on 50 lines
// (and to the laid-out page), and opening a 1,000-line link, of the release build in headless
// Chromium. Usage: node e2e/perf.mjs [dist]
import { resolve } from 'node:path';

import { launch } from './browser.mjs';
import { cliLink, manyLines } from './calculator.mjs';
import { serve } from './server.mjs';

const dist = resolve(process.argv[2] ?? resolve(import.meta.dirname, '..', 'dist'));
const RUNS = 5;
const KEYSTROKES = 100;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const p95 = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)];
};
const ms = (x) => `${x.toFixed(1)} ms`;

/**
 * An init script: records in `window.rcFirstTotal` the time (from navigation start) at which the
 * total first shows a priced amount.
 */
const FIRST_TOTAL = () => {
  const seen = () => {
    const t = document.querySelector('[data-testid=total]');
    if (t && t.dataset.exact && t.textContent.trim() && window.rcFirstTotal === undefined) {
      window.rcFirstTotal = performance.now();
      return true;
    }
    return false;
  };
  const obs = new MutationObserver(() => seen() && obs.disconnect());
  obs.observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
};

/** Opens `url` in a fresh context (with `setup(cdp)` run first) and returns navigation to first total. */
async function firstTotal(browser, url, setup) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  await context.addInitScript(FIRST_TOTAL);
  const page = await context.newPage();
  if (setup) await setup(await context.newCDPSession(page));
  await page.goto(url, { timeout: 120_000 });
  await page.waitForFunction(() => window.rcFirstTotal !== undefined, null, { timeout: 120_000 });
  const t = await page.evaluate(() => window.rcFirstTotal);
  await context.close();
  return t;
}

/** A mid-range phone: CPU 4x slower, 1.6 Mbit/s down (200,000 bytes/s), 150 ms latency. */
const PHONE = async (cdp) => {
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 150,
    downloadThroughput: 200_000,
    uploadThroughput: 93_750,
  });
};

const server = await serve(dist);
const cdn = await serve(dist, 0, { brotli: true });
const browser = await launch();
try {
  // Phone profile: navigation to the first priced total, dist/ served brotli-compressed.
  const phone = [];
  for (let i = 0; i < RUNS; i++) phone.push(await firstTotal(browser, cdn.url, PHONE));

  // A 1,000-line link: navigation to the total shown (unthrottled).
  const fragment = cliLink(manyLines(1000));
  const big = [];
  for (let i = 0; i < 3; i++) big.push(await firstTotal(browser, `${server.url}#${fragment}`));

  // Start-up: navigation start to the `rc-interactive` mark, set once the app is mounted with its
  // handlers attached and the first quote shown. A fresh context each run (cold cache).
  const starts = [];
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.getByTestId('total').waitFor();
    starts.push(await page.evaluate(() => performance.getEntriesByName('rc-interactive')[0].startTime));
    await context.close();
  }

  // Recompute: 50 lines, then keystrokes into line 1's requests field; each is timed in the page
  // from just before the input event to the moment the total's DOM changes.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.getByTestId('total').waitFor();
  const lines = await page.evaluate(async () => {
    const tick = () => new Promise((r) => setTimeout(r, 0));
    for (let i = 0; i < 49; i++) {
      document.querySelector('[data-testid=duplicate-line]').click();
      await tick();
    }
    await tick();
    return document.querySelectorAll('[data-testid=line]').length;
  });
  if (lines !== 50) throw new Error(`expected 50 lines, got ${lines}`);
  const { out: times, laid } = await page.evaluate(async (n) => {
    const input = document.querySelector('[data-testid=line] [data-testid=field-requests]');
    const total = document.querySelector('[data-testid=total]');
    const out = [];
    const laid = [];
    for (let i = 0; i < n; i++) {
      const t = await new Promise((done) => {
        let t0 = 0;
        const obs = new MutationObserver(() => {
          obs.disconnect();
          done(performance.now() - t0);
        });
        obs.observe(total, { attributes: true, childList: true, subtree: true, characterData: true });
        t0 = performance.now();
        input.value = String(1000 + (i % 2 ? 7 : 3) * (i + 1));
        input.dispatchEvent(new Event('input', { bubbles: true }));
        // Two tasks later every effect has run, and so has the work the page does once per change
        // after the total (the rows, the year, the URL, storage); forcing layout then adds the
        // style and layout the change costs: all a keystroke costs before the next frame.
        setTimeout(() => {
          setTimeout(() => {
            void document.body.getBoundingClientRect();
            laid.push(performance.now() - t0);
          }, 0);
        }, 0);
      });
      out.push(t);
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    }
    await new Promise((r) => setTimeout(r, 50));
    return { out, laid };
  }, KEYSTROKES);
  await context.close();

  console.log(`start-up (navigation to interactive, median of ${RUNS}): ${ms(median(starts))}  [${starts.map((x) => x.toFixed(0)).join(', ')} ms]`);
  console.log(`recompute (keystroke to updated total, 50 lines, ${KEYSTROKES} keystrokes): median ${ms(median(times))}, p95 ${ms(p95(times))}`);
  console.log(`keystroke to laid-out page (every effect, the work after the total, style and layout; 50 lines): median ${ms(median(laid))}, p95 ${ms(p95(laid))}`);
  console.log(`phone profile (CPU 4x, 1.6 Mbit/s, 150 ms; brotli; navigation to first total, median of ${RUNS}): ${ms(median(phone))}  [${phone.map((x) => x.toFixed(0)).join(', ')} ms]`);
  console.log(`1,000-line link (navigation to total, median of ${big.length}): ${ms(median(big))}  [${big.map((x) => x.toFixed(0)).join(', ')} ms]`);
} finally {
  await browser.close();
  await server.close();
  await cdn.close();
}
