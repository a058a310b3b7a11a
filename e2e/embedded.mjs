// Page objects for embedded Ratecard: a <ratecard-calculator> element on a host page, and the
// widget in an iframe. Both reuse the Calculator page object, scoped to the instance: Playwright's
// getByRole / getByTestId pierce the element's open shadow root, and a frame locator scopes to the
// iframe's document.
import { Calculator } from './calculator.mjs';

/** One <ratecard-calculator> on a host page, found by a CSS selector for the element. */
export class EmbeddedCalculator extends Calculator {
  /**
   * @param {import('playwright-core').Page} page
   * @param {string} selector
   */
  constructor(page, selector) {
    super(page.locator(selector));
    this.hostPage = page;
    this.selector = selector;
    this.element = page.locator(selector);
  }

  async ready() {
    await this.element.getByTestId('total').waitFor();
    await this.page.getByTestId('estimate-json').waitFor({ state: 'attached' });
  }

  /** A computed style property of the first element matching `css` inside the shadow root. */
  async style(css, property) {
    return this.element.evaluate(
      (host, [css, property]) => {
        const el = host.shadowRoot.querySelector(css);
        return el ? getComputedStyle(el).getPropertyValue(property) : null;
      },
      [css, property],
    );
  }

  /** The `ratecard:change` details this element dispatched, oldest first (see recordChanges). */
  async changes() {
    return this.element.evaluate((host) => (window.__ratecardChanges ?? []).filter((c) => c.target === host.id));
  }
}

/** An init script: records every ratecard:change that reaches the document, with its element's id. */
export function recordChanges() {
  window.__ratecardChanges = [];
  document.addEventListener('ratecard:change', (e) => {
    window.__ratecardChanges.push({ target: e.target.id, ...e.detail });
  });
}

/** The widget inside an iframe, found by a CSS selector for the iframe. */
export class FramedCalculator extends Calculator {
  /**
   * @param {import('playwright-core').Page} page
   * @param {string} selector
   */
  constructor(page, selector) {
    const frame = page.frameLocator(selector);
    super(frame.locator('body'));
    this.hostPage = page;
    this.frameElement = page.locator(selector);
    this.frame = frame;
  }

  async ready() {
    await this.page.getByTestId('total').waitFor();
  }

  /** The iframe's current height in CSS pixels, as the host laid it out. */
  async height() {
    return this.frameElement.evaluate((f) => f.getBoundingClientRect().height);
  }
}
