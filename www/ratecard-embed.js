// Ratecard on any page: one script tag, then <ratecard-calculator> elements.
//
//   <script type="module" src="https://example.com/ratecard/ratecard-embed.js"></script>
//   <ratecard-calculator provider="tencent-tokenhub" models="GLM-5,DeepSeek-V3.2" currency="USD"
//     layout="compact" hidden="discounts,share" theme="dark" locale="zh-CN"></ratecard-calculator>
//
// Attributes (all optional):
//   provider  the provider of `models` (a rate card id, e.g. tencent-tokenhub; default: that one).
//   models    comma-separated model names: one estimate line each, with typical usage.
//   lines     the starting estimate as a link fragment, long (`v=1&...&z=...`) or short
//             (`p=tencent-tokenhub&m=GLM-5&in=40000`); wins over provider/models. What it cannot
//             say is listed above the calculator, as on the page.
//   currency  USD or CNY: the display currency.
//   locale    a language tag (en, zh-CN ...); default: the browser's language.
//   theme     light, dark or auto (default: auto, following prefers-color-scheme).
//   layout    full (default) or compact (lines and totals, for a narrow column).
//   hidden    controls to hide, separated by commas or spaces: currency, discounts, free, share,
//             quote, chart, breakdown, language. (The element stays visible: its stylesheet
//             overrides the browser's [hidden] rule. A page whose CSS reset has
//             `[hidden] { display: none !important }` can write `hide="…"` instead.)
//   catalog   the URL of a host rate card (JSON); or put the card in a child
//             <script type="application/json">…</script>.
// Changing an attribute re-creates the calculator (theme only restyles it).
//
// Styling: the calculator lives in an open shadow root, so page CSS does not reach into it and its
// CSS does not reach out. Theme it with custom properties on the element, e.g.
//   ratecard-calculator { --rc-accent: #0a7f5a; --rc-bg: #fff; --rc-radius: 4px; }
// (--rc-font, --rc-bg, --rc-surface, --rc-text, --rc-text-muted, --rc-border, --rc-accent,
// --rc-accent-hover, --rc-accent-soft, --rc-on-accent, --rc-radius, --rc-radius-sm ... see
// ratecard.css, "tokens").
//
// Events: `ratecard:change` (bubbles, composed) on the element whenever the estimate or its total
// changes, and once on start: detail = { estimate, total, currency }, where estimate is the
// estimate JSON document, total the exact monthly total as a decimal string, currency USD or CNY.

const here = import.meta.url;
let module;
let sheet;

/** The widget's wasm module, loaded and started once for every element on the page. */
function load() {
  module ??= import(new URL('ratecard-web.js', here).href).then(async (m) => {
    await m.default({ module_or_path: new URL('ratecard-web_bg.wasm', here) });
    return m;
  });
  return module;
}

/**
 * The widget's stylesheet, fetched once and adopted by every shadow root. Its `rem` lengths are
 * turned into pixels (1rem = 16px): in a shadow root `rem` is the host page's root font size, so a
 * page with `html { font-size: 62.5% }` would otherwise shrink the calculator.
 */
function styles() {
  sheet ??= fetch(new URL('ratecard.css', here))
    .then((r) => (r.ok ? r.text() : Promise.reject(new Error(`ratecard.css: HTTP ${r.status}`))))
    .then((text) => {
      const s = new CSSStyleSheet();
      s.replaceSync(text.replace(/(\d*\.?\d+)rem\b/g, (_, n) => `${n * 16}px`));
      return s;
    });
  return sheet;
}

const ATTRIBUTES = ['provider', 'models', 'lines', 'currency', 'locale', 'layout', 'hidden', 'hide', 'catalog'];

class RatecardCalculator extends HTMLElement {
  static observedAttributes = ATTRIBUTES;
  #mounted = null;
  #queued = false;

  connectedCallback() {
    this.#schedule();
  }

  disconnectedCallback() {
    this.#unmount();
  }

  attributeChangedCallback(_name, before, after) {
    if (before !== after && this.isConnected) this.#schedule();
  }

  /** Mounts once per task, however many attributes changed. */
  #schedule() {
    if (this.#queued) return;
    this.#queued = true;
    queueMicrotask(() => {
      this.#queued = false;
      this.#mount();
    });
  }

  #unmount() {
    this.#mounted?.free();
    this.#mounted = null;
  }

  async #mount() {
    const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    let wasm;
    try {
      const [m, s] = await Promise.all([load(), styles()]);
      root.adoptedStyleSheets = [s];
      wasm = m;
    } catch (e) {
      root.textContent = `Ratecard could not load: ${e.message}`;
      return;
    }
    if (!this.isConnected) return;
    this.#unmount();
    const target = document.createElement('div');
    target.className = 'rc-host';
    root.replaceChildren(target);
    const attrs = {};
    for (const name of ATTRIBUTES) attrs[name] = this.getAttribute(name) ?? '';
    attrs.hidden ||= attrs.hide;
    attrs.catalogJson = this.querySelector('script[type="application/json"]')?.textContent ?? '';
    this.#mounted = wasm.mountEmbed(target, attrs, (estimate, total, currency) => {
      this.dispatchEvent(
        new CustomEvent('ratecard:change', { bubbles: true, composed: true, detail: { estimate, total, currency } }),
      );
    });
  }
}

if (!customElements.get('ratecard-calculator')) customElements.define('ratecard-calculator', RatecardCalculator);
