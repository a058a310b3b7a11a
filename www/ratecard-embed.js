// Ratecard on any page: <script type="module" src=".../ratecard-embed.js"></script>, then
// <ratecard-calculator provider models lines currency locale theme layout hidden catalog>.
// README.md, "Embedding", documents the attributes, the theming tokens and `ratecard:change`.
// (Shipped as written, so its comments count in the size budget: keep them short.)

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
 * The widget's stylesheet, fetched once and adopted by every shadow root. `rem` lengths become
 * pixels (1rem = 16px): in a shadow root `rem` is the host page's root font size. Width media
 * queries become container queries, so the layout follows the element's width.
 */
function styles() {
  sheet ??= fetch(new URL('ratecard.css', here))
    .then((r) => (r.ok ? r.text() : Promise.reject(new Error(`ratecard.css: HTTP ${r.status}`))))
    .then((text) => {
      const s = new CSSStyleSheet();
      s.replaceSync(
        text
          .replace(/(\d*\.?\d+)rem\b/g, (_, n) => `${n * 16}px`)
          .replace(/@media\s*(\((?:min-|max-)?width\b)/g, '@container $1'),
      );
      return s;
    });
  return sheet;
}

const ATTRIBUTES = ['provider', 'models', 'lines', 'currency', 'locale', 'layout', 'hidden', 'hide', 'catalog', 'seller', 'seller-logo'];
// These set the estimate; a change to another attribute keeps the visitor's edits.
const SETS_ESTIMATE = ['provider', 'models', 'lines', 'catalog'];

class RatecardCalculator extends HTMLElement {
  static observedAttributes = ATTRIBUTES;
  #mounted = null;
  #queued = false;
  // The estimate as a link fragment, from this element's last ratecard:change.
  #kept = null;

  constructor() {
    super();
    this.addEventListener('ratecard:change', (e) => {
      if (e.target === this) this.#kept = e.detail.link;
    });
  }

  connectedCallback() {
    this.#schedule();
  }

  disconnectedCallback() {
    this.#unmount();
  }

  attributeChangedCallback(name, before, after) {
    if (SETS_ESTIMATE.includes(name)) this.#kept = null;
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
    if (this.#kept) attrs.lines = this.#kept;
    attrs.hidden ||= attrs.hide;
    attrs.page = new URL('index.html', here).href;
    attrs.catalogJson = this.querySelector('script[type="application/json"]')?.textContent ?? '';
    this.#mounted = wasm.mountEmbed(target, attrs, this);
  }
}

if (!customElements.get('ratecard-calculator')) customElements.define('ratecard-calculator', RatecardCalculator);
