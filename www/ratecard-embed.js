// Ratecard on any page: <script type="module" src=".../ratecard-embed.js"></script>, then
// <ratecard-calculator provider providers models lines currency locale theme layout hidden brand catalog>.
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

/** WCAG relative luminance of `rgb(r, g, b)` text; NaN if it is not that. */
function luminance(css) {
  const c = css.match(/[\d.]+/g)?.slice(0, 3).map((v) => {
    const x = v / 255;
    return x <= 0.04045 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
  });
  return c?.length === 3 ? 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2] : NaN;
}

/**
 * Warns (console.warn) when the accent colour, as the host's --rc-accent sets it, has less than
 * WCAG AA's 4.5:1 contrast with the calculator's background or surface: the accent is text there.
 */
function checkAccent(el, target) {
  const probe = document.createElement('span');
  target.append(probe);
  const read = (token) => {
    probe.style.color = `var(${token})`;
    return getComputedStyle(probe).color;
  };
  const accent = read('--rc-accent');
  const named = getComputedStyle(el).getPropertyValue('--rc-accent').trim() || accent;
  let worst;
  for (const token of ['--rc-bg', '--rc-surface']) {
    const bg = read(token);
    const [a, b] = [luminance(accent), luminance(bg)];
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    if (ratio < (worst?.ratio ?? 4.5)) worst = { ratio, bg, token };
  }
  probe.remove();
  if (worst) {
    console.warn(
      `Ratecard: the accent colour ${named} (--rc-accent, ${accent}) has a contrast ratio of ` +
        `${Math.floor(worst.ratio * 100) / 100}:1 against the background ${worst.bg} (${worst.token}) ` +
        `of <ratecard-calculator${el.id ? ` id="${el.id}"` : ''}>; WCAG AA asks for at least 4.5:1.`,
    );
  }
}

const ATTRIBUTES = ['provider', 'providers', 'models', 'lines', 'currency', 'locale', 'layout', 'hidden', 'hide', 'brand', 'catalog', 'seller', 'seller-logo'];
// These set the estimate; a change to another attribute keeps the visitor's edits.
const SETS_ESTIMATE = ['provider', 'providers', 'models', 'lines', 'catalog'];
let made = 0;

class RatecardCalculator extends HTMLElement {
  static observedAttributes = ATTRIBUTES;
  #mounted = null;
  #queued = false;
  // The estimate as a link fragment, from this element's last ratecard:change.
  #kept = null;
  // This element's number on the page, part of its landmark's name from the second on.
  #n = ++made;

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
    attrs.instance = String(this.#n);
    attrs.catalogJson = this.querySelector('script[type="application/json"]')?.textContent ?? '';
    this.#mounted = wasm.mountEmbed(target, attrs, this);
    checkAccent(this, target);
  }
}

if (!customElements.get('ratecard-calculator')) customElements.define('ratecard-calculator', RatecardCalculator);
