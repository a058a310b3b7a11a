// Page object for the Ratecard widget, used by the end-to-end tests.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
/** The native CLI the widget's totals are checked against (built by scripts/test-web.sh). */
export const CLI = process.env.RATECARD_CLI ?? join(ROOT, 'target', 'debug', 'ratecard');
const scratch = mkdtempSync(join(tmpdir(), 'ratecard-e2e-'));
let files = 0;

/**
 * `ratecard quote --json` on an estimate object: `{ total, total_rounded, currency, ... }`.
 * `catalog` is an optional host catalog file (`--catalog`).
 */
export function cliQuote(estimate, catalog) {
  const file = join(scratch, `estimate-${files++}.json`);
  // JSON text is written as it is, so that numbers keep digits a JS number would lose.
  writeFileSync(file, typeof estimate === 'string' ? estimate : JSON.stringify(estimate));
  const extra = catalog ? ['--catalog', catalog] : [];
  return JSON.parse(execFileSync(CLI, ['quote', '--json', ...extra, file], { encoding: 'utf8', maxBuffer: 256 << 20 }));
}

/**
 * `ratecard link [--view VIEW] [--catalog CARDS] FILE` on an estimate object: its link fragment,
 * without the `#`.
 */
export function cliLink(estimate, view, catalog) {
  const file = join(scratch, `estimate-${files++}.json`);
  writeFileSync(file, JSON.stringify(estimate));
  const extra = [...(view ? ['--view', view] : []), ...(catalog ? ['--catalog', catalog] : [])];
  return execFileSync(CLI, ['link', ...extra, file], { encoding: 'utf8' }).trim().replace(/^#/, '');
}

export class Calculator {
  /** @param {import('playwright-core').Page} page */
  constructor(page) {
    this.page = page;
  }

  async open(url) {
    await this.page.goto(url);
    // Compare mode shows the ranked table instead of a total.
    await this.page.getByTestId('total').or(this.page.getByTestId('compare')).waitFor();
  }

  /** Line `n`, counted from 1. */
  line(n) {
    return this.page.getByTestId('line').nth(n - 1);
  }

  async lineCount() {
    return this.page.getByTestId('line').count();
  }

  /** Picks a model on line `n` through the searchable picker. */
  async chooseModel(n, model, providerName, kind) {
    const line = this.line(n);
    const picker = line.getByTestId('model-picker');
    if (!(await picker.isVisible())) await line.getByRole('button', { name: 'Change model' }).click();
    if (kind) await picker.getByRole('radio', { name: kind, exact: true }).check();
    await picker.getByRole('searchbox', { name: 'Search models' }).fill(model);
    await picker.getByRole('button', { name: optionName(model, providerName) }).click();
    await picker.waitFor({ state: 'detached' });
  }

  /** Adds a line (its picker opens) and picks its model. */
  async addLine(model, providerName, kind) {
    await this.page.getByRole('button', { name: 'Add a line' }).click();
    await this.chooseModel(await this.lineCount(), model, providerName, kind);
  }

  field(n, name) {
    return this.line(n).getByTestId(`field-${name}`);
  }

  async fill(n, name, value) {
    await this.field(n, name).fill(String(value));
  }

  fieldError(n, name) {
    return this.line(n).getByTestId(`error-${name}`);
  }

  async setFreeTrial(n, value) {
    await this.line(n).getByLabel('Free trial').selectOption(value);
  }

  async setResolution(n, value) {
    await this.line(n).getByLabel('Resolution').selectOption(value);
  }

  async setCurrency(code) {
    await this.page.getByRole('radio', { name: new RegExp(code) }).check();
  }

  async setRate(value) {
    await this.page.getByRole('textbox', { name: 'USD/CNY rate' }).fill(String(value));
  }

  async setDiscount(kind, value) {
    const details = this.page.locator('.rc-settings__discounts');
    if (!(await details.evaluate((d) => d.open))) await this.page.getByText('Discounts', { exact: true }).click();
    await this.page.getByRole('textbox', { name: kind, exact: true }).fill(String(value));
  }

  /**
   * The exact estimate the widget prices. The page writes it once per change, in a task after the
   * total, so it is read in a task after that one.
   */
  async estimate() {
    const json = await this.page
      .getByTestId('estimate-json')
      .evaluate((el) => new Promise((done) => setTimeout(() => done(el.textContent), 0)));
    return JSON.parse(json);
  }

  /** The month's exact total, its currency, and the displayed text. */
  async total() {
    const el = this.page.getByTestId('total');
    return {
      exact: await el.getAttribute('data-exact'),
      currency: await el.getAttribute('data-currency'),
      text: (await el.textContent()).trim(),
    };
  }

  /**
   * The URL fragment the widget keeps in sync with the estimate, without the `#`. The page writes
   * it a quarter second after the last edit, so it is read after that.
   */
  async fragment() {
    await this.page.waitForTimeout(400);
    return new URL(this.page.url()).hash.slice(1);
  }

  /** Clicks "Copy link" and waits for its status; returns the status text. */
  async copyLink() {
    await this.page.getByRole('button', { name: 'Copy link' }).click();
    const status = this.page.getByTestId('share-status');
    await status.getByText(/copied|Could not copy/).waitFor();
    return (await status.textContent()).trim();
  }

  /** Clicks Reset and confirms ("Reset this estimate? Yes, reset"). */
  async reset() {
    await this.page.getByRole('button', { name: 'Reset', exact: true }).click();
    await this.page.getByRole('button', { name: 'Yes, reset', exact: true }).click();
  }

  /** The messages about the opening link, one per item (empty when there are none). */
  async linkProblems() {
    const alert = this.page.getByTestId('link-problems');
    if (!(await alert.isVisible())) return [];
    return (await alert.getByRole('listitem').allTextContents()).map((t) => t.trim());
  }

  async tierHint(n) {
    return (await this.line(n).getByTestId('tier-hint').textContent()).trim();
  }
}

/**
 * A model option's accessible name, which is what it shows: "GLM-5, Tencent Cloud TokenHub: " and
 * its price summary.
 */
export function optionName(model, providerName) {
  const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${esc(model)}\\s*,\\s*${esc(providerName)}\\s*(:|$)`);
}

/** The digits of a formatted amount, for comparing with a 2-dp string: "¥1,234.50" -> "1234.50". */
export function digits(text) {
  return text.replace(/[^\d.-]/g, '');
}

/** An estimate of `n` GLM-5 lines, varied so that the lines are not all the same. */
export function manyLines(n) {
  const lines = [];
  for (let i = 0; i < n; i++) {
    lines.push({
      provider: 'tencent-tokenhub',
      model: 'GLM-5',
      requests: String(1000 + i),
      input_tokens: String(2000 + (i % 7) * 100),
      output_tokens: '500',
    });
  }
  return { lines };
}
