// Type declarations for Ratecard's JavaScript API (wasm-bindgen exports of `src/js.rs`).
// Every amount and quantity in a breakdown is an exact decimal string; quantities in an estimate
// may be numbers or decimal strings. Every function checks its arguments' JS types and throws an
// Error naming the function and argument ("estimateTokens: text must be a string, not an object");
// NaN, Infinity, BigInt and functions inside an estimate are named where they are ("line 1:
// requests: NaN is not a number"), and documents over the README's Limits are refused by name.

/** A quantity or price: a JSON number or an exact decimal string such as "0.9". */
export type Decimal = number | string;
export type Currency = "USD" | "CNY";

export interface Discounts {
  /** Channel discount multiplier, e.g. 0.9 for 10% off. */
  channel?: Decimal;
  /** User discount multiplier. */
  user?: Decimal;
  /** Negotiated discount multiplier. */
  negotiated?: Decimal;
}

/** One line: a model and its monthly usage. Give only the fields the model is priced on. */
export interface Line {
  provider: string;
  /** Published model name (any case) or model id. */
  model: string;
  label?: string;
  /** Per month. */
  requests?: Decimal;
  /** Per request; cached, thinking, audio, image and cache-write tokens are parts of these. */
  input_tokens?: Decimal;
  output_tokens?: Decimal;
  cached_tokens?: Decimal;
  thinking_tokens?: Decimal;
  cache_write_5m_tokens?: Decimal;
  cache_write_1h_tokens?: Decimal;
  audio_input_tokens?: Decimal;
  image_input_tokens?: Decimal;
  audio_output_tokens?: Decimal;
  image_output_tokens?: Decimal;
  /** Per month. */
  images?: Decimal;
  width?: Decimal;
  height?: Decimal;
  megapixels?: Decimal;
  /** Per month. */
  calls?: Decimal;
  /** Per call (video). */
  seconds?: Decimal;
  resolution?: "360p" | "480p" | "540p" | "720p" | "1080p" | "2k" | "4k";
  template?: string;
  /** Credits per call: the point in a range, or an unpublished template's consumption. */
  credits?: Decimal;
  free_trial?: boolean;
  free_remaining?: Decimal;
  prepaid_remaining?: Decimal;
  packages?: { size: Decimal; count?: Decimal }[];
  extra_concurrency?: Decimal;
  concurrency_days?: Decimal;
  priority?: boolean;
  hours?: Decimal;
  replicas?: Decimal;
  compute_units?: Decimal;
  quantity?: Decimal;
  /** For unpublished unit prices, in the card currency. */
  unit_price?: Decimal;
  /** For unpublished token prices, per 1M tokens in the card currency. */
  prices?: { input_per_1m?: Decimal; output_per_1m?: Decimal; cache_hit_per_1m?: Decimal; thinking_per_1m?: Decimal };
  discounts?: Discounts;
}

export interface Estimate {
  version?: 1;
  currency?: Currency;
  /** CNY per USD; 7.3 by default. */
  usd_cny?: Decimal;
  discounts?: Discounts;
  title?: string;
  customer?: string;
  notes?: string;
  valid_days?: Decimal;
  lines: Line[];
}

export interface TierChoice { index: number; of: number; label: string; reason: string }

export interface Component {
  kind: string;
  label: string;
  detail?: string;
  quantity: string;
  unit: string;
  free: string;
  prepaid: string;
  billable: string;
  unit_price: string;
  price_per: string;
  multiple?: string;
  tier?: TierChoice;
  settlement: "postpaid" | "prepaid";
  /** In the card currency. */
  amount: string;
  /** In the display currency. */
  amount_display: string;
}

export interface Drawdown {
  source: string;
  name: string;
  unit: string;
  available: string;
  used: string;
  remaining: string;
  stated: boolean;
  validity_days?: number;
  claim_by?: string;
}

export interface LineQuote {
  /** Counted from 1. */
  line: number;
  provider: string;
  provider_name: string;
  model: string;
  model_id: string;
  label?: string;
  /** The card currency. */
  currency: Currency;
  tier?: TierChoice;
  components: Component[];
  free?: Drawdown;
  prepaid?: Drawdown;
  postpaid: string;
  discounts: { kind: "channel" | "user" | "negotiated"; multiplier: string; amount: string; amount_display: string }[];
  total: string;
  total_display: string;
  total_min?: string;
  total_max?: string;
  flags: { code: string; message: string }[];
}

export interface Breakdown {
  currency: Currency;
  usd_cny: string;
  usd_cny_source: "estimate" | "default";
  /** The month's total in the display currency, exact. */
  total: string;
  total_min?: string;
  total_max?: string;
  lines: LineQuote[];
  errors: { line?: number; model?: string; field: string; kind: string; message: string }[];
}

/**
 * An estimate as an object, or as its JSON text. Text keeps every digit of a number: a JS number
 * has already been through a binary double (7.123456789012345678 is 7.123456789012346 as one).
 */
export type EstimateInput = Estimate | string;

/** Prices an estimate for one month. Throws an Error naming the line and field of a problem. */
export function quote(estimate: EstimateInput): Breakdown;
/** Twelve months of the same usage (free quotas expire, packages are bought once). */
export function projectYear(estimate: EstimateInput): { months: string[]; total: string };
/** The rate cards in use, in the rate-card schema of pricing/README.md. */
export function catalog(): { file: string; card: unknown }[];
/** Token estimate from text: ceil(CJK characters / 1.8 + English words / 0.75). Throws an Error when text is not a string or is over 50,000,000 characters. */
export function estimateTokens(text: string): { cjk_chars: number; english_words: number; tokens: number };
/** Checks a host's rate card(s), as objects or JSON text, and prices later quotes with them. Throws an Error listing every problem. */
export function loadCatalog(cards: unknown, source?: string): { providers: string[]; warnings: string[] };
/** Writes an estimate as a deep-link fragment (without '#'). */
export function encodeLink(estimate: EstimateInput, view?: string): string;
/** Reads a deep-link fragment; throws only when fragment is not a string. What cannot be read, and a link over the limits, is listed in problems. */
export function decodeLink(fragment: string): { estimate: Estimate; view?: string; catalog?: string; problems: string[] };

/**
 * The `detail` of the `ratecard:change` event a `<ratecard-calculator>` element (or the page's
 * `document`) dispatches whenever the estimate or its total changes; the iframe posts the same
 * fields with `type: "ratecard:change"` to an allowed parent.
 */
export interface RatecardChangeDetail {
  /** The estimate document, as everywhere else. */
  estimate: Estimate;
  /** The month's total in the display currency, exact. */
  total: string;
  /** The same, rounded for display (half away from zero), as the widget shows it. */
  total_rounded: string;
  currency: Currency;
  /** The estimate as a deep-link fragment: for the element's `lines`, or `page.html#` + it. */
  link: string;
}

declare global {
  interface HTMLElementEventMap {
    "ratecard:change": CustomEvent<RatecardChangeDetail>;
  }
}

/**
 * Reads an estimate document to import (a bare estimate, or an export with `estimate` and
 * `breakdown`) strictly, and returns it as a link fragment (read it with `decodeLink`). The widget
 * loads this bundle on demand for its Import.
 * @throws Error naming the JSON position of a syntax error, or the line and field that is wrong.
 */
export function importEstimate(text: string): string;

/**
 * Checks a host's rate cards (JSON text: one card, or an array of cards or `{ file, card }`,
 * named `label`) exactly as the CLI does, and returns them packed for the widget, which loads this
 * bundle on demand when a host gives it cards, with the catalog version (`cat`) that links made
 * over the embedded cards and these carry.
 * @throws Error listing every problem, one per line, each naming its file, model and field.
 */
export function packCatalog(text: string, label: string): { pack: Uint8Array; version: string };

/**
 * The quote of `estimate` as CSV, Markdown or the JSON export document, byte for byte what the CLI
 * writes. `host` is a host catalog's JSON text (named `hostLabel`) to price with for this call only.
 * The widget loads this bundle on demand for its Export.
 * @throws Error when the estimate or host catalog cannot be read, or the format is unknown.
 */
export function exportQuote(format: "csv" | "markdown" | "json", estimate: EstimateInput, host?: string, hostLabel?: string): string;
