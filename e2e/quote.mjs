// Page object for the widget's Quote section (export, import, printable quote), and the CLI
// exports it is checked against.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { CLI, Calculator } from './calculator.mjs';

const scratch = mkdtempSync(join(tmpdir(), 'ratecard-quote-'));
let files = 0;

/** `ratecard quote --csv|--markdown|--json [extra...]` on an estimate object, as text. */
export function cliExport(estimate, format, extra = []) {
  const file = join(scratch, `estimate-${files++}.json`);
  writeFileSync(file, JSON.stringify(estimate));
  return execFileSync(CLI, ['quote', `--${format}`, ...extra, file], { encoding: 'utf8' });
}

/** An exact decimal string rounded half away from zero to the cent, as amounts are shown. */
export function cents(amount) {
  const neg = amount.startsWith('-');
  const [whole, frac = ''] = amount.replace('-', '').split('.');
  const f = `${frac}000`;
  let c = BigInt(whole) * 100n + BigInt(f.slice(0, 2));
  if (Number(f[2]) >= 5) c += 1n;
  const t = c.toString().padStart(3, '0');
  return `${neg ? '-' : ''}${t.slice(0, -2)}.${t.slice(-2)}`;
}

export class QuoteCalculator extends Calculator {
  /** The Quote section. */
  quote() {
    return this.page.getByTestId('quote');
  }

  /** Clicks a download button ("Download CSV" or "Download JSON"); resolves to `{ name, text }`. */
  async download(name) {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.quote().getByRole('button', { name, exact: true }).click(),
    ]);
    const text = readFileSync(await download.path(), 'utf8');
    return { name: download.suggestedFilename(), text };
  }

  /** Clicks "Copy Markdown", waits for its status and returns the status text. */
  async copyMarkdown() {
    await this.quote().getByRole('button', { name: 'Copy Markdown' }).click();
    const status = this.page.getByTestId('export-status');
    await status.getByText(/copied|refused/).waitFor();
    return (await status.textContent()).trim();
  }

  /** Pastes `text` into the import box and clicks "Import pasted estimate". */
  async importPaste(text) {
    await this.quote().getByRole('textbox', { name: 'Or paste an estimate (JSON)' }).fill(text);
    await this.quote().getByRole('button', { name: 'Import pasted estimate' }).click();
  }

  /** Chooses a file named `name` holding `text` in the import file picker. */
  async importFile(name, text) {
    await this.quote()
      .getByLabel('Estimate file (.json)')
      .setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  }

  /**
   * Waits for the import from `source` (a file name, or "Pasted text") to report success or
   * failure; returns `{ status, error }`.
   */
  async importResult(source = 'Pasted text') {
    const status = this.page.getByTestId('import-status');
    const error = this.page.getByTestId('import-error');
    await this.page.waitForFunction(
      (from) => ['import-status', 'import-error'].some((id) =>
        document.querySelector(`[data-testid=${id}]`).textContent.startsWith(`${from}: `)),
      source,
    );
    return { status: (await status.textContent()).trim(), error: (await error.textContent()).trim() };
  }

  /** Fills the printable quote's details; `letter` picks US Letter paper. */
  async setQuoteDetails({ customer, days, notes, letter }) {
    const q = this.quote();
    if (customer !== undefined) await q.getByRole('textbox', { name: 'Customer' }).fill(customer);
    if (days !== undefined) await q.getByRole('textbox', { name: 'Valid for (days)' }).fill(String(days));
    if (notes !== undefined) await q.getByRole('textbox', { name: 'Notes' }).fill(notes);
    if (letter !== undefined) await q.getByRole('radio', { name: letter ? 'Letter' : 'A4' }).check();
  }

  /** The "Valid until" note under the validity field. */
  async validUntilNote() {
    return (await this.page.getByTestId('quote-valid-until').textContent()).trim();
  }
}
